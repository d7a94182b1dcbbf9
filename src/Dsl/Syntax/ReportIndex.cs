namespace SlurmSearch.Dsl.Syntax;

/// <summary>A key of a result's measurement dictionary, e.g. <c>best_hp_results["cdf"]</c>; nested keys are joined with <c>:</c>.</summary>
/// <param name="Target">The indexed value.</param>
/// <param name="Key">The key (a measure path such as <c>cdf</c> or <c>point_values</c>).</param>
/// <param name="Position">Where the index (<c>[</c>) was written.</param>
public sealed record ReportIndex(ReportValue Target, MeasurePath Key, SourcePosition Position = default) : ReportValue(Position);
