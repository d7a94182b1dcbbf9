using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Samplers;

/// <summary>
/// Proposes the next point of a search. Extension point: subclasses implement <see cref="SuggestCore"/>.
/// Deterministic: the same space, history and <see cref="Random"/> state give the same suggestion.
/// </summary>
public abstract class Sampler
{
    /// <summary>The sampler's name as stored in a session's <c>algo</c> field (<c>rand</c>, <c>tpe</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>Suggests values for every label active under the suggestion itself (inactive labels are absent).</summary>
    public IReadOnlyDictionary<string, double> Suggest(SearchSpace space, IReadOnlyList<Observation> history, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(random);
        return SuggestCore(space, history, random);
    }

    /// <summary>Implements <see cref="Suggest"/> on validated arguments.</summary>
    protected abstract IReadOnlyDictionary<string, double> SuggestCore(SearchSpace space, IReadOnlyList<Observation> history, Random random);
}
