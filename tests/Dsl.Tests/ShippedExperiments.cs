using SlurmSearch.Dsl.Parsing;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Dsl.Tests;

/// <summary>The experiment files shipped in experiments/.</summary>
internal static class ShippedExperiments
{
    public static IReadOnlyList<string> Names { get; } = ["hp_tuning_effects", "compare_agents", "tuning_config_effects"];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static string PathOf(string name) => Repository.PathOf("experiments", name + ".exp");

    public static ExperimentDefinition Load(string name) => ExperimentParser.ParseFile(PathOf(name));
}
