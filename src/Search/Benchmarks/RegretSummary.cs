namespace SlurmSearch.Search.Benchmarks;

/// <summary>Median and quartiles of a sample (numpy's default linear interpolation between order statistics).</summary>
public sealed record RegretSummary(double Median, double Q25, double Q75)
{
    /// <summary>Summarises a non-empty sample.</summary>
    public static RegretSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("cannot summarise an empty sample", nameof(values));
        }

        return new RegretSummary(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75));
    }

    /// <summary>The p-quantile of an ascending array, interpolating linearly at position p·(n − 1).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0 || !(p >= 0 && p <= 1))
        {
            throw new ArgumentException($"need a non-empty sample and p in [0, 1], got {sorted.Count} values and p = {p}");
        }

        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        return sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }
}
