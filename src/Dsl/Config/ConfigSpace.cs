using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Config;

/// <summary>
/// A search space written with the Search engine's syntax, e.g. <c>bounded(normal(0.4, 0.1), min: 0.001, max: 1)</c> or a map of
/// such; a config entry whose value mentions any distribution, <c>choice</c>, <c>pchoice</c> or <c>bounded</c> is a space as a whole.
/// </summary>
/// <param name="Space">The space.</param>
/// <param name="Position">Where it was written.</param>
public sealed record ConfigSpace(StructuredSpace Space, SourcePosition Position = default) : ConfigValue(Position)
{
    /// <inheritdoc />
    public override PyValue ToPython() => PyPlain.ToPy(Space.ToPlainData());
}
