using System.Text;
using System.Xml;

namespace SlurmSearch.Dsl.Reports;

/// <summary>A minimal SVG writer over <see cref="XmlWriter"/> (so every file is well-formed and escaped).</summary>
/// <remarks>
/// No plotting package exists in this machine's NuGet registry (ScottPlot, OxyPlot, SkiaSharp are absent), so the
/// report draws its figures itself. Output is deterministic: fixed attribute order, invariant numbers rounded to
/// 0.01 px, no timestamps or generated ids.
/// </remarks>
internal sealed class SvgDocument
{
    private readonly MemoryStream _stream = new();
    private readonly XmlWriter _xml;

    public SvgDocument(double width, double height, string title)
    {
        _xml = XmlWriter.Create(_stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " ", NewLineChars = "\n" });
        _xml.WriteStartDocument();
        _xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        Attribute("width", width);
        Attribute("height", height);
        _xml.WriteAttributeString("viewBox", $"0 0 {ReportFormat.Coordinate(width)} {ReportFormat.Coordinate(height)}");
        _xml.WriteAttributeString("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif");
        _xml.WriteAttributeString("font-size", "12");
        _xml.WriteElementString("title", title);
        Rect(0, 0, width, height, "#ffffff");
    }

    public void Text(double x, double y, string text, string anchor = "start", double size = 12, bool vertical = false, string weight = "normal")
    {
        _xml.WriteStartElement("text");
        Attribute("x", x);
        Attribute("y", y);
        if (anchor != "start")
        {
            _xml.WriteAttributeString("text-anchor", anchor);
        }

        if (size != 12)
        {
            Attribute("font-size", size);
        }

        if (weight != "normal")
        {
            _xml.WriteAttributeString("font-weight", weight);
        }

        if (vertical)
        {
            _xml.WriteAttributeString("transform", $"rotate(-90 {ReportFormat.Coordinate(x)} {ReportFormat.Coordinate(y)})");
        }

        _xml.WriteString(text);
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _xml.WriteStartElement("line");
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        _xml.WriteAttributeString("stroke", stroke);
        if (width != 1)
        {
            Attribute("stroke-width", width);
        }

        if (dash is not null)
        {
            _xml.WriteAttributeString("stroke-dasharray", dash);
        }

        _xml.WriteEndElement();
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, string? label)
    {
        _xml.WriteStartElement("polyline");
        _xml.WriteAttributeString("points", Points(points));
        _xml.WriteAttributeString("fill", "none");
        _xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        _xml.WriteAttributeString("stroke-linejoin", "round");
        if (label is not null)
        {
            _xml.WriteAttributeString("data-series", label);
        }

        _xml.WriteEndElement();
    }

    public void Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity)
    {
        _xml.WriteStartElement("polygon");
        _xml.WriteAttributeString("points", Points(points));
        _xml.WriteAttributeString("fill", fill);
        Attribute("fill-opacity", opacity);
        _xml.WriteAttributeString("stroke", "none");
        _xml.WriteEndElement();
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        _xml.WriteStartElement("rect");
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", width);
        Attribute("height", height);
        _xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            _xml.WriteAttributeString("stroke", stroke);
        }

        _xml.WriteEndElement();
    }

    /// <summary>Opens a group with optional attributes (closed by <see cref="EndGroup"/>).</summary>
    public void StartGroup(params (string Name, string Value)[] attributes)
    {
        _xml.WriteStartElement("g");
        foreach (var (name, value) in attributes)
        {
            _xml.WriteAttributeString(name, value);
        }
    }

    public void EndGroup() => _xml.WriteEndElement();

    /// <summary>A vertical linear gradient from <paramref name="stops"/>[0] at the bottom to the last stop at the top.</summary>
    public void VerticalGradient(string id, IReadOnlyList<string> stops)
    {
        _xml.WriteStartElement("defs");
        _xml.WriteStartElement("linearGradient");
        _xml.WriteAttributeString("id", id);
        _xml.WriteAttributeString("x1", "0");
        _xml.WriteAttributeString("y1", "1");
        _xml.WriteAttributeString("x2", "0");
        _xml.WriteAttributeString("y2", "0");
        for (var i = 0; i < stops.Count; i++)
        {
            _xml.WriteStartElement("stop");
            Attribute("offset", stops.Count == 1 ? 0 : (double)i / (stops.Count - 1));
            _xml.WriteAttributeString("stop-color", stops[i]);
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
        _xml.WriteEndElement();
    }

    public string Finish()
    {
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        _xml.Dispose();
        return Encoding.UTF8.GetString(_stream.ToArray()) + "\n";
    }

    private void Attribute(string name, double value) => _xml.WriteAttributeString(name, ReportFormat.Coordinate(value));

    private static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(" ", points.Select(p => ReportFormat.Coordinate(p.X) + "," + ReportFormat.Coordinate(p.Y)));
}
