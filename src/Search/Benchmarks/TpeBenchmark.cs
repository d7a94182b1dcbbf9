using System.Diagnostics;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>
/// The instruments behind <c>ssearch bench tpe</c>, measuring exactly as the peers were measured: seed s gives the run its own
/// <c>new Random(s)</c>, passed to every suggestion of that run; regret = best so far − known minimum; the time is that of
/// the <see cref="Sampler.Suggest"/> call alone (the objective excluded).
/// </summary>
public static class TpeBenchmark
{
    /// <summary>The evaluations after which <see cref="TuningResult.RegretAt"/> records the median regret.</summary>
    public static IReadOnlyList<int> Checkpoints { get; } = [10, 25, 50];

    /// <summary>The history sizes of the latency mode.</summary>
    public static IReadOnlyList<int> LatencySizes { get; } = [10, 100, 1000, 10000];

    /// <summary>
    /// Runs <paramref name="sampler"/> on <paramref name="function"/> for <paramref name="evaluations"/> evaluations with seeds
    /// <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + <paramref name="seeds"/> − 1; reports each finished seed.
    /// The result is labelled <paramref name="samplerName"/>, or the sampler's own name.
    /// </summary>
    public static TuningResult Tune(Sampler sampler, TestFunction function, int evaluations, int seeds, int firstSeed = 0, string? samplerName = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSeed);
        var finals = new double[seeds];
        var timesMs = new List<double>(evaluations * seeds);
        var along = Checkpoints.Where(c => c <= evaluations).ToDictionary(c => c, _ => new List<double>());
        for (var s = 0; s < seeds; s++)
        {
            var random = new Random(firstSeed + s);
            var history = new List<Observation>(evaluations);
            var best = double.PositiveInfinity;
            for (var i = 1; i <= evaluations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                var point = sampler.Suggest(function.Space, history, random);
                timesMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                var loss = function.Evaluate(point);
                history.Add(Observation.Completed(point, loss));
                best = Math.Min(best, loss);
                if (along.TryGetValue(i, out var regrets))
                {
                    regrets.Add(best - function.KnownMinimum);
                }
            }

            finals[s] = best - function.KnownMinimum;
            progress?.Report(s + 1);
        }

        return new TuningResult(
            function.Name,
            samplerName ?? sampler.Name,
            evaluations,
            seeds,
            RegretSummary.Of(finals),
            RegretSummary.Of(timesMs).Median,
            finals,
            along.ToDictionary(p => p.Key, p => RegretSummary.Of(p.Value).Median));
    }

    /// <summary>
    /// The median time of one suggestion with a history of n uniformly random completed trials (losses from a smooth
    /// function) in <paramref name="dimensions"/> U(0, 1) parameters, for each n of <paramref name="sizes"/>
    /// (default <see cref="LatencySizes"/>). Pass a sampler whose model is on from the first trial (see
    /// <see cref="BenchmarkSamplers.Create"/>) to time the model rather than the startup phase. The result is labelled
    /// <paramref name="samplerName"/>, or the sampler's own name.
    /// </summary>
    public static LatencyResult Latency(Sampler sampler, IReadOnlyList<int>? sizes = null, int dimensions = 6, int repetitions = 31, int seed = 0, string? samplerName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        if (sizes?.Any(s => s < 0) == true)
        {
            throw new ArgumentOutOfRangeException(nameof(sizes), "history sizes must be ≥ 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var space = new SearchSpace(Enumerable.Range(0, dimensions).Select(d => new Hyperparameter($"x{d}", new UniformDistribution(0, 1))));
        var result = new Dictionary<int, double>();
        var histories = (sizes ?? LatencySizes).Select(size => RandomHistory(space, size, new Random(seed))).ToList();
        foreach (var history in histories.Where(h => h.Count <= 1000))
        {
            WarmUp(sampler, space, history, TimeSpan.FromSeconds(0.5));
        }

        foreach (var history in histories)
        {
            var size = history.Count;
            WarmUp(sampler, space, history, TimeSpan.FromSeconds(0.25));

            var times = new double[repetitions];
            for (var r = 0; r < repetitions; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var random = new Random(seed + r);
                var start = Stopwatch.GetTimestamp();
                sampler.Suggest(space, history, random);
                times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            result[size] = RegretSummary.Of(times).Median;
        }

        return new LatencyResult(samplerName ?? sampler.Name, dimensions, result);
    }

    /// <summary>
    /// Calls the sampler for <paramref name="duration"/> (at least 5 times, at most 20 000) before timing it, so the JIT's
    /// tiered compilation has replaced the first, unoptimised code: the latency figures are steady-state costs.
    /// </summary>
    private static void WarmUp(Sampler sampler, SearchSpace space, List<Observation> history, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        for (var call = 0; call < 20_000; call++)
        {
            if (call >= 5 && Stopwatch.GetElapsedTime(start) >= duration)
            {
                break;
            }

            sampler.Suggest(space, history, new Random(int.MaxValue - call));
        }
    }

    /// <summary>n completed trials uniformly at random, with losses Σ (xᵢ − 0.3)² + 0.1 Σ sin(7 xᵢ).</summary>
    public static List<Observation> RandomHistory(SearchSpace space, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(random);
        var history = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            var loss = 0.0;
            foreach (var parameter in space.Parameters)
            {
                var x = random.NextDouble();
                values[parameter.Label] = x;
                loss += ((x - 0.3) * (x - 0.3)) + (0.1 * Math.Sin(7 * x));
            }

            history.Add(Observation.Completed(values, loss));
        }

        return history;
    }
}
