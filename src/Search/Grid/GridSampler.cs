using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Grid;

/// <summary>
/// Enumerates a discrete space exhaustively: suggests the first combination, in a fixed order, that no Completed or Running trial of
/// the history already has. Failed trials do not count, so their combinations are proposed again.
/// </summary>
/// <remarks>
/// <para>Order: parameters in the space's order (parents first), the first varying slowest and the last fastest, as
/// <c>itertools.product</c>; a conditional parameter is enumerated only under the option that activates it, so
/// <c>choice({a: randint(2)}, {b: randint(3)})</c> has 2 + 3 = 5 combinations.</para>
/// <para>Values: a choice's option indices; randint's integers; a uniform q-form's support, round(x / q) · q for x in [low, high]
/// (or exp(x) for qloguniform) — the values the random sampler can produce, which may reach one quantum beyond the bounds
/// exactly as hyperopt's do. A continuous or normal-family parameter has no finite grid and is an error naming it.</para>
/// <para>When every combination is taken, <see cref="Sampler.Suggest"/> throws <see cref="InvalidOperationException"/> ("grid
/// exhausted"): a session sets <c>max_evals</c> to <see cref="TotalCount"/> and never asks for more.</para>
/// <para>History values match a combination when they lie within a relative 1e-9 of its grid values, so values that went through
/// another sampler's arithmetic or a pickle still match.</para>
/// </remarks>
public sealed class GridSampler : Sampler
{
    /// <summary>The largest number of values one parameter may have on the grid.</summary>
    public const int MaxValuesPerParameter = 1_000_000;

    /// <inheritdoc />
    public override string Name => "grid";

    /// <summary>The number of combinations of the space; throws <see cref="ArgumentException"/> naming a non-discrete parameter.</summary>
    public static long TotalCount(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return new SpaceGrid(space).Count();
    }

    /// <summary>Every combination in grid order, as label → value for the active labels.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, double>> Enumerate(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return new SpaceGrid(space).Enumerate();
    }

    /// <summary>The grid values of one hyperparameter, ascending; throws <see cref="ArgumentException"/> naming it when it is continuous or unbounded.</summary>
    public static IReadOnlyList<double> ValuesOf(Hyperparameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return SpaceGrid.ValuesOf(parameter);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> SuggestCore(SearchSpace space, IReadOnlyList<Observation> history, Random random)
    {
        var grid = new SpaceGrid(space);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var observation in history)
        {
            if (observation.State is ObservationState.Completed or ObservationState.Running && grid.KeyOf(observation.Values) is { } key)
            {
                taken.Add(key);
            }
        }

        foreach (var combination in grid.Enumerate())
        {
            if (!taken.Contains(grid.KeyOf(combination)!))
            {
                return combination;
            }
        }

        throw new InvalidOperationException($"grid exhausted: all {grid.Count()} combinations of the space are completed or running");
    }
}
