using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Tpe;

public sealed class BandwidthsTests
{
    private static readonly TpeDimension UnitRange = new(new Hyperparameter("x", new UniformDistribution(0, 1)));

    [Fact]
    public void Compute_AdaptiveParzen_MatchesHyperoptsSortedNeighbourRule()
    {
        // hyperopt: prior 0.5 is inserted before the equal observation (searchsorted left): [0.2, 0.5p, 0.5, 0.9];
        // widths 0.3 (end), ·, max(0, 0.4) = 0.4, 0.4 (end); magic clip 1 / min(100, 3 + 2) = 0.2.
        var sigma = Bandwidths.Compute(UnitRange, [0.9, 0.2, 0.5], [1, 1, 1], 1, TpeOptions.Hyperopt);

        Assert.Equal([0.4, 0.3, 0.4], sigma, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Compute_ClusteredObservations_AreClippedToTheMagicMinimum()
    {
        var sigma = Bandwidths.Compute(UnitRange, [0.30, 0.31, 0.32, 0.33], [1, 1, 1, 1], 1, TpeOptions.Hyperopt);

        // Widths 0.01, 0.01, 0.01 and 0.17 (gap to the prior at 0.5); minimum 1 / min(100, 4 + 2).
        Assert.Equal([1.0 / 6, 1.0 / 6, 1.0 / 6, 0.17], sigma, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Compute_SingleObservation_GetsHalfTheScale()
    {
        Assert.Equal([0.5], Bandwidths.Compute(UnitRange, [0.7], [1], 1, TpeOptions.Hyperopt));
    }

    [Fact]
    public void Compute_FloorInsteadOfMagicClip_UsesTheFloor()
    {
        var options = TpeOptions.Default with { MagicClip = false, MinBandwidthFactor = 0.05 };

        var sigma = Bandwidths.Compute(UnitRange, [0.30, 0.31, 0.9], [1, 1, 1], 1, options);

        // Sorted with the prior: [0.30, 0.31, 0.5p, 0.9] → widths 0.01 (floored), 0.19, 0.4.
        Assert.Equal([0.05, 0.19, 0.4], sigma, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Compute_ScottRules_GiveOneWidthPerDimension()
    {
        var centers = new[] { 0.1, 0.2, 0.3, 0.4 };
        var weights = new[] { 1.0, 1, 1, 1 };
        var scott = Bandwidths.Compute(UnitRange, centers, weights, 2, TpeOptions.Default with { Bandwidth = TpeBandwidth.Scott });
        var range = Bandwidths.Compute(UnitRange, centers, weights, 2, TpeOptions.Default with { Bandwidth = TpeBandwidth.ScottRange, BandwidthFactor = 0.2 });

        var std = Math.Sqrt(0.0125);
        Assert.All(scott, s => Assert.Equal(std * Math.Pow(4, -1.0 / 6), s, 12));
        Assert.All(range, s => Assert.Equal(0.2 * Math.Pow(4, -1.0 / 6), s, 12));
    }

    [Fact]
    public void ForgettingWeights_MoreThanTheWindow_RampLikeNumpyLinspace()
    {
        Assert.Equal(Enumerable.Repeat(1.0, 25), TpeSampler.ForgettingWeights(25, 25));
        var weights = TpeSampler.ForgettingWeights(28, 25);

        // np.linspace(1/28, 1, 3) = [1/28, (1 + 1/28)/2, 1], then 25 ones.
        Assert.Equal(1.0 / 28, weights[0], 15);
        Assert.Equal((1 + (1.0 / 28)) / 2, weights[1], 15);
        Assert.Equal(1.0, weights[2], 15);
        Assert.All(weights.Skip(3), w => Assert.Equal(1.0, w));
        Assert.Equal([1.0 / 26, 1.0, 1.0], TpeSampler.ForgettingWeights(26, 25).Take(3));
        Assert.Equal(Enumerable.Repeat(1.0, 40), TpeSampler.ForgettingWeights(40, 0));
    }
}
