using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Tpe;

public sealed class TpeOptionsTests
{
    [Fact]
    public void Presets_AreValidAndNamed()
    {
        Assert.Empty(TpeOptions.Default.Problems());
        Assert.Empty(TpeOptions.Hyperopt.Problems());
        Assert.Equal("tpe", new TpeSampler().Name);
        Assert.Equal("tpe-hyperopt", new TpeSampler(TpeOptions.Hyperopt).Name);
    }

    [Fact]
    public void Hyperopt_Preset_HasHyperopt027Defaults()
    {
        var o = TpeOptions.Hyperopt;
        Assert.Equal((TpeGamma.SquareRoot, 0.25, 25), (o.Gamma, o.GammaFactor, o.BelowCap));
        Assert.Equal((20, 24, 1.0, 25), (o.StartupTrials, o.Candidates, o.PriorWeight, o.Forgetting));
        Assert.Equal((false, TpeKernels.Hyperopt, TpeBandwidth.AdaptiveParzen, true), (o.Multivariate, o.Kernels, o.Bandwidth, o.MagicClip));
        Assert.Equal((TpePending.HyperoptWorst, 0), (o.Pending, o.MaxAboveKernels));
    }

    [Fact]
    public void BelowCount_Presets_FollowTheirGammaRules()
    {
        var hyperopt = new TpeSampler(TpeOptions.Hyperopt);
        var linear = new TpeSampler(TpeOptions.Default);
        for (var n = 0; n <= 2000; n++)
        {
            Assert.Equal(Math.Min((int)Math.Ceiling(0.25 * Math.Sqrt(n)), 25), hyperopt.BelowCount(n));
            Assert.Equal(Math.Min((int)Math.Ceiling(0.1 * n), 25), linear.BelowCount(n));
        }

        Assert.Equal(1, hyperopt.BelowCount(16));
        Assert.Equal(2, hyperopt.BelowCount(17));
    }

    [Fact]
    public void Constructor_SeveralInvalidOptions_ReportsThemAllAtOnce()
    {
        var options = TpeOptions.Default with
        {
            Name = "broken",
            Candidates = 0,
            GammaFactor = double.NaN,
            PriorWeight = -1,
            Kernels = TpeKernels.Hyperopt,
            MaxAboveKernels = 3,
        };

        var error = Assert.Throws<ArgumentException>(() => new TpeSampler(options));

        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        foreach (var name in new[] { "Candidates", "GammaFactor", "PriorWeight", "Multivariate = false", "MaxAboveKernels" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(5, options.Problems().Count);
    }

    [Fact]
    public void Problems_NoMinimumWidth_IsRejected()
    {
        var problems = (TpeOptions.Default with { MagicClip = false, MinBandwidthFactor = 0 }).Problems();

        Assert.Single(problems);
        Assert.Contains("minimum width", problems[0], StringComparison.Ordinal);
    }
}
