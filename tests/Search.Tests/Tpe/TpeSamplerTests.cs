using SlurmSearch.Search.Benchmarks;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Tpe;

public sealed class TpeSamplerTests
{
    private static readonly TestFunction Quadratic1 = new(
        "quadratic1",
        new SearchSpace([new Hyperparameter("x", new UniformDistribution(-5, 5))]),
        p => (p["x"] - 3) * (p["x"] - 3),
        0);

    private static readonly TestFunction Q1Lognormal = new(
        "q1_lognormal",
        new SearchSpace([new Hyperparameter("x", new NormalDistribution(0, 2, log: true))]),
        p => Math.Min(0.1 * (p["x"] - 10) * (p["x"] - 10), 10),
        0);

    public static TheoryData<string> Presets => new() { "tpe", "tpe-hyperopt" };

    // hyperopt's own TPE acceptance thresholds (tests/unit/test_tpe.py, TestOpt), one fixed seed each as there.
    [Theory]
    [MemberData(nameof(Presets))]
    public void Suggest_Quadratic1With5Candidates_GetsBelow1em5Within1000Evaluations(string preset)
    {
        var sampler = new TpeSampler(Options(preset) with { Candidates = 5 });

        Assert.True(BestOf(sampler, Quadratic1, 1000, seed: 0) < 1e-5);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Suggest_Q1Lognormal_GetsBelow001Within250Evaluations(string preset)
    {
        Assert.True(BestOf(new TpeSampler(Options(preset)), Q1Lognormal, 250, seed: 0) < 0.01);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Suggest_Branin_GetsBelow07Within200Evaluations(string preset)
    {
        Assert.True(BestOf(new TpeSampler(Options(preset)), TestFunctions.Branin, 200, seed: 0) < 0.7);
    }

    [Fact]
    public void Suggest_DuringStartup_IsTheRandomSamplersDraw()
    {
        var space = TestFunctions.Hartmann3.Space;
        var history = FlatSpaces.History(space, 19, seed: 3).Select(o => Observation.Completed(o.Values, 1)).ToList();

        var suggestion = new TpeSampler(TpeOptions.Hyperopt).Suggest(space, history, new Random(11));

        Assert.Equal(Prior(space, 11), suggestion);
    }

    [Fact]
    public void Suggest_HyperoptPreset_CountsRunningTrialsTowardsStartupAsHyperoptDoes()
    {
        var space = TestFunctions.Hartmann3.Space;
        var completed = FlatSpaces.History(space, 19, seed: 3).Select(o => Observation.Completed(o.Values, 1)).ToList();
        var withRunning = completed.Append(Observation.Running(Prior(space, 1))).ToList();

        var hyperopt = new TpeSampler(TpeOptions.Hyperopt).Suggest(space, withRunning, new Random(11));
        var liar = new TpeSampler(TpeOptions.Default with { StartupTrials = 20 }).Suggest(space, withRunning, new Random(11));

        Assert.NotEqual(Prior(space, 11), hyperopt); // 20 documents: the model is on
        Assert.Equal(Prior(space, 11), liar); // 19 completed: still starting up
    }

    [Fact]
    public void Suggest_EightRunningTrialsAtThePointTpeWouldPick_SuggestsElsewhereOnlyWithALiar()
    {
        // x on the integers 0..20, loss (x − 7)²: 20 completed trials; then 8 workers run the very point TPE picks next.
        var space = new SearchSpace([new Hyperparameter("x", new UniformDistribution(0, 20, q: 1))]);
        var completed = Enumerable.Range(0, 20).Select(i => Observation.Completed(Point(i), (i - 7) * (i - 7))).ToList();
        var blind = new TpeSampler(TpeOptions.Default with { Pending = TpePending.Ignore });
        var liar = new TpeSampler();

        for (var seed = 0; seed < 20; seed++)
        {
            var next = liar.Suggest(space, completed, new Random(seed))["x"];
            var history = completed.Concat(Enumerable.Repeat(Observation.Running(Point(next)), 8)).ToList();

            Assert.Equal(next, blind.Suggest(space, history, new Random(seed))["x"]);
            Assert.NotEqual(next, liar.Suggest(space, history, new Random(seed))["x"]);
        }

        static Dictionary<string, double> Point(double x) => new() { ["x"] = x };
    }

    [Fact]
    public void Suggest_WorkersAskingInParallel_GetDistinctPointsWithTheLiar()
    {
        var space = new SearchSpace(
        [
            new Hyperparameter("a", new UniformDistribution(0, 30, q: 1)),
            new Hyperparameter("b", new UniformDistribution(0, 30, q: 1)),
        ]);
        var start = FlatSpaces.History(space, 30, seed: 9)
            .Select(o => Observation.Completed(o.Values, Math.Abs(o.Values["a"] - 12) + Math.Abs(o.Values["b"] - 20))).ToList();

        int Distinct(TpeOptions options)
        {
            var history = new List<Observation>(start);
            var sampler = new TpeSampler(options);
            var random = new Random(4);
            for (var worker = 0; worker < 16; worker++)
            {
                history.Add(Observation.Running(sampler.Suggest(space, history, random)));
            }

            return history.Skip(30).Select(o => (o.Values["a"], o.Values["b"])).Distinct().Count();
        }

        Assert.Equal(16, Distinct(TpeOptions.Default));
        Assert.True(Distinct(TpeOptions.Default with { Pending = TpePending.Ignore }) < 12);
    }

    [Fact]
    public void Suggest_ConditionalSpace_FitsChildrenOnlyOnTrialsWhereTheyAreActive()
    {
        // Branch 1 is much better; its child y is best near 2. Branch 0's child x is never relevant once branch 1 wins.
        var space = new SearchSpace(
        [
            new Hyperparameter("branch", CategoricalDistribution.Uniform(2)),
            new Hyperparameter("x", new UniformDistribution(-5, 5), [new ActivationCondition("branch", 0)]),
            new Hyperparameter("y", new UniformDistribution(-5, 5), [new ActivationCondition("branch", 1)]),
        ]);
        double Loss(IReadOnlyDictionary<string, double> p) => p["branch"] == 0 ? 10 + (p["x"] * p["x"]) : (p["y"] - 2) * (p["y"] - 2);

        foreach (var options in new[] { TpeOptions.Default, TpeOptions.Hyperopt })
        {
            var sampler = new TpeSampler(options);
            var history = new List<Observation>();
            var random = new Random(2);
            for (var i = 0; i < 80; i++)
            {
                var point = sampler.Suggest(space, history, random);
                TpeSamplerPropertyTests.AssertValid(space, point);
                history.Add(Observation.Completed(point, Loss(point)));
            }

            var late = history.Skip(60).ToList();
            Assert.True(late.Count(o => o.Values["branch"] == 1) >= 15, $"{options.Name} keeps trying the bad branch");
            Assert.True(late.Min(o => o.Loss!.Value) < 0.05, $"{options.Name} did not tune y");
        }
    }

    [Fact]
    public void Suggest_FailedTrials_AreAvoidedLikeBadOnes()
    {
        var space = new SearchSpace([new Hyperparameter("x", new UniformDistribution(0, 10, q: 1))]);
        var history = new List<Observation>();
        for (var i = 0; i < 30; i++)
        {
            var x = i % 11;
            history.Add(x == 3 ? new Observation(new Dictionary<string, double> { ["x"] = x }, ObservationState.Failed) : Observation.Completed(new Dictionary<string, double> { ["x"] = x }, Math.Abs(x - 3)));
        }

        var picks = Enumerable.Range(0, 20).Select(s => new TpeSampler().Suggest(space, history, new Random(s))["x"]).ToList();

        Assert.DoesNotContain(3.0, picks);
        Assert.True(picks.Count(x => x is 2 or 4) >= 10, string.Join(", ", picks));
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void EstimateOptimum_Quadratic1After200Evaluations_IsNearThree(string preset)
    {
        var sampler = new TpeSampler(Options(preset));
        foreach (var seed in new[] { 3, 7 })
        {
            var history = new List<Observation>();
            var random = new Random(seed);
            for (var i = 0; i < 200; i++)
            {
                var point = sampler.Suggest(Quadratic1.Space, history, random);
                history.Add(Observation.Completed(point, Quadratic1.Evaluate(point)));
            }

            var estimate = sampler.EstimateOptimum(Quadratic1.Space, history, new Random(1));
            var again = sampler.EstimateOptimum(Quadratic1.Space, history, new Random(1));

            Assert.InRange(estimate["x"], 2.95, 3.05);
            Assert.Equal(estimate, again);
        }
    }

    [Fact]
    public void EstimateOptimum_EmptyHistory_FallsBackToThePrior()
    {
        var estimate = new TpeSampler().EstimateOptimum(Quadratic1.Space, [], new Random(1));

        Assert.InRange(estimate["x"], -5, 5);
    }

    [Fact]
    public void Suggest_NullArguments_Throw()
    {
        var sampler = new TpeSampler();
        Assert.Throws<ArgumentNullException>(() => sampler.Suggest(null!, [], new Random(1)));
        Assert.Throws<ArgumentNullException>(() => sampler.Suggest(Quadratic1.Space, null!, new Random(1)));
        Assert.Throws<ArgumentNullException>(() => sampler.EstimateOptimum(Quadratic1.Space, [], null!));
    }

    private static IReadOnlyDictionary<string, double> Prior(SearchSpace space, int seed) => new RandomSampler().Suggest(space, [], new Random(seed));

    private static TpeOptions Options(string preset) => preset == "tpe" ? TpeOptions.Default : TpeOptions.Hyperopt;

    private static double BestOf(Sampler sampler, TestFunction function, int evaluations, int seed)
    {
        var history = new List<Observation>();
        var random = new Random(seed);
        var best = double.PositiveInfinity;
        for (var i = 0; i < evaluations; i++)
        {
            var point = sampler.Suggest(function.Space, history, random);
            var loss = function.Evaluate(point);
            history.Add(Observation.Completed(point, loss));
            best = Math.Min(best, loss);
        }

        return best;
    }
}
