namespace SlurmSearch.Dsl.Syntax;

/// <summary>A parenthesised tuple of values, e.g. <c>(space_returns_mean, space_returns_std)</c> for a mean ± std pair.</summary>
/// <param name="Items">The items (two or more).</param>
/// <param name="Position">Where the opening parenthesis was written.</param>
public sealed record ReportTuple(SyntaxList<ReportValue> Items, SourcePosition Position = default) : ReportValue(Position);
