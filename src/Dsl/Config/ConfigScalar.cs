using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Config;

/// <summary>A string, integer, float (incl. <c>inf</c>), boolean or null.</summary>
/// <param name="Value">A <see cref="PyStr"/>, <see cref="PyInt"/>, <see cref="PyFloat"/>, <see cref="PyBool"/> or <see cref="PyNone"/>.</param>
/// <param name="Position">Where it was written.</param>
public sealed record ConfigScalar(PyValue Value, SourcePosition Position = default) : ConfigValue(Position)
{
    /// <inheritdoc />
    public override PyValue ToPython() => Value;
}
