namespace SlurmSearch.Dsl.Reports;

/// <summary>Bootstrapped random-search curves: how good the best setting found after k random trials is expected to be.</summary>
/// <remarks>
/// Each simulated search draws k settings from the measured ones with replacement (a random search over the same
/// space, bootstrapped from the sample) and keeps the one that looks best. <see cref="ExpectedBest"/> judges
/// settings by their measured means (noise-free selection: every search path is a running maximum, so the curve and
/// its quantiles never decrease). <see cref="NoisySelection"/> is the original's <c>simulated_search</c>: a setting is
/// judged by the mean of a few of its runs redrawn with replacement, and the curve reports the picked setting's
/// full-sample mean, which shows how selection noise eats into the gain from tuning. Seeded, so reports are repeatable.
/// </remarks>
public static class BootstrapCurve
{
    /// <summary>The expected best mean after 1..<paramref name="trials"/> trials when settings are judged by their means.</summary>
    public static IReadOnlyList<BootstrapPoint> ExpectedBest(IReadOnlyList<double> settingMeans, int trials, int resamples, int seed, double lowerQuantile = 0.25, double upperQuantile = 0.75)
    {
        ArgumentNullException.ThrowIfNull(settingMeans);
        Validate(settingMeans.Count, trials, resamples, lowerQuantile, upperQuantile);
        return Simulate(trials, resamples, seed, lowerQuantile, upperQuantile, random =>
        {
            var best = double.NegativeInfinity;
            var path = new double[trials];
            for (var k = 0; k < trials; k++)
            {
                best = Math.Max(best, settingMeans[random.Next(settingMeans.Count)]);
                path[k] = best;
            }

            return path;
        });
    }

    /// <summary>The expected full-sample mean of the setting picked after 1..<paramref name="trials"/> trials when each is judged by <paramref name="runsPerSetting"/> of its runs.</summary>
    public static IReadOnlyList<BootstrapPoint> NoisySelection(IReadOnlyList<IReadOnlyList<double>> settingRuns, int runsPerSetting, int trials, int resamples, int seed, double lowerQuantile = 0.25, double upperQuantile = 0.75)
    {
        ArgumentNullException.ThrowIfNull(settingRuns);
        Validate(settingRuns.Count, trials, resamples, lowerQuantile, upperQuantile);
        ArgumentOutOfRangeException.ThrowIfLessThan(runsPerSetting, 1);
        if (settingRuns.Any(r => r.Count == 0))
        {
            throw new ArgumentException("every setting needs at least one run", nameof(settingRuns));
        }

        var means = settingRuns.Select(Statistics.Mean).ToArray();
        return Simulate(trials, resamples, seed, lowerQuantile, upperQuantile, random =>
        {
            var bestMeasured = double.NegativeInfinity;
            var picked = -1;
            var path = new double[trials];
            for (var k = 0; k < trials; k++)
            {
                var setting = random.Next(settingRuns.Count);
                var runs = settingRuns[setting];
                var measured = 0.0;
                for (var r = 0; r < runsPerSetting; r++)
                {
                    measured += runs[random.Next(runs.Count)];
                }

                measured /= runsPerSetting;
                if (picked < 0 || measured > bestMeasured)
                {
                    (picked, bestMeasured) = (setting, measured);
                }

                path[k] = means[picked];
            }

            return path;
        });
    }

    private static void Validate(int settings, int trials, int resamples, double lowerQuantile, double upperQuantile)
    {
        if (settings == 0)
        {
            throw new ArgumentException("there are no settings to resample", "settings");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (!(lowerQuantile >= 0 && lowerQuantile <= upperQuantile && upperQuantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerQuantile), "the band quantiles must satisfy 0 <= lower <= upper <= 1");
        }
    }

    private static BootstrapPoint[] Simulate(int trials, int resamples, int seed, double lowerQuantile, double upperQuantile, Func<Random, double[]> search)
    {
        // One seeded generator for the whole curve: Random(int) is the stable legacy algorithm, so reports repeat exactly.
        var random = new Random(seed);
        var paths = new double[resamples][];
        for (var r = 0; r < resamples; r++)
        {
            paths[r] = search(random);
        }

        var points = new BootstrapPoint[trials];
        var column = new double[resamples];
        for (var k = 0; k < trials; k++)
        {
            for (var r = 0; r < resamples; r++)
            {
                column[r] = paths[r][k];
            }

            Array.Sort(column);
            // Clamped: a sum of n equal values divided by n can come out an ulp above them.
            var mean = Math.Clamp(Statistics.Mean(column), column[0], column[^1]);
            points[k] = new BootstrapPoint(k + 1, mean, Statistics.Quantile(column, lowerQuantile), Statistics.Quantile(column, upperQuantile));
        }

        return points;
    }
}
