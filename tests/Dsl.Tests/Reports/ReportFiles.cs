using System.Globalization;
using System.Xml.Linq;
using SlurmSearch.Dsl.Reports;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Dsl.Tests.Reports;

/// <summary>Writes a report into a temporary directory and reads its files back.</summary>
public sealed class ReportFiles : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TempDirectory _directory = new("ssearch-report");

    public string Directory => _directory.Combine("reports", "exp_test");

    public ReportOutput Write(params ReportCall[] calls) => ReportWriter.Write(Directory, "exp_test", calls);

    public string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>The SVG parsed by System.Xml (so it is well-formed) with its root checked.</summary>
    public XDocument SvgDocument(string name)
    {
        var document = XDocument.Parse(Text(name));
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return document;
    }

    /// <summary>The polylines of the data series (not grid or axes).</summary>
    public IReadOnlyList<XElement> Series(string name) =>
        [.. SvgDocument(name).Descendants(Svg + "polyline").Where(p => p.Attribute("data-series") is not null)];

    public static XName Element(string local) => Svg + local;

    /// <summary>The CSV as header + rows (test data holds no quoted cells).</summary>
    public (string[] Header, List<string[]> Rows) Csv(string name)
    {
        var lines = Text(name).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.Contains('"', StringComparison.Ordinal));
        return (lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    public static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    public void Dispose() => _directory.Dispose();
}
