using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Benchmarks;
using SlurmSearch.Search.Samplers;

namespace SlurmSearch.Search.Tests.Benchmarks;

public sealed class TestFunctionsTests
{
    public static TheoryData<string, double[]> Minimisers => new()
    {
        { "branin", [Math.PI, 2.275] },
        { "branin", [-Math.PI, 12.275] },
        { "branin", [9.42478, 2.475] },
        { "six_hump_camel", [0.08984201368301331, -0.7126564032704135] },
        { "six_hump_camel", [-0.08984201368301331, 0.7126564032704135] },
        { "hartmann3", [0.11461434, 0.55564885, 0.85254695] },
        { "rosenbrock5", [1, 1, 1, 1, 1] },
        { "log_lr", [1e-3] },
        { "int_quad", [7, 35, 0] },
    };

    [Theory]
    [MemberData(nameof(Minimisers))]
    public void Evaluate_AtAKnownMinimiser_GivesTheKnownMinimum(string name, double[] point)
    {
        var function = TestFunctions.Get(name);
        var values = function.Space.Parameters.Select((p, i) => (p.Label, point[i])).ToDictionary(p => p.Label, p => p.Item2);

        Assert.Equal(function.KnownMinimum, function.Evaluate(values), 5);
    }

    [Fact]
    public void Evaluate_AnywhereInTheSpace_IsNotBelowTheKnownMinimum()
    {
        var cases = from index in Gen.Choose(0, TestFunctions.All.Count - 1)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (TestFunctions.All[index], seed);
        Check.QuickThrowOnFailure(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (function, seed) = c;
            var point = new RandomSampler().Suggest(function.Space, [], new Random(seed));
            Assert.True(function.Evaluate(point) >= function.KnownMinimum - 1e-12, $"{function.Name} at {string.Join(", ", point)}");
        }));
    }

    [Fact]
    public void All_MatchTheBenchmarkTable()
    {
        Assert.Equal(["branin", "six_hump_camel", "hartmann3", "rosenbrock5", "log_lr", "int_quad"], TestFunctions.All.Select(f => f.Name));
        Assert.Equal([2, 2, 3, 5, 1, 3], TestFunctions.All.Select(f => f.Space.Parameters.Count));
        Assert.Equal(-3.8627797873326624, TestFunctions.Hartmann3.KnownMinimum);
    }

    [Fact]
    public void IntQuad_Space_IsIntegersOneToTwentyAndStepsOfFive()
    {
        var seen = Enumerable.Range(0, 5000).Select(s => new RandomSampler().Suggest(TestFunctions.IntQuad.Space, [], new Random(s))).ToList();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (double)i), seen.Select(p => p["n"]).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 21).Select(i => i * 5.0), seen.Select(p => p["q"]).Distinct().Order());
    }

    [Fact]
    public void Get_UnknownName_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TestFunctions.Get("ackley"));

        Assert.Contains("ackley", error.Message, StringComparison.Ordinal);
        Assert.Contains("int_quad", error.Message, StringComparison.Ordinal);
    }
}
