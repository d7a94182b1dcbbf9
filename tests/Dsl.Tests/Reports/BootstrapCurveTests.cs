using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Dsl.Reports;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class BootstrapCurveTests
{
    private static readonly Gen<(double[] Means, int Trials, int Seed)> Searches =
        from count in Gen.Choose(1, 30)
        from means in Gen.Choose(-10_000, 10_000).Select(i => i / 10.0).ArrayOf(count)
        from trials in Gen.Choose(1, 40)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (means, trials, seed);

    [Fact]
    public void ExpectedBest_AnySample_IsMonotoneAndWithinTheSampleRange()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Searches.ToArbitrary(), search =>
        {
            var curve = BootstrapCurve.ExpectedBest(search.Means, search.Trials, resamples: 50, search.Seed);

            Assert.Equal(Enumerable.Range(1, search.Trials), curve.Select(p => p.Trials));
            for (var k = 0; k < curve.Count; k++)
            {
                Assert.InRange(curve[k].Lower, search.Means.Min(), search.Means.Max());
                Assert.InRange(curve[k].Mean, search.Means.Min(), search.Means.Max());
                Assert.InRange(curve[k].Upper, curve[k].Lower, search.Means.Max());
                if (k > 0)
                {
                    Assert.True(curve[k].Mean >= curve[k - 1].Mean, $"mean fell at k={k + 1}: {curve[k - 1].Mean} -> {curve[k].Mean}");
                    Assert.True(curve[k].Lower >= curve[k - 1].Lower, $"lower band fell at k={k + 1}");
                    Assert.True(curve[k].Upper >= curve[k - 1].Upper, $"upper band fell at k={k + 1}");
                }
            }
        }));
    }

    [Fact]
    public void ExpectedBest_ManyResamples_MatchesTheExactExpectationOfAMaximum()
    {
        double[] means = [12, 40, 7, 33, 55, 18, 29, 41];
        const int resamples = 20_000;
        var curve = BootstrapCurve.ExpectedBest(means, 8, resamples, seed: 3);

        // E[max of k draws with replacement] = Σ_i v_(i) · ((i/n)^k − ((i−1)/n)^k) over the ascending values.
        var sorted = means.Order().ToArray();
        var n = sorted.Length;
        for (var k = 1; k <= 8; k++)
        {
            var exact = sorted.Select((v, i) => v * (Math.Pow((i + 1.0) / n, k) - Math.Pow((double)i / n, k))).Sum();
            var spread = Math.Sqrt(sorted.Select((v, i) => (v - exact) * (v - exact) * (Math.Pow((i + 1.0) / n, k) - Math.Pow((double)i / n, k))).Sum());
            Assert.True(Math.Abs(curve[k - 1].Mean - exact) <= 4 * spread / Math.Sqrt(resamples), $"k={k}: {curve[k - 1].Mean} vs exact {exact}");
        }
    }

    [Fact]
    public void ExpectedBest_SameSeed_GivesTheSameCurve()
    {
        double[] means = [1, 5, 2, 8, 3];

        Assert.Equal(BootstrapCurve.ExpectedBest(means, 10, 100, 7), BootstrapCurve.ExpectedBest(means, 10, 100, 7));
        Assert.NotEqual(BootstrapCurve.ExpectedBest(means, 10, 100, 7), BootstrapCurve.ExpectedBest(means, 10, 100, 8));
    }

    [Fact]
    public void NoisySelection_AnySample_StaysBetweenTheWorstAndBestSettingMeans()
    {
        var gen = from settings in Gen.Choose(1, 12)
                  from runs in Gen.Choose(-1000, 1000).Select(i => (double)i).ArrayOf(3).ArrayOf(settings)
                  from perSetting in Gen.Choose(1, 5)
                  from seed in Gen.Choose(0, 1000)
                  select (runs, perSetting, seed);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var means = input.runs.Select(r => r.Average()).ToArray();
            var curve = BootstrapCurve.NoisySelection([.. input.runs], input.perSetting, 15, 40, input.seed);

            Assert.All(curve, p =>
            {
                Assert.InRange(p.Mean, means.Min() - 1e-9, means.Max() + 1e-9);
                Assert.InRange(p.Lower, means.Min() - 1e-9, p.Upper);
                Assert.InRange(p.Upper, p.Lower, means.Max() + 1e-9);
            });
        }));
    }

    [Fact]
    public void NoisySelection_NoiselessRuns_EqualsExpectedBest()
    {
        // With identical runs a run-mean is the setting mean, so the picked setting is the best drawn: the same law as
        // ExpectedBest (from a different random stream, hence the statistical tolerance).
        double[][] runs = [[3, 3], [9, 9], [5, 5], [1, 1]];
        var noisy = BootstrapCurve.NoisySelection([.. runs], 2, 6, 20_000, 11);
        var exact = BootstrapCurve.ExpectedBest([3, 9, 5, 1], 6, 20_000, 11);

        for (var k = 0; k < 6; k++)
        {
            Assert.Equal(exact[k].Mean, noisy[k].Mean, 0.15);
        }
    }

    [Fact]
    public void NoisySelection_NoisyRuns_PicksWorseThanTheOracle()
    {
        // A steady best setting (60) beside a noisy mediocre one (0 or 100, mean 50): judged by one run, the noisy one
        // looks like 100 sooner or later and wins, so selection noise eats most of the gain the oracle gets.
        double[][] runs = [[0, 100], [60, 60], [40, 40]];
        var noisy = BootstrapCurve.NoisySelection([.. runs], 1, 8, 5000, 1);
        var oracle = BootstrapCurve.ExpectedBest([.. runs.Select(r => r.Average())], 8, 5000, 1);

        Assert.True(noisy[^1].Mean < oracle[^1].Mean - 5, $"noisy {noisy[^1].Mean} vs oracle {oracle[^1].Mean}");
    }

    [Fact]
    public void ExpectedBest_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => BootstrapCurve.ExpectedBest([], 3, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapCurve.ExpectedBest([1], 0, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapCurve.ExpectedBest([1], 3, 10, 0, 0.8, 0.2));
    }
}
