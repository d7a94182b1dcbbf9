namespace SlurmSearch.Dsl.Reports;

/// <summary>One point of a bootstrapped random-search curve: after <see cref="Trials"/> trials, the mean and a band of the best found.</summary>
/// <param name="Trials">The number of random trials (settings tried), from 1.</param>
/// <param name="Mean">The mean over resampled searches of the true mean of the setting the search would pick.</param>
/// <param name="Lower">The lower band quantile (25th percentile by default) over resampled searches.</param>
/// <param name="Upper">The upper band quantile (75th percentile by default) over resampled searches.</param>
public sealed record BootstrapPoint(int Trials, double Mean, double Lower, double Upper);
