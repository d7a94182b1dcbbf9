using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class CdfsReportTests
{
    [Fact]
    public void Write_ThreeGroups_DrawsOnePolylinePerGroupAndSortedCsvRows()
    {
        using var files = new ReportFiles();
        var space = new PyList(new double[] { 30, 10, 20, 50, 40 }.Select(v => (PyValue)v));
        var best = SomeResults.Flat("run_seed", 400, 420, 390);

        files.Write(SomeResults.Call(
            ReportKinds.Cdfs,
            ("space", space),
            ("trial_best", best),
            ("trial_worst", new PyList(5, 9, 7)),
            ("title", "Performance CDFs of various HPs.")));

        var series = files.Series("cdfs.svg");
        Assert.Equal(["space", "trial_best", "trial_worst"], series.Select(s => s.Attribute("data-series")!.Value));
        var svg = files.SvgDocument("cdfs.svg");
        Assert.Contains(svg.Descendants(ReportFiles.Element("text")), t => t.Value == "Performance CDFs of various HPs.");
        Assert.Contains(svg.Descendants(ReportFiles.Element("text")), t => t.Value == "trial_worst");

        var (header, rows) = files.Csv("cdfs.csv");
        Assert.Equal(["group", "value", "cumulative_fraction"], header);
        Assert.Equal(11, rows.Count);
        foreach (var group in rows.GroupBy(r => r[0]))
        {
            var values = group.Select(r => ReportFiles.Number(r[1])).ToList();
            var fractions = group.Select(r => ReportFiles.Number(r[2])).ToList();
            Assert.Equal(values.Order(), values);
            Assert.Equal(Enumerable.Range(1, values.Count).Select(i => (double)i / values.Count), fractions);
        }

        Assert.Equal([10.0, 20, 30, 40, 50], rows.Where(r => r[0] == "space").Select(r => ReportFiles.Number(r[1])));
    }

    [Fact]
    public void Write_PointValuesOfCdfs_DrawsOneGroupPerSettingLabelledByIt()
    {
        using var files = new ReportFiles();
        // compare_agents: agent_perf_samples["point_values:cdf:mean"] with the original's ylabel naming the value axis.
        var agents = new PyList(
            new PyTuple(new PyDict { ["agent"] = "a2c" }, new PyList(20.0, 180.5, 95.0)),
            new PyTuple(new PyDict { ["agent"] = "debug" }, new PyList(9.0, 11.0)));

        files.Write(SomeResults.Call(ReportKinds.Cdfs, (null, agents), ("title", "Agent returns CDF comparison"), ("ylabel", "Agent Return")));

        Assert.Equal(["a2c", "debug"], files.Series("cdfs.svg").Select(s => s.Attribute("data-series")!.Value));
        Assert.Contains(files.SvgDocument("cdfs.svg").Descendants(ReportFiles.Element("text")), t => t.Value == "Agent Return");
        Assert.Equal(["a2c", "a2c", "a2c", "debug", "debug"], files.Csv("cdfs.csv").Rows.Select(r => r[0]));
    }

    [Fact]
    public void Write_OneGroup_PolylineRisesMonotonicallyAcrossThePlot()
    {
        using var files = new ReportFiles();
        files.Write(SomeResults.Call(ReportKinds.Cdfs, ("returns", new PyList(3.5, 1.0, 2.25))));

        var points = files.Series("cdfs.svg").Single().Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (X: ReportFiles.Number(p[0]), Y: ReportFiles.Number(p[1])))
            .ToList();

        Assert.Equal(6, points.Count);
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].X >= points[i - 1].X, "x never goes back");
            Assert.True(points[i].Y <= points[i - 1].Y, "the curve only rises (SVG y grows downwards)");
        }
    }

    [Fact]
    public void Write_NonFiniteValues_AreLeftOutWithANote()
    {
        using var files = new ReportFiles();

        var output = files.Write(SomeResults.Call(ReportKinds.Cdfs, ("space", new PyList(1.0, double.NaN, 3.0))));

        Assert.Equal(["cdfs: space: 1 non-finite value(s) left out of the CDF"], output.Lines);
        Assert.Equal(2, files.Csv("cdfs.csv").Rows.Count);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("dict")]
    [InlineData("empty")]
    public void Write_AGroupThatIsNotAListOfNumbers_NamesTheGroup(string shape)
    {
        using var files = new ReportFiles();
        PyValue bad = shape switch
        {
            "text" => new PyList("a", "b"),
            "dict" => new PyDict { ["mean"] = 1.0 },
            _ => new PyList(),
        };

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Cdfs, ("space", new PyList(1.0)), ("trial_best", bad))));

        Assert.Equal("cdfs", error.Call);
        Assert.Equal("trial_best", error.Argument);
        Assert.Contains("a list of numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TitleThatIsNotAString_IsABadArgument()
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call(ReportKinds.Cdfs, ("space", new PyList(1.0)), ("title", 3))));

        Assert.Equal("title", error.Argument);
    }
}
