namespace SlurmSearch.Dsl.Reports;

/// <summary>An SVG heat map of a matrix (rows bottom-up, columns left to right) with a viridis colour bar.</summary>
internal sealed class HeatMap
{
    public required string Title { get; init; }

    public required string XLabel { get; init; }

    public required string YLabel { get; init; }

    public required string ZLabel { get; init; }

    /// <summary>The values: <c>Cells[row][column]</c>, all rows of one length; row 0 is drawn at the bottom.</summary>
    public required IReadOnlyList<double[]> Cells { get; init; }

    /// <summary>The x value of the left edge of the first column and of the right edge of the last.</summary>
    public required (double Min, double Max) XRange { get; init; }

    public string Render()
    {
        var rows = Cells.Count;
        var columns = Cells[0].Length;
        var finite = Cells.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var zTicks = AxisTicks.Compute(finite.Min(), finite.Max(), 7);
        var xTicks = AxisTicks.Compute(XRange.Min, XRange.Max, 6);
        var yTicks = AxisTicks.Compute(1, rows, 7);
        var frame = new ChartFrame(xTicks, yTicks, XRange.Min, XRange.Max, 0.5, rows + 0.5);
        var svg = new SvgDocument(ChartFrame.Width, ChartFrame.Height, Title);

        svg.StartGroup(("class", "cells"), ("shape-rendering", "crispEdges"));
        var cellWidth = (ChartFrame.Right - ChartFrame.Left) / columns;
        var cellHeight = (ChartFrame.Bottom - ChartFrame.Top) / rows;
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var fraction = (Cells[row][column] - zTicks.Min) / (zTicks.Max - zTicks.Min);
                // Cells overlap their neighbours by a fraction of a pixel so no hairline seams show between them.
                svg.Rect(ChartFrame.Left + (column * cellWidth), ChartFrame.Bottom - ((row + 1) * cellHeight), cellWidth + 0.3, cellHeight + 0.3, Viridis.Colour(fraction));
            }
        }

        svg.EndGroup();
        // Integral ranks only: a 2-row map must not label rank 1.5.
        frame.Draw(svg, Title, XLabel, YLabel, y => y >= 1 && y <= rows && y == Math.Floor(y), grid: false);
        DrawColourBar(svg, zTicks);
        return svg.Finish();
    }

    private void DrawColourBar(SvgDocument svg, AxisTicks zTicks)
    {
        const double left = ChartFrame.Right + 30;
        const double width = 18;
        svg.VerticalGradient("viridis", Viridis.Anchors);
        svg.StartGroup(("class", "colourbar"));
        svg.Rect(left, ChartFrame.Top, width, ChartFrame.Bottom - ChartFrame.Top, "url(#viridis)", "#444444");
        foreach (var z in zTicks.Values)
        {
            var y = ChartFrame.Bottom - ((z - zTicks.Min) / (zTicks.Max - zTicks.Min) * (ChartFrame.Bottom - ChartFrame.Top));
            svg.Line(left + width, y, left + width + 5, y, "#444444");
            svg.Text(left + width + 8, y + 4, zTicks.Format(z));
        }

        svg.Text(left + width + 70, (ChartFrame.Top + ChartFrame.Bottom) / 2, ZLabel, "middle", 13, vertical: true);
        svg.EndGroup();
    }
}
