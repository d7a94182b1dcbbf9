namespace SlurmSearch.Search.Spaces;

/// <summary>
/// hyperopt's <c>normal(mu, sigma)</c>, <c>qnormal(mu, sigma, q)</c>, <c>lognormal(mu, sigma)</c> and
/// <c>qlognormal(mu, sigma, q)</c>. For the log forms value = exp(N(mu, sigma)). With <see cref="Q"/>,
/// value = round(value / q) · q.
/// </summary>
public sealed record NormalDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> for NaN, σ ≤ 0 or q ≤ 0.</summary>
    public NormalDistribution(double mu, double sigma, double? q = null, bool log = false)
    {
        Guard.Finite(mu, nameof(mu));
        Guard.Positive(sigma, nameof(sigma));
        if (q is { } step)
        {
            Guard.Positive(step, nameof(q));
        }

        Mu = mu;
        Sigma = sigma;
        Q = q;
        Log = log;
    }

    /// <summary>Mean (of log(value) when <see cref="Log"/>).</summary>
    public double Mu { get; }

    /// <summary>Standard deviation (of log(value) when <see cref="Log"/>).</summary>
    public double Sigma { get; }

    /// <summary>Quantisation step, or null.</summary>
    public double? Q { get; }

    /// <summary>True for the log-normal forms.</summary>
    public bool Log { get; }

    /// <inheritdoc />
    public override bool IsDiscrete => false;
}
