namespace SlurmSearch.Dsl.Reports;

/// <summary>The few statistics the reports need, with numpy's conventions (population std, linear-interpolated percentiles).</summary>
internal static class Statistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    /// <summary>numpy's <c>std</c> (ddof = 0), as the original computes every std.</summary>
    public static double PopulationStd(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / values.Count);
    }

    /// <summary>numpy's default <c>percentile</c> (method "linear") of ascending <paramref name="sorted"/> at <paramref name="fraction"/> ∈ [0, 1].</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double fraction)
    {
        var position = fraction * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        if (low >= sorted.Count - 1)
        {
            return sorted[^1];
        }

        // (1-t)·a + t·b, clamped to [a, b], is monotone in a and b under rounding (a + (b-a)·t is not), so
        // quantiles of dominating samples never come out smaller: the bootstrap bands rely on that.
        var t = position - low;
        var (a, b) = (sorted[low], sorted[low + 1]);
        return Math.Clamp((a * (1 - t)) + (b * t), a, b);
    }
}
