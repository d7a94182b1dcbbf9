using System.Globalization;
using System.Text.RegularExpressions;
using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed partial class StdRatioReportTests
{
    private static readonly double[][] Runs = [[10, 12, 14, 20], [100, 90, 95, 97], [50, 61, 44, 52], [70, 70, 71, 69]];

    [Fact]
    public void Write_PointValuesCdf_MatchesPythonStatisticsPstdev()
    {
        using var files = new ReportFiles();
        // The oracle: Python's statistics.pstdev is numpy's std with ddof=0, which the original used.
        var script = "import sys, json, statistics as s\nruns = json.loads(sys.argv[1])\n" +
                     "print(repr(s.pstdev([s.fmean(r) for r in runs])))\nprint(repr(s.fmean([s.pstdev(r) for r in runs])))";
        var oracle = Python.Check(script, [System.Text.Json.JsonSerializer.Serialize(Runs)])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ReportFiles.Number).ToArray();
        var (hpStd, trialStd) = (oracle[0], oracle[1]);

        var output = files.Write(SomeResults.Call(ReportKinds.StdRatio, (null, SomeResults.PointValuesCdf(Runs))));

        var match = RatioLine().Match(Assert.Single(output.Lines));
        Assert.True(match.Success, output.Lines[0]);
        Assert.Equal(trialStd, Parse(match, 1), trialStd * 5e-3);
        Assert.Equal(hpStd, Parse(match, 2), hpStd * 5e-3);
        Assert.Equal(trialStd / hpStd, Parse(match, 3), trialStd / hpStd * 5e-3);

        var (header, rows) = files.Csv("std_ratio.csv");
        Assert.Equal(["setting.lr", "mean", "std", "runs"], header);
        for (var i = 0; i < Runs.Length; i++)
        {
            Assert.Equal(Runs[i].Average(), ReportFiles.Number(rows[i][1]), 12);
            Assert.Equal("4", rows[i][3]);
        }
    }

    [Fact]
    public void Write_NestedSamplingResult_GivesTheSameLineAsItsPointValuesCdf()
    {
        using var a = new ReportFiles();
        using var b = new ReportFiles();

        var fromCdf = a.Write(SomeResults.Call(ReportKinds.StdRatio, (null, SomeResults.PointValuesCdf(Runs))));
        var fromResult = b.Write(SomeResults.Call(ReportKinds.StdRatio, (null, SomeResults.Nested(Runs))));

        Assert.Equal(fromCdf.Lines, fromResult.Lines);
    }

    [Fact]
    public void Write_FlatResult_IsABadArgumentNamingWhatWasExpected()
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.StdRatio, (null, SomeResults.Flat("hp", 1, 2, 3)))));

        Assert.Equal("std_ratio", error.Call);
        Assert.Equal("#1", error.Argument);
        Assert.Contains("point_values:cdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnknownOptionOrMissingInput_IsAnError()
    {
        using var files = new ReportFiles();

        var unknown = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.StdRatio, (null, SomeResults.PointValuesCdf(Runs)), ("zlabel", "x"))));
        var missing = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.StdRatio)));

        Assert.Equal("zlabel", unknown.Argument);
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
    }

    private static double Parse(Match match, int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[exp_test\] Trial STD / HP std = (\S+) / (\S+) = (\S+)$")]
    private static partial Regex RatioLine();
}
