using SlurmSearch.Search.Grid;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Sessions;

/// <summary>The samplers a session's <c>algo</c> names.</summary>
public static class SamplerRegistry
{
    /// <summary>The algorithm names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rand", "tpe", "tpe-hyperopt", "grid"];

    /// <summary>The sampler of an algorithm; throws <see cref="SessionException"/> for an unknown name.</summary>
    public static Sampler Create(string algo) => algo switch
    {
        "rand" or "random" => new RandomSampler(),
        "tpe" => new TpeSampler(TpeOptions.Default),
        "tpe-hyperopt" => new TpeSampler(TpeOptions.Hyperopt),
        "grid" => new GridSampler(),
        _ => throw SessionException.Because($"unknown algorithm '{algo}' (one of {string.Join(", ", Names)})"),
    };

    /// <summary>The original's <c>strategy</c> field for an algorithm.</summary>
    public static string Strategy(string algo) => algo is "rand" or "random" or "grid" ? "randomize" : "minimize";
}
