using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Tpe;

/// <summary>Generators of flat spaces (every distribution family, conditionals on earlier choices) and of histories over them.</summary>
internal static class FlatSpaces
{
    private static readonly RandomSampler Prior = new();

    /// <summary>Any distribution of the flat contract, with bounds and steps of very different scales.</summary>
    public static Gen<Distribution> Distributions { get; } = Gen.OneOf(
        from low in Gen.Choose(-1000, 1000).Select(i => i / 100.0)
        from width in Gen.Choose(1, 2000).Select(i => i / 100.0)
        from q in Gen.Elements<double?>(null, null, 0.1, 0.5, 1, 2.5)
        select (Distribution)new UniformDistribution(low, low + width, q),
        from low in Gen.Choose(-800, 200).Select(i => i / 100.0)
        from width in Gen.Choose(50, 600).Select(i => i / 100.0)
        from q in Gen.Elements<double?>(null, null, 0.01, 1, 5)
        select (Distribution)new UniformDistribution(low, low + width, q, log: true),
        from mu in Gen.Choose(-500, 500).Select(i => i / 100.0)
        from sigma in Gen.Choose(10, 500).Select(i => i / 100.0)
        from q in Gen.Elements<double?>(null, null, 0.5, 1)
        from log in Gen.Elements(false, true)
        select (Distribution)new NormalDistribution(log ? mu / 5 : mu, log ? sigma / 5 : sigma, q, log),
        from low in Gen.Choose(-5, 5)
        from count in Gen.Choose(1, 12)
        select (Distribution)new RandIntDistribution(low, low + count),
        from count in Gen.Choose(1, 5)
        select (Distribution)CategoricalDistribution.Uniform(count),
        from weights in Gen.Choose(0, 4).ArrayOf().Where(w => w.Length is > 0 and <= 5 && w.Sum() > 0)
        select (Distribution)new CategoricalDistribution(weights.Select(w => (double)w / weights.Sum()).ToArray()));

    /// <summary>1–6 parameters; a parameter may be conditioned on one option of an earlier categorical.</summary>
    public static Gen<SearchSpace> Spaces { get; } =
        from distributions in Distributions.ArrayOf().Where(d => d.Length is > 0 and <= 6)
        from picks in Gen.Choose(0, 1000).ArrayOf(distributions.Length)
        select Build(distributions, picks);

    /// <summary>A history drawn from the prior: completed (random losses, some duplicated), running and failed trials.</summary>
    public static List<Observation> History(SearchSpace space, int count, int seed)
    {
        var random = new Random(seed);
        var history = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            var values = new Dictionary<string, double>(Prior.Suggest(space, [], random));
            var roll = random.NextDouble();
            history.Add(roll switch
            {
                < 0.1 => Observation.Running(values),
                < 0.15 => new Observation(values, ObservationState.Failed),
                < 0.25 => Observation.Completed(values, 1.0),
                _ => Observation.Completed(values, (random.NextDouble() * 10) - 5),
            });
        }

        return history;
    }

    private static SearchSpace Build(Distribution[] distributions, int[] picks)
    {
        var parameters = new List<Hyperparameter>();
        for (var i = 0; i < distributions.Length; i++)
        {
            var parents = parameters.Where(p => p.Distribution is CategoricalDistribution).ToList();
            ActivationCondition[]? conditions = null;
            if (parents.Count > 0 && picks[i] % 3 == 0)
            {
                var parent = parents[picks[i] % parents.Count];
                var options = ((CategoricalDistribution)parent.Distribution).Count;

                // Inherit the parent's own conditions, as a compiled tree does, so the child is active only under its parent.
                conditions = [.. parent.Conditions, new ActivationCondition(parent.Label, picks[i] / 3 % options)];
            }

            parameters.Add(new Hyperparameter($"p{i}", distributions[i], conditions));
        }

        return new SearchSpace(parameters);
    }
}
