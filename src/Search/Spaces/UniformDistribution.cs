namespace SlurmSearch.Search.Spaces;

/// <summary>
/// hyperopt's <c>uniform(low, high)</c>, <c>quniform(low, high, q)</c>, <c>loguniform(low, high)</c> and
/// <c>qloguniform(low, high, q)</c>. For the log forms <see cref="Low"/>/<see cref="High"/> bound log(value), as in hyperopt:
/// value = exp(U(low, high)). With <see cref="Q"/>, value = round(value / q) · q.
/// </summary>
public sealed record UniformDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> for NaN, low ≥ high or q ≤ 0.</summary>
    public UniformDistribution(double low, double high, double? q = null, bool log = false)
    {
        Guard.Finite(low, nameof(low));
        Guard.Finite(high, nameof(high));
        if (low >= high)
        {
            throw new ArgumentException($"low ({low}) must be below high ({high})", nameof(low));
        }

        if (q is { } step)
        {
            Guard.Positive(step, nameof(q));
        }

        Low = low;
        High = high;
        Q = q;
        Log = log;
    }

    /// <summary>Lower bound (of log(value) when <see cref="Log"/>).</summary>
    public double Low { get; }

    /// <summary>Upper bound (of log(value) when <see cref="Log"/>).</summary>
    public double High { get; }

    /// <summary>Quantisation step, or null.</summary>
    public double? Q { get; }

    /// <summary>True for the log-uniform forms.</summary>
    public bool Log { get; }

    /// <inheritdoc />
    public override bool IsDiscrete => false;
}
