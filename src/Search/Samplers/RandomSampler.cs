using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Samplers;

/// <summary>
/// hyperopt's <c>rand.suggest</c>: every active hyperparameter drawn independently from its prior, parents first so that a
/// conditional parameter is drawn only under the option that activates it. The history is not consulted.
/// </summary>
public sealed class RandomSampler : Sampler
{
    /// <inheritdoc />
    public override string Name => "rand";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> SuggestCore(SearchSpace space, IReadOnlyList<Observation> history, Random random)
    {
        var values = new Dictionary<string, double>(space.Parameters.Count, StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            if (parameter.IsActiveIn(values))
            {
                values[parameter.Label] = PriorSampling.Sample(parameter.Distribution, random);
            }
        }

        return values;
    }
}
