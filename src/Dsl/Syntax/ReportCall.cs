namespace SlurmSearch.Dsl.Syntax;

/// <summary>One line of the <c>report</c> block, e.g. <c>cdfs(space: space_returns_cdf, title: "Performance CDFs")</c>.</summary>
/// <param name="Kind">Which report.</param>
/// <param name="Arguments">Positional and named arguments, in the order written.</param>
/// <param name="Position">Where the report's name was written.</param>
public sealed record ReportCall(ReportKind Kind, SyntaxList<ReportArgument> Arguments, SourcePosition Position = default)
{
    /// <summary>The keyword of each report kind, as written in a file.</summary>
    public static string KeywordOf(ReportKind kind) => kind switch
    {
        ReportKind.Performance => "performance",
        ReportKind.Cdfs => "cdfs",
        ReportKind.StdRatio => "std_ratio",
        ReportKind.Surface => "surface",
        ReportKind.Bootstrap => "bootstrap",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown report kind"),
    };
}
