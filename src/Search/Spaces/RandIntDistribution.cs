namespace SlurmSearch.Search.Spaces;

/// <summary>hyperopt's <c>randint(low, high)</c>: an integer uniformly in [low, high), high exclusive.</summary>
/// <remarks>hyperopt's <c>uniformint(low, high)</c> (both ends inclusive) is <c>quniform(low, high, 1)</c> cast to int, not this.</remarks>
public sealed record RandIntDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> when low ≥ high.</summary>
    public RandIntDistribution(long low, long high)
    {
        if (low >= high)
        {
            throw new ArgumentException($"randint needs low ({low}) below high ({high})", nameof(low));
        }

        Low = low;
        High = high;
    }

    /// <summary>Smallest value.</summary>
    public long Low { get; }

    /// <summary>One past the largest value.</summary>
    public long High { get; }

    /// <inheritdoc />
    public override bool IsDiscrete => true;
}
