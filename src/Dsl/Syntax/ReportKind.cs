namespace SlurmSearch.Dsl.Syntax;

/// <summary>The kinds of report figure or table a <c>report</c> block may ask for.</summary>
public enum ReportKind
{
    /// <summary><c>performance</c>: mean ± std of labelled groups.</summary>
    Performance,

    /// <summary><c>cdfs</c>: return CDFs per labelled group.</summary>
    Cdfs,

    /// <summary><c>std_ratio</c>: the "trial std / HP std" ratio of per-setting CDFs.</summary>
    StdRatio,

    /// <summary><c>surface</c>: the per-setting percentile surface.</summary>
    Surface,

    /// <summary><c>bootstrap</c>: bootstrapped random-search curves.</summary>
    Bootstrap,
}
