namespace SlurmSearch.Search.Spaces;

/// <summary>hyperopt's <c>choice</c> (equal probabilities) and <c>pchoice</c>: the sampled value is an option index 0..n−1.</summary>
public sealed record CategoricalDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> for no options or probabilities that are negative or do not sum to 1.</summary>
    public CategoricalDistribution(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count == 0)
        {
            throw new ArgumentException("a choice needs at least one option", nameof(probabilities));
        }

        foreach (var p in probabilities)
        {
            if (double.IsNaN(p) || p < 0)
            {
                throw new ArgumentException($"probability {p} is not a number ≥ 0", nameof(probabilities));
            }
        }

        if (Math.Abs(probabilities.Sum() - 1.0) > 1e-6)
        {
            throw new ArgumentException($"probabilities sum to {probabilities.Sum()}, not 1", nameof(probabilities));
        }

        Probabilities = [.. probabilities];
    }

    /// <summary>Creates a uniform choice over <paramref name="count"/> options.</summary>
    public static CategoricalDistribution Uniform(int count) =>
        count > 0 ? new(Enumerable.Repeat(1.0 / count, count).ToArray()) : throw new ArgumentException("a choice needs at least one option", nameof(count));

    /// <summary>The probability of each option.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>The number of options.</summary>
    public int Count => Probabilities.Count;

    /// <inheritdoc />
    public override bool IsDiscrete => true;

    /// <inheritdoc />
    public bool Equals(CategoricalDistribution? other) =>
        other is not null && Probabilities.SequenceEqual(other.Probabilities);

    /// <inheritdoc />
    public override int GetHashCode() => Probabilities.Aggregate(Count, HashCode.Combine);
}
