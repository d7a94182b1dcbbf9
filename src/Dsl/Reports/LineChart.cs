namespace SlurmSearch.Dsl.Reports;

/// <summary>An SVG line chart: one polyline per series (plus its band), nice-number axes, grid, legend and title.</summary>
internal sealed class LineChart
{
    // matplotlib's tab10, so figures look like the original's.
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public required string Title { get; init; }

    public required string XLabel { get; init; }

    public required string YLabel { get; init; }

    public required IReadOnlyList<LineSeries> Series { get; init; }

    /// <summary>A fixed y range (a CDF's [0, 1]); null to fit the data.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>True to frame x exactly on the data (trial counts 1..n) rather than on the enclosing nice ticks.</summary>
    public bool TightX { get; init; }

    public string Render()
    {
        var xs = Series.SelectMany(s => s.Points.Select(p => p.X)).ToList();
        var ys = Series.SelectMany(s => s.Points.Select(p => p.Y).Concat(s.Band?.SelectMany(b => new[] { b.Lower, b.Upper }) ?? [])).ToList();
        var xTicks = AxisTicks.Compute(xs.Min(), xs.Max(), 8);
        var (yMin, yMax) = YRange ?? (ys.Min(), ys.Max());
        var yTicks = AxisTicks.Compute(yMin, yMax, 7);
        var frame = TightX && xs.Min() < xs.Max()
            ? new ChartFrame(xTicks, yTicks, xs.Min(), xs.Max(), yTicks.Min, yTicks.Max)
            : new ChartFrame(xTicks, yTicks);
        var svg = new SvgDocument(ChartFrame.Width, ChartFrame.Height, Title);
        frame.Draw(svg, Title, XLabel, YLabel);
        svg.StartGroup(("class", "bands"));
        for (var i = 0; i < Series.Count; i++)
        {
            if (Series[i].Band is { Count: > 0 } band)
            {
                var outline = band.Select(b => (frame.PixelX(b.X), frame.PixelY(b.Upper)))
                    .Concat(band.Reverse().Select(b => (frame.PixelX(b.X), frame.PixelY(b.Lower))));
                svg.Polygon(outline, Colour(i), 0.18);
            }
        }

        svg.EndGroup();
        svg.StartGroup(("class", "series"));
        for (var i = 0; i < Series.Count; i++)
        {
            svg.Polyline(Series[i].Points.Select(p => (frame.PixelX(p.X), frame.PixelY(p.Y))), Colour(i), 1.8, Series[i].Name);
        }

        svg.EndGroup();
        svg.StartGroup(("class", "legend"));
        for (var i = 0; i < Series.Count; i++)
        {
            var y = ChartFrame.Top + 10 + (i * 20);
            svg.Line(ChartFrame.Right + 14, y, ChartFrame.Right + 38, y, Colour(i), 2.5);
            svg.Text(ChartFrame.Right + 44, y + 4, Series[i].Name.Length <= 24 ? Series[i].Name : Series[i].Name[..23] + "…");
        }

        svg.EndGroup();
        return svg.Finish();
    }

    private static string Colour(int index) => Palette[index % Palette.Length];
}
