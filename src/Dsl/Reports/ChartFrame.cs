namespace SlurmSearch.Dsl.Reports;

/// <summary>The plot area of a figure: maps data to pixels and draws title, grid, axes, ticks and axis labels.</summary>
internal sealed class ChartFrame
{
    public const double Width = 760;
    public const double Height = 440;
    public const double Left = 72;
    public const double Top = 44;
    public const double Bottom = 380;
    public const double Right = 560;

    public ChartFrame(AxisTicks x, AxisTicks y, double xMin, double xMax, double yMin, double yMax)
    {
        X = x;
        Y = y;
        (XMin, XMax, YMin, YMax) = (xMin, xMax, yMin, yMax);
    }

    /// <summary>Frames the data range on the ticks' nice bounds.</summary>
    public ChartFrame(AxisTicks x, AxisTicks y)
        : this(x, y, x.Min, x.Max, y.Min, y.Max)
    {
    }

    public AxisTicks X { get; }

    public AxisTicks Y { get; }

    public double XMin { get; }

    public double XMax { get; }

    public double YMin { get; }

    public double YMax { get; }

    public double PixelX(double x) => Left + ((x - XMin) / (XMax - XMin) * (Right - Left));

    public double PixelY(double y) => Bottom - ((y - YMin) / (YMax - YMin) * (Bottom - Top));

    public void Draw(SvgDocument svg, string title, string xLabel, string yLabel, Func<double, bool>? yTickFilter = null, bool grid = true)
    {
        svg.Text((Left + Right) / 2, 26, title, "middle", 15, weight: "bold");
        if (grid)
        {
            DrawGrid(svg, yTickFilter);
        }

        svg.StartGroup(("class", "axes"));
        svg.Rect(Left, Top, Right - Left, Bottom - Top, "none", "#444444");
        foreach (var x in X.Values.Where(InX))
        {
            svg.Line(PixelX(x), Bottom, PixelX(x), Bottom + 5, "#444444");
            svg.Text(PixelX(x), Bottom + 19, X.Format(x), "middle");
        }

        foreach (var y in Y.Values.Where(InY).Where(yTickFilter ?? (_ => true)))
        {
            svg.Line(Left - 5, PixelY(y), Left, PixelY(y), "#444444");
            svg.Text(Left - 8, PixelY(y) + 4, Y.Format(y), "end");
        }

        svg.Text((Left + Right) / 2, Bottom + 42, xLabel, "middle", 13);
        svg.Text(18, (Top + Bottom) / 2, yLabel, "middle", 13, vertical: true);
        svg.EndGroup();
    }

    private void DrawGrid(SvgDocument svg, Func<double, bool>? yTickFilter)
    {
        svg.StartGroup(("class", "grid"), ("stroke-width", "1"));
        foreach (var x in X.Values.Where(InX))
        {
            svg.Line(PixelX(x), Top, PixelX(x), Bottom, "#e6e6e6");
        }

        foreach (var y in Y.Values.Where(InY).Where(yTickFilter ?? (_ => true)))
        {
            svg.Line(Left, PixelY(y), Right, PixelY(y), "#e6e6e6");
        }

        svg.EndGroup();
    }

    private bool InX(double x) => x >= XMin - (1e-9 * X.Step) && x <= XMax + (1e-9 * X.Step);

    private bool InY(double y) => y >= YMin - (1e-9 * Y.Step) && y <= YMax + (1e-9 * Y.Step);
}
