using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class PerformanceReportTests
{
    [Fact]
    public void Write_ResultsAndPairs_PrintsMeanPlusMinusStdPerLabel()
    {
        using var files = new ReportFiles();
        var best = SomeResults.Flat("run_seed", 470, 490, 500, 465);

        var output = files.Write(SomeResults.Call(
            ReportKinds.Performance,
            ("trial best", best),
            ("entire space", new PyTuple(310.25, 88.0)),
            ("trial worst", new PyList(12, 3))));

        var mean = new[] { 470.0, 490, 500, 465 }.Average();
        var std = Math.Sqrt(new[] { 470.0, 490, 500, 465 }.Select(r => (r - mean) * (r - mean)).Average());
        Assert.Equal(3, output.Lines.Count);
        var line = System.Text.RegularExpressions.Regex.Match(output.Lines[0], "^Performance for trial best: (\\S+) ± (\\S+)$");
        Assert.True(line.Success, output.Lines[0]);
        Assert.Equal(mean, ReportFiles.Number(line.Groups[1].Value), 0.0501);
        Assert.Equal(std, ReportFiles.Number(line.Groups[2].Value), 0.005);
        Assert.Equal(["Performance for entire space: 310.3 ± 88", "Performance for trial worst: 12 ± 3"], output.Lines.Skip(1));
        var (header, rows) = files.Csv("performance.csv");
        Assert.Equal(["label", "mean", "std", "samples"], header);
        Assert.Equal(mean, ReportFiles.Number(rows[0][1]));
        Assert.Equal(std, ReportFiles.Number(rows[0][2]));
        Assert.Equal("4", rows[0][3]);
        Assert.Equal(["entire space", "310.25", "88", string.Empty], rows[1]);
    }

    [Fact]
    public void Write_AValueOfTheWrongShape_NamesTheCallAndTheArgument()
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Performance, ("best", new PyTuple(1.0, 2.0, 3.0)))));

        Assert.Equal("performance", error.Call);
        Assert.Equal("best", error.Argument);
        Assert.Contains("(mean, std) pair", error.Message, StringComparison.Ordinal);
        Assert.Contains("tuple of 3 items", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(files.Directory), "nothing is written when a call is bad");
    }
}
