namespace SlurmSearch.Dsl.Syntax;

/// <summary>An argument of a report call: positional (<paramref name="Name"/> null) or named (<c>zlabel: "Return"</c>,
/// <c>"trial best": best_hp_results</c>; a name may be any string).</summary>
/// <param name="Name">The argument's name or label, or null for a positional argument.</param>
/// <param name="Value">The value.</param>
/// <param name="Position">Where the argument starts.</param>
public sealed record ReportArgument(string? Name, ReportValue Value, SourcePosition Position = default);
