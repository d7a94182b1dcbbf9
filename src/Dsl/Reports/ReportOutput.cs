namespace SlurmSearch.Dsl.Reports;

/// <summary>What <see cref="ReportWriter.Write"/> produced: the summary lines to print and the files it wrote.</summary>
/// <param name="Lines">Summary lines (performance, std ratio, bootstrap), in call order, for the caller to print.</param>
/// <param name="Files">Full paths of every file written (SVGs, CSVs, then <c>index.html</c>).</param>
/// <param name="IndexPath">Full path of the <c>index.html</c> that shows every figure.</param>
public sealed record ReportOutput(IReadOnlyList<string> Lines, IReadOnlyList<string> Files, string IndexPath);
