using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Tpe;

public sealed class TpeSamplerPropertyTests
{
    private static readonly TpeOptions[] Variants =
    [
        TpeOptions.Default with { StartupTrials = 2 },
        TpeOptions.Hyperopt with { StartupTrials = 2 },
        TpeOptions.Default with { StartupTrials = 0, Multivariate = false, Pending = TpePending.Ignore },
        TpeOptions.Default with { StartupTrials = 0, Bandwidth = TpeBandwidth.Scott, MaxAboveKernels = 8 },
        TpeOptions.Default with { StartupTrials = 0, Bandwidth = TpeBandwidth.ScottRange, BandwidthFactor = 0.2, MagicClip = true, PriorWeight = 0 },
        TpeOptions.Hyperopt with { StartupTrials = 0, PriorWeight = 0, Forgetting = 3 },
    ];

    private static readonly Arbitrary<(SearchSpace Space, int Count, int Seed, TpeOptions Options)> Cases =
        (from space in FlatSpaces.Spaces
         from count in Gen.Choose(0, 60)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         from options in Gen.Elements(Variants)
         select (space, count, seed, options)).ToArbitrary();

    [Fact]
    public void Suggest_AnySpaceHistoryAndOptions_GivesAValidPointForTheSpace()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Cases, c =>
        {
            var history = FlatSpaces.History(c.Space, c.Count, c.Seed);
            var sampler = new TpeSampler(c.Options);

            var suggestion = sampler.Suggest(c.Space, history, new Random(c.Seed));

            AssertValid(c.Space, suggestion);
        }));
    }

    [Fact]
    public void EstimateOptimum_AnySpaceAndHistory_GivesAValidPointForTheSpace()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Cases, c =>
        {
            var history = FlatSpaces.History(c.Space, c.Count, c.Seed);
            var sampler = new TpeSampler(c.Options with { EstimateCandidates = 64 });

            AssertValid(c.Space, sampler.EstimateOptimum(c.Space, history, new Random(c.Seed)));
        }));
    }

    [Fact]
    public void Suggest_SameInputsAndRandomState_IsIdentical()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Cases, c =>
        {
            var history = FlatSpaces.History(c.Space, c.Count, c.Seed);
            var first = new TpeSampler(c.Options).Suggest(c.Space, history, new Random(c.Seed));
            var second = new TpeSampler(c.Options).Suggest(c.Space, history, new Random(c.Seed));

            Assert.Equal(first.OrderBy(p => p.Key), second.OrderBy(p => p.Key));
        }));
    }

    /// <summary>Exactly the active labels are set, each to a finite value its prior can produce (bounds, grid, options).</summary>
    internal static void AssertValid(SearchSpace space, IReadOnlyDictionary<string, double> suggestion)
    {
        foreach (var parameter in space.Parameters)
        {
            var active = parameter.IsActiveIn(suggestion);
            Assert.True(active == suggestion.ContainsKey(parameter.Label), $"'{parameter.Label}' active = {active} but set = {!active}");
            if (!active)
            {
                continue;
            }

            var value = suggestion[parameter.Label];
            Assert.True(double.IsFinite(value), $"'{parameter.Label}' = {value}");
            switch (parameter.Distribution)
            {
                case UniformDistribution u:
                    var low = u.Log ? Math.Exp(u.Low) : u.Low;
                    var high = u.Log ? Math.Exp(u.High) : u.High;
                    if (u.Q is { } q)
                    {
                        AssertOnGrid(parameter.Label, value, q);
                        (low, high) = (PriorSampling.Quantize(low, q), PriorSampling.Quantize(high, q));
                    }

                    Assert.True(value >= low - (1e-9 * Math.Abs(low)) && value <= high + (1e-9 * Math.Abs(high)), $"'{parameter.Label}' = {value} outside [{low}, {high}]");
                    break;
                case NormalDistribution n:
                    if (n.Q is { } step)
                    {
                        AssertOnGrid(parameter.Label, value, step);
                    }

                    Assert.True(!n.Log || value >= 0, $"log-normal '{parameter.Label}' = {value}");
                    break;
                case RandIntDistribution r:
                    Assert.True(value == Math.Floor(value) && value >= r.Low && value < r.High, $"randint '{parameter.Label}' = {value}");
                    break;
                case CategoricalDistribution c:
                    Assert.True(value == Math.Floor(value) && value >= 0 && value < c.Count, $"choice '{parameter.Label}' = {value}");
                    Assert.True(c.Probabilities[(int)value] > 0, $"choice '{parameter.Label}' took option {value} of probability 0");
                    break;
                default:
                    throw new InvalidOperationException(parameter.Distribution.GetType().Name);
            }
        }
    }

    private static void AssertOnGrid(string label, double value, double q)
    {
        var steps = value / q;
        Assert.True(Math.Abs(steps - Math.Round(steps)) <= 1e-9 * Math.Max(1, Math.Abs(steps)), $"'{label}' = {value} is not a multiple of {q}");
    }
}
