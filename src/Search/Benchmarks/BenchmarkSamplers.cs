using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>
/// The samplers <c>ssearch bench tpe</c> knows by name: <c>tpe</c>, <c>tpe-hyperopt</c> and <c>random</c> (the
/// <see cref="RandomSampler"/>, whose session name is <c>rand</c>: pass the bench name to <see cref="TpeBenchmark"/> as the label).
/// </summary>
public static class BenchmarkSamplers
{
    /// <summary>The names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tpe", "tpe-hyperopt", "random"];

    /// <summary>
    /// The sampler called <paramref name="name"/>; with <paramref name="modelFromStart"/> a TPE sampler skips its startup phase
    /// (the latency mode times the model, not random draws). Throws <see cref="ArgumentException"/> for an unknown name.
    /// </summary>
    public static Sampler Create(string name, bool modelFromStart = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        TpeOptions? options = name switch
        {
            "tpe" => TpeOptions.Default,
            "tpe-hyperopt" => TpeOptions.Hyperopt,
            _ => null,
        };
        if (options is not null)
        {
            return new TpeSampler(modelFromStart ? options with { StartupTrials = 0 } : options);
        }

        return name == "random"
            ? new RandomSampler()
            : throw new ArgumentException($"unknown sampler '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }
}
