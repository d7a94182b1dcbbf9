using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tests.Spaces;

namespace SlurmSearch.Search.Tests.Samplers;

public sealed class RandomSamplerTests
{
    [Fact]
    public void Name_IsHyperoptsAlgoName() => Assert.Equal("rand", new RandomSampler().Name);

    [Fact]
    public void Suggest_GeneratedSpacesAndSeeds_StayWithinSupportAndSetOnlyActiveLabels()
    {
        var arbitrary = Arb.From(SpaceGen.Space().Zip(Gen.Choose(0, int.MaxValue)));
        Check.QuickThrowOnFailure(Prop.ForAll(arbitrary, input =>
        {
            var (space, seed) = input;
            var flat = space.Compile();
            var suggestion = new RandomSampler().Suggest(flat, [], new Random(seed));

            foreach (var parameter in flat.Parameters)
            {
                var present = suggestion.TryGetValue(parameter.Label, out var value);
                Assert.Equal(parameter.IsActiveIn(suggestion), present);
                if (present)
                {
                    AssertInSupport(parameter, value);
                }
            }

            Assert.All(suggestion.Keys, label => Assert.True(flat.TryGet(label, out _)));
            space.Evaluate(suggestion);
        }));
    }

    [Fact]
    public void Suggest_SameSeed_GivesTheSameSuggestion()
    {
        var space = SpaceParser().Compile();

        var first = new RandomSampler().Suggest(space, [], new Random(42));
        var second = new RandomSampler().Suggest(space, [], new Random(42));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Suggest_ManyDraws_ChoosesEveryBranchWithItsProbability()
    {
        var space = SpaceParser().Compile();
        var random = new Random(7);
        var counts = new int[3];
        const int Draws = 20_000;
        for (var i = 0; i < Draws; i++)
        {
            var suggestion = new RandomSampler().Suggest(space, [], random);
            var option = (int)suggestion["opt"];
            counts[option]++;
            Assert.Equal(option == 0, suggestion.ContainsKey("opt.momentum"));
            Assert.Equal(option == 1, suggestion.ContainsKey("opt.beta"));
        }

        Assert.InRange(counts[0] / (double)Draws, 0.18, 0.22);
        Assert.InRange(counts[1] / (double)Draws, 0.48, 0.52);
        Assert.InRange(counts[2] / (double)Draws, 0.28, 0.32);
    }

    [Fact]
    public void Sample_Normal_HasTheRequestedMeanAndDeviation()
    {
        var random = new Random(3);
        var draws = Enumerable.Range(0, 50_000).Select(_ => PriorSampling.Sample(new NormalDistribution(3, 2), random)).ToArray();

        var mean = draws.Average();
        var sd = Math.Sqrt(draws.Sum(x => (x - mean) * (x - mean)) / (draws.Length - 1));
        Assert.InRange(mean, 2.95, 3.05);
        Assert.InRange(sd, 1.95, 2.05);
    }

    [Fact]
    public void Sample_QuniformLikeHyperopt_CanLandOneQuantumOutsideTheBounds()
    {
        var random = new Random(11);
        var seen = Enumerable.Range(0, 5_000).Select(_ => PriorSampling.Sample(new UniformDistribution(1, 8, 3), random)).ToHashSet();

        Assert.Equal(new HashSet<double> { 0, 3, 6, 9 }, seen);
    }

    [Fact]
    public void Sample_RandInt_CoversLowToHighExclusive()
    {
        var random = new Random(5);
        var seen = Enumerable.Range(0, 2_000).Select(_ => PriorSampling.Sample(new RandIntDistribution(-2, 3), random)).ToHashSet();

        Assert.Equal(new HashSet<double> { -2, -1, 0, 1, 2 }, seen);
    }

    [Fact]
    public void Quantize_HalfwayValues_RoundToEvenLikeNumpy()
    {
        Assert.Equal(2.0, PriorSampling.Quantize(2.5, 1));
        Assert.Equal(4.0, PriorSampling.Quantize(3.5, 1));
        Assert.Equal(0.5, PriorSampling.Quantize(0.6, 0.5));
    }

    internal static void AssertInSupport(Hyperparameter parameter, double value)
    {
        Assert.False(double.IsNaN(value), parameter.Label);
        switch (parameter.Distribution)
        {
            case UniformDistribution u:
                var low = u.Log ? Math.Exp(u.Low) : u.Low;
                var high = u.Log ? Math.Exp(u.High) : u.High;
                if (u.Q is { } q)
                {
                    AssertOnGrid(value, q, parameter.Label);
                    Assert.InRange(value, (Math.Round(low / q) * q) - 1e-9, (Math.Round(high / q) * q) + 1e-9);
                }
                else
                {
                    Assert.InRange(value, low, high);
                }

                break;
            case NormalDistribution n:
                Assert.True(double.IsFinite(value), parameter.Label);
                if (n.Log)
                {
                    Assert.True(value >= 0, parameter.Label);
                }

                if (n.Q is { } nq)
                {
                    AssertOnGrid(value, nq, parameter.Label);
                }

                break;
            case RandIntDistribution r:
                Assert.Equal(Math.Floor(value), value);
                Assert.InRange(value, r.Low, r.High - 1);
                break;
            case CategoricalDistribution c:
                Assert.Equal(Math.Floor(value), value);
                Assert.InRange(value, 0, c.Count - 1);
                Assert.True(c.Probabilities[(int)value] > 0, parameter.Label);
                break;
        }
    }

    private static void AssertOnGrid(double value, double q, string label)
    {
        var steps = value / q;
        Assert.True(Math.Abs(steps - Math.Round(steps)) < 1e-9, $"{label}: {value} is not a multiple of {q}");
    }

    private static StructuredSpace SpaceParser() => Search.Spaces.Syntax.SpaceParser.Parse(
        """{lr: loguniform(log(1e-5), log(0.1)), opt: pchoice((0.2, {momentum: uniform(0, 0.99)}), (0.5, {beta: normal(0.9, 0.01)}), (0.3, "plain"))}""");
}
