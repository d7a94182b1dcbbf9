using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Config;

/// <summary>A list of config values (e.g. the agents an <c>enumerate</c> node runs through).</summary>
/// <param name="Items">The items.</param>
/// <param name="Position">Where the list was written.</param>
public sealed record ConfigList(SyntaxList<ConfigValue> Items, SourcePosition Position = default) : ConfigValue(Position)
{
    /// <inheritdoc />
    public override PyValue ToPython() => new PyList(Items.Select(i => i.ToPython()));
}
