namespace SlurmSearch.Search.Tpe;

/// <summary>Kernel widths of the observations of one continuous dimension (the prior kernel always gets the full scale).</summary>
internal static class Bandwidths
{
    /// <summary>
    /// Widths for the n observation kernels, clipped to [minimum, scale], where the minimum is the larger of hyperopt's magic
    /// clip scale / min(100, n + 2) (n observations plus the prior, plus one) and <see cref="TpeOptions.MinBandwidthFactor"/> · scale.
    /// </summary>
    public static double[] Compute(TpeDimension dimension, double[] centers, double[] weights, int groupSize, TpeOptions options)
    {
        var n = centers.Length;
        var scale = dimension.Scale;
        var sigma = new double[n];
        if (n == 0)
        {
            return sigma;
        }

        switch (options.Bandwidth)
        {
            case TpeBandwidth.AdaptiveParzen:
                NeighbourGaps(centers, dimension.PriorMu, scale, sigma);
                break;
            case TpeBandwidth.Scott:
                Array.Fill(sigma, options.BandwidthFactor * Spread(centers, weights, scale) * Math.Pow(n, -1.0 / (groupSize + 4)));
                break;
            case TpeBandwidth.ScottRange:
                Array.Fill(sigma, options.BandwidthFactor * scale * Math.Pow(n, -1.0 / (groupSize + 4)));
                break;
            default:
                throw new NotSupportedException($"bandwidth rule {options.Bandwidth}");
        }

        var minimum = options.MinBandwidthFactor * scale;
        if (options.MagicClip)
        {
            minimum = Math.Max(minimum, scale / Math.Min(100.0, n + 2.0));
        }

        for (var i = 0; i < n; i++)
        {
            sigma[i] = Math.Clamp(sigma[i], minimum, scale);
        }

        return sigma;
    }

    /// <summary>
    /// hyperopt's adaptive Parzen estimator: with the prior centre inserted into the sorted centres, each kernel's width is
    /// the larger distance to its two neighbours (the nearer one at the ends); a single observation gets half the scale.
    /// </summary>
    private static void NeighbourGaps(double[] centers, double priorMu, double scale, double[] sigma)
    {
        var n = centers.Length;
        if (n == 1)
        {
            sigma[0] = 0.5 * scale;
            return;
        }

        var order = new int[n];
        var sorted = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            sorted[i] = centers[i];
        }

        Array.Sort(sorted, order);

        // np.searchsorted(side="left"): the prior goes before observations equal to it.
        var priorPosition = 0;
        while (priorPosition < n && sorted[priorPosition] < priorMu)
        {
            priorPosition++;
        }

        var all = new double[n + 1];
        Array.Copy(sorted, 0, all, 0, priorPosition);
        all[priorPosition] = priorMu;
        Array.Copy(sorted, priorPosition, all, priorPosition + 1, n - priorPosition);
        for (var p = 0; p <= n; p++)
        {
            if (p == priorPosition)
            {
                continue;
            }

            double width;
            if (p == 0)
            {
                width = all[1] - all[0];
            }
            else if (p == n)
            {
                width = all[n] - all[n - 1];
            }
            else
            {
                width = Math.Max(all[p] - all[p - 1], all[p + 1] - all[p]);
            }

            var observation = p < priorPosition ? p : p - 1;
            sigma[order[observation]] = width;
        }
    }

    /// <summary>The weighted standard deviation of the centres; half the scale while fewer than two observations.</summary>
    private static double Spread(double[] centers, double[] weights, double scale)
    {
        if (centers.Length < 2)
        {
            return 0.5 * scale;
        }

        double total = 0, mean = 0;
        for (var i = 0; i < centers.Length; i++)
        {
            total += weights[i];
            mean += weights[i] * centers[i];
        }

        mean /= total;
        var variance = 0.0;
        for (var i = 0; i < centers.Length; i++)
        {
            var d = centers[i] - mean;
            variance += weights[i] * d * d;
        }

        return Math.Sqrt(variance / total);
    }
}
