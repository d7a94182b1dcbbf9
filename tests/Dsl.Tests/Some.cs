using SlurmSearch.Dsl.Parsing;
using SlurmSearch.Dsl.Syntax;

namespace SlurmSearch.Dsl.Tests;

/// <summary>Test data: a small valid experiment whose blocks can be replaced one at a time.</summary>
internal static class Some
{
    public const string Config = """
        config {
            agent: "a2c"
            env: "CartPole-v1"
            hp_space: { lr: loguniform(log(1e-4), log(1e-2)) }
            run_seed_space: quniform(0, 100, 1)
            agent_space: ["a2c", "debug"]
            run_params: { train_frames: 1000 }
            search: { samples: 4, method: "inline", threads: 2, measure: "mean" }
        }
        """;

    public const string Objective = """
        objective return_mean(env, agent, hp, run_params, run_seed) = command "rl_agent" field "return_mean"
        """;

    public const string Experiment = """
        experiment {
            space = maximize hp by "mean" samples search:samples method search:method threads search:threads [
                random run_seed samples 3 [ return_mean(env, agent, hp, run_params, run_seed) ]
            ]
            best = space["argmax:mean"]
        }
        """;

    public const string Results = """
        results {
            best
            mean: space["mean:mean"]
        }
        """;

    public static string Text(string? config = null, string? objective = null, string? experiment = null, string? results = null, string report = "") =>
        string.Join("\n", config ?? Config, objective ?? Objective, experiment ?? Experiment, results ?? Results, report) + "\n";

    public static ExperimentDefinition Parse(string text) => ExperimentParser.Parse(text, "test", "test.exp");

    public static DslParseException Errors(string text) => Assert.Throws<DslParseException>(() => Parse(text));

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="needle"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Locate(string text, string needle, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{needle}' not in the text");
        }

        var line = text[..index].Count(c => c == '\n') + 1;
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;
        return (line, column);
    }
}
