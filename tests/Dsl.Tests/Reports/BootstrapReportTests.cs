using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class BootstrapReportTests
{
    private static readonly double[][] Runs = [[10, 30], [50, 52], [20, 24], [80, 40], [35, 35], [5, 15]];

    [Fact]
    public void Write_NestedResult_DrawsExactAndNoisyCurvesWithinTheSettingMeans()
    {
        using var files = new ReportFiles();

        var output = files.Write(SomeResults.Call(ReportKinds.Bootstrap, (null, SomeResults.Nested(Runs)), ("trials", 10), ("resamples", 300)));

        Assert.Equal(2, files.Series("bootstrap.svg").Count);
        var (header, rows) = files.Csv("bootstrap.csv");
        Assert.Equal(["curve", "trials", "mean", "p25", "p75"], header);
        var means = Runs.Select(r => r.Average()).ToArray();
        var curves = rows.GroupBy(r => r[0]).ToList();
        Assert.Equal(["judged by true mean", "judged by 2-run mean"], curves.Select(c => c.Key));
        Assert.All(curves, c => Assert.Equal(Enumerable.Range(1, 10).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)), c.Select(r => r[1])));
        Assert.All(rows, r => Assert.InRange(ReportFiles.Number(r[2]), means.Min(), means.Max()));
        var exact = curves[0].Select(r => ReportFiles.Number(r[2])).ToList();
        Assert.Equal(exact.Order(), exact);
        Assert.StartsWith("Bootstrapped random search (300 resamples): expected best after k trials: 1: ", Assert.Single(output.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FlatResult_DrawsOneCurveAndRefusesRunsPerSetting()
    {
        using var files = new ReportFiles();
        var flat = SomeResults.Flat("hp", 3, 1, 4, 1, 5, 9, 2, 6);

        files.Write(SomeResults.Call(ReportKinds.Bootstrap, (null, flat), ("resamples", 200)));
        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Bootstrap, (null, flat), ("runs_per_setting", 3))));

        Assert.Single(files.Series("bootstrap.svg"));
        Assert.Equal(8, files.Csv("bootstrap.csv").Rows.Count);
        Assert.Equal("runs_per_setting", error.Argument);
    }

    [Fact]
    public void Write_SameInputTwice_GivesIdenticalFiles()
    {
        using var a = new ReportFiles();
        using var b = new ReportFiles();
        var call = SomeResults.Call(ReportKinds.Bootstrap, (null, SomeResults.Nested(Runs)), ("seed", 42));

        a.Write(call);
        b.Write(call);

        Assert.Equal(a.Text("bootstrap.csv"), b.Text("bootstrap.csv"));
        Assert.Equal(a.Text("bootstrap.svg"), b.Text("bootstrap.svg"));
    }

    [Theory]
    [InlineData("trials", 0)]
    [InlineData("resamples", -5)]
    public void Write_OutOfRangeOption_NamesTheOption(string option, int value)
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Bootstrap, (null, SomeResults.Nested(Runs)), (option, value))));

        Assert.Equal(option, error.Argument);
        Assert.Contains("an integer from 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NotASamplingResult_IsABadArgument()
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Bootstrap, (null, new PyStr("space_samples")))));

        Assert.Equal("bootstrap", error.Call);
        Assert.Contains("str 'space_samples'", error.Message, StringComparison.Ordinal);
    }
}
