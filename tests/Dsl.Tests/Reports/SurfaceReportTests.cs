using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class SurfaceReportTests
{
    [Fact]
    public void Write_PointValuesCdf_OneCellPerSettingAndRunRankedByMean()
    {
        using var files = new ReportFiles();
        double[][] runs = [[5, 1, 3], [9, 8, 7], [0, 2, 1], [4, 6, 5]];

        files.Write(SomeResults.Call(ReportKinds.Surface, (null, SomeResults.PointValuesCdf(runs)), ("zlabel", "Return")));

        var svg = files.SvgDocument("surface.svg");
        var cells = svg.Descendants(ReportFiles.Element("g")).Single(g => g.Attribute("class")?.Value == "cells");
        Assert.Equal(12, cells.Elements(ReportFiles.Element("rect")).Count());
        Assert.Contains(svg.Descendants(ReportFiles.Element("text")), t => t.Value == "Return");
        Assert.Single(svg.Descendants(ReportFiles.Element("linearGradient")));

        var (header, rows) = files.Csv("surface.csv");
        Assert.Equal(["rank", "setting.lr", "mean", "p0", "p50", "p100"], header);
        var means = rows.Select(r => ReportFiles.Number(r[2])).ToList();
        Assert.Equal(means.Order(), means);
        Assert.Equal(runs.Select(r => r.Average()).Order(), means);
        foreach (var row in rows)
        {
            var percentiles = row.Skip(3).Select(ReportFiles.Number).ToList();
            Assert.Equal(percentiles.Order(), percentiles);
        }

        // The lowest-mean setting is [0, 2, 1] (the third, lr 0.003): its sorted runs fill its row.
        Assert.Equal(["1", "0.003", "1", "0", "1", "2"], rows[0]);
    }

    [Fact]
    public void Write_UnequalRunCounts_ResamplesEveryRowAtTheSamePercentiles()
    {
        using var files = new ReportFiles();

        files.Write(SomeResults.Call(ReportKinds.Surface, (null, SomeResults.PointValuesCdf([0, 10], [1, 2, 3, 4, 5]))));

        var (header, rows) = files.Csv("surface.csv");
        Assert.Equal(["rank", "setting.lr", "mean", "p0", "p25", "p50", "p75", "p100"], header);
        // [1..5] has mean 3, [0, 10] mean 5; the two-run row is interpolated linearly, as numpy.percentile does.
        Assert.Equal([0, 2.5, 5, 7.5, 10], rows[1].Skip(3).Select(ReportFiles.Number));
        Assert.Equal([1.0, 2, 3, 4, 5], rows[0].Skip(3).Select(ReportFiles.Number));
    }

    [Fact]
    public void Write_ListOfNumbers_IsABadArgument()
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Surface, (null, new PyList(1.0, 2.0)))));

        Assert.Equal("surface", error.Call);
        Assert.Equal("#1", error.Argument);
        Assert.Contains("(setting, [numbers]) pairs", error.Message, StringComparison.Ordinal);
    }
}
