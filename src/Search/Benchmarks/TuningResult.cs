using System.Text.Json.Nodes;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>
/// One sampler on one test function: the final regret over seeds and the median suggestion time.
/// <see cref="FinalRegrets"/> (one per seed) and <see cref="RegretAt"/> are kept for reports but not serialised.
/// </summary>
public sealed record TuningResult(
    string Function,
    string Sampler,
    int Evaluations,
    int Seeds,
    RegretSummary FinalRegret,
    double SuggestMedianMs,
    IReadOnlyList<double> FinalRegrets,
    IReadOnlyDictionary<int, double> RegretAt)
{
    /// <summary>
    /// <c>{"func":…, "sampler":…, "evals":N, "seeds":K, "final_regret":{"median":…, "q25":…, "q75":…}, "suggest_ms":{"median":…}}</c>.
    /// </summary>
    public string ToJson() => new JsonObject
    {
        ["func"] = Function,
        ["sampler"] = Sampler,
        ["evals"] = Evaluations,
        ["seeds"] = Seeds,
        ["final_regret"] = new JsonObject
        {
            ["median"] = FinalRegret.Median,
            ["q25"] = FinalRegret.Q25,
            ["q75"] = FinalRegret.Q75,
        },
        ["suggest_ms"] = new JsonObject { ["median"] = SuggestMedianMs },
    }.ToJsonString();
}
