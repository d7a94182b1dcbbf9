namespace SlurmSearch.Dsl.Reports;

/// <summary>The rendered output of one report call: summary lines, an optional SVG figure and its CSV.</summary>
internal sealed record ReportSection(string Caption, IReadOnlyList<string> Lines, string? Svg, string Csv);
