namespace SlurmSearch.Dsl.Reports;

/// <summary>The names of the report calls the <see cref="ReportWriter"/> understands.</summary>
public static class ReportKinds
{
    /// <summary><c>performance(label: result_or_(mean, std), …)</c>: "Performance for LABEL: mean ± std" lines and a CSV.</summary>
    public const string Performance = "performance";

    /// <summary><c>cdfs(label: sorted_values_or_result, …, title:, xlabel:)</c>: one empirical CDF per group, or per setting of a <c>point_values:cdf</c> argument (SVG + CSV).</summary>
    public const string Cdfs = "cdfs";

    /// <summary><c>std_ratio(point_values_cdf)</c>: the "Trial STD / HP std" line and a CSV of per-setting mean and std.</summary>
    public const string StdRatio = "std_ratio";

    /// <summary><c>surface(point_values_cdf, zlabel:, title:)</c>: the per-setting percentile heat map (SVG + CSV).</summary>
    public const string Surface = "surface";

    /// <summary><c>bootstrap(sampling_result, trials:, resamples:, runs_per_setting:, seed:, title:)</c>: expected best after k random trials (SVG + CSV).</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>Every kind, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [Performance, Cdfs, StdRatio, Surface, Bootstrap];
}
