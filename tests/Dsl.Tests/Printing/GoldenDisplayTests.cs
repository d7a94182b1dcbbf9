using SlurmSearch.Dsl.Printing;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Dsl.Tests.Printing;

/// <summary>
/// Both AST displays of every shipped experiment match the files in tests/Dsl.Tests/Golden. To accept a deliberate change, run
/// with SSEARCH_UPDATE_GOLDEN=1, then read the diff before committing it.
/// </summary>
public sealed class GoldenDisplayTests
{
    [Theory]
    [MemberData(nameof(ShippedExperiments.All), MemberType = typeof(ShippedExperiments))]
    public void TreePrinter_ShippedExperiment_MatchesGolden(string name) =>
        AssertGolden($"{name}.tree.txt", TreePrinter.Print(ShippedExperiments.Load(name)));

    [Theory]
    [MemberData(nameof(ShippedExperiments.All), MemberType = typeof(ShippedExperiments))]
    public void AbstractPrinter_ShippedExperiment_MatchesGolden(string name) =>
        AssertGolden($"{name}.abstract.txt", AbstractPrinter.Print(ShippedExperiments.Load(name)));

    [Theory]
    [MemberData(nameof(ShippedExperiments.All), MemberType = typeof(ShippedExperiments))]
    public void SourcePrinter_ShippedExperiment_MatchesGolden(string name) =>
        AssertGolden($"{name}.source.exp", SourcePrinter.Print(ShippedExperiments.Load(name)));

    private static void AssertGolden(string file, string actual)
    {
        var path = Repository.PathOf("tests", "Dsl.Tests", "Golden", file);
        if (Environment.GetEnvironmentVariable("SSEARCH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"missing golden file {path} (run once with SSEARCH_UPDATE_GOLDEN=1 and review it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
