using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>Independent draws from the prior (TPE's startup phase on its own), the random baseline of the benchmark.</summary>
public sealed class PriorRandomSampler : Sampler
{
    /// <inheritdoc />
    public override string Name => "random";

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> SuggestCore(SearchSpace space, IReadOnlyList<Observation> history, Random random) =>
        PriorSampler.Sample(space, random);
}
