using System.Xml.Linq;
using System.Text.RegularExpressions;
using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed partial class ReportWriterTests
{
    private static readonly double[][] Runs = [[10, 30, 20], [50, 52, 49], [20, 24, 22]];

    [Fact]
    public void Write_EveryKind_IndexShowsEveryFigureAndLinksEveryCsv()
    {
        using var files = new ReportFiles();

        var output = files.Write(AllKinds());

        var names = output.Files.Select(Path.GetFileName).ToList();
        Assert.Equal(
            ["performance.csv", "cdfs.svg", "cdfs.csv", "std_ratio.csv", "surface.svg", "surface.csv", "bootstrap.svg", "bootstrap.csv", "cdfs-2.svg", "cdfs-2.csv", "index.html"],
            names);
        Assert.All(output.Files, f => Assert.True(File.Exists(f), f));
        Assert.Equal(Path.Combine(files.Directory, "index.html"), output.IndexPath);
        var html = files.Text("index.html");
        var images = ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var links = LinkTarget().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(names.Where(n => n!.EndsWith(".svg", StringComparison.Ordinal)), images);
        Assert.Equal(names.Where(n => n!.EndsWith(".csv", StringComparison.Ordinal)), links);
        Assert.Contains("Performance for best: ", html, StringComparison.Ordinal);
        Assert.Contains("Trial STD / HP std", html, StringComparison.Ordinal);
        Assert.Contains("<title>Report: exp_test</title>", html, StringComparison.Ordinal);
        Assert.Equal(4, output.Lines.Count);
    }

    [Fact]
    public void Write_EveryKind_EverySvgIsWellFormedWithATitleAndNoNonInvariantNumbers()
    {
        using var files = new ReportFiles();

        var output = files.Write(AllKinds());

        foreach (var svg in output.Files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            var document = files.SvgDocument(Path.GetFileName(svg));
            Assert.NotEmpty(document.Root!.Element(ReportFiles.Element("title"))!.Value);
            foreach (var attribute in document.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "width" or "height" or "points"))
            {
                Assert.Matches("^[-0-9., ]+$", attribute.Value);
                Assert.DoesNotContain("E", attribute.Value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Write_Twice_IsByteIdenticalAndOverwrites()
    {
        using var files = new ReportFiles();
        files.Write(AllKinds());
        var first = Directory.GetFiles(files.Directory).Order().ToDictionary(f => f, File.ReadAllText);

        files.Write(AllKinds());

        Assert.Equal(first, Directory.GetFiles(files.Directory).Order().ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public void Write_UnknownKind_ListsTheKnownOnes()
    {
        using var files = new ReportFiles();

        var error = Assert.Throws<ReportException>(() => files.Write(SomeResults.Call("histogram", (null, new PyList(1.0)))));

        Assert.Equal("histogram", error.Call);
        Assert.Contains("performance, cdfs, std_ratio, surface, bootstrap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultDirectory_IsReportsNameUnderTheHome()
    {
        Assert.Equal(Path.Combine("/data/home", "reports", "hp_tuning_effects_1"), ReportWriter.DefaultDirectory("/data/home", "hp_tuning_effects_1"));
    }

    private static ReportCall[] AllKinds()
    {
        var best = SomeResults.Flat("run_seed", 50, 52, 49);
        var space = SomeResults.Nested(Runs);
        return
        [
            SomeResults.Call(ReportKinds.Performance, ("best", best), ("space", new PyTuple(30.0, 12.0))),
            SomeResults.Call(ReportKinds.Cdfs, ("best", best), ("space", new PyList(Runs.SelectMany(r => r).Select(v => (PyValue)v)))),
            SomeResults.Call(ReportKinds.StdRatio, (null, SomeResults.PointValuesCdf(Runs))),
            SomeResults.Call(ReportKinds.Surface, (null, space), ("zlabel", "Return")),
            SomeResults.Call(ReportKinds.Bootstrap, (null, space), ("resamples", 100)),
            SomeResults.Call(ReportKinds.Cdfs, ("again", best), ("title", "A <second> & \"quoted\" one")),
        ];
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex LinkTarget();
}
