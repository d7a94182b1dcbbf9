using System.Text.Json;
using SlurmSearch.Search.Benchmarks;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Benchmarks;

public sealed class TpeBenchmarkTests
{
    [Fact]
    public void Tune_ToJson_HasExactlyThePeersFields()
    {
        var result = TpeBenchmark.Tune(BenchmarkSamplers.Create("random"), TestFunctions.Branin, evaluations: 15, seeds: 3, samplerName: "random");

        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        Assert.Equal(["func", "sampler", "evals", "seeds", "final_regret", "suggest_ms"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("branin", root.GetProperty("func").GetString());
        Assert.Equal("random", root.GetProperty("sampler").GetString());
        Assert.Equal(15, root.GetProperty("evals").GetInt32());
        Assert.Equal(3, root.GetProperty("seeds").GetInt32());
        Assert.Equal(["median", "q25", "q75"], root.GetProperty("final_regret").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["median"], root.GetProperty("suggest_ms").EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.FinalRegret.Median, root.GetProperty("final_regret").GetProperty("median").GetDouble());
    }

    [Fact]
    public void Tune_SeedS_IsTheRunWithRandomOfS()
    {
        var sampler = new TpeSampler(TpeOptions.Default with { StartupTrials = 3 });
        var result = TpeBenchmark.Tune(sampler, TestFunctions.SixHumpCamel, evaluations: 12, seeds: 2, firstSeed: 5);

        for (var s = 0; s < 2; s++)
        {
            var random = new Random(5 + s);
            var history = new List<Observation>();
            for (var i = 0; i < 12; i++)
            {
                var point = sampler.Suggest(TestFunctions.SixHumpCamel.Space, history, random);
                history.Add(Observation.Completed(point, TestFunctions.SixHumpCamel.Evaluate(point)));
            }

            Assert.Equal(history.Min(o => o.Loss!.Value) - TestFunctions.SixHumpCamel.KnownMinimum, result.FinalRegrets[s]);
        }
    }

    [Fact]
    public void Tune_Regrets_AreNonNegativeOrderedAndRecordedAlongTheRun()
    {
        var result = TpeBenchmark.Tune(BenchmarkSamplers.Create("tpe"), TestFunctions.IntQuad, evaluations: 30, seeds: 4);

        Assert.All(result.FinalRegrets, r => Assert.True(r >= 0));
        Assert.True(result.FinalRegret.Q25 <= result.FinalRegret.Median && result.FinalRegret.Median <= result.FinalRegret.Q75);
        Assert.Equal([10, 25], result.RegretAt.Keys.Order());
        Assert.True(result.RegretAt[25] <= result.RegretAt[10]);
        Assert.True(result.SuggestMedianMs >= 0);
    }

    [Fact]
    public void Latency_ToJson_HasExactlyThePeersFields()
    {
        var result = TpeBenchmark.Latency(BenchmarkSamplers.Create("tpe", modelFromStart: true), sizes: [10, 40], repetitions: 3);

        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        Assert.Equal(["sampler", "dims", "latency_ms"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tpe", root.GetProperty("sampler").GetString());
        Assert.Equal(6, root.GetProperty("dims").GetInt32());
        Assert.Equal(["10", "40"], root.GetProperty("latency_ms").EnumerateObject().Select(p => p.Name));
        Assert.All(root.GetProperty("latency_ms").EnumerateObject(), p => Assert.True(p.Value.GetDouble() >= 0));
    }

    [Fact]
    public void RandomHistory_IsCompletedUniformAndReproducible()
    {
        var space = TestFunctions.Hartmann3.Space;
        var first = TpeBenchmark.RandomHistory(space, 50, new Random(3));
        var second = TpeBenchmark.RandomHistory(space, 50, new Random(3));

        Assert.All(first, o => Assert.Equal(ObservationState.Completed, o.State));
        Assert.All(first.SelectMany(o => o.Values.Values), v => Assert.InRange(v, 0, 1));
        Assert.Equal(first.Select(o => o.Loss), second.Select(o => o.Loss));
    }

    [Fact]
    public void Create_KnownNames_GiveThoseSamplers()
    {
        Assert.Equal(["tpe", "tpe-hyperopt", "rand"], BenchmarkSamplers.Names.Select(n => BenchmarkSamplers.Create(n).Name));
        Assert.IsType<RandomSampler>(BenchmarkSamplers.Create("random"));
        Assert.Equal(0, ((TpeSampler)BenchmarkSamplers.Create("tpe-hyperopt", modelFromStart: true)).Options.StartupTrials);
        Assert.Equal(20, ((TpeSampler)BenchmarkSamplers.Create("tpe-hyperopt")).Options.StartupTrials);
        var error = Assert.Throws<ArgumentException>(() => BenchmarkSamplers.Create("anneal"));
        Assert.Contains("tpe-hyperopt", error.Message, StringComparison.Ordinal);
    }
}
