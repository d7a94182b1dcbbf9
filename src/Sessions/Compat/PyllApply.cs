using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Compat;

/// <summary>The fields of one pickled <c>Apply</c> node.</summary>
internal sealed class PyllApply
{
    public PyllApply(PyOpaque opaque, string path)
    {
        Opaque = opaque;
        var state = opaque.StateDict ?? throw PyllSpaceTranslator.Bad(path, "an Apply node without its state");
        Name = state.TryGetValue("name", out var name) && name is PyStr s ? s.Value : throw PyllSpaceTranslator.Bad(path, "an Apply node without a name");
        Positional = state.TryGetValue("pos_args", out var positional) ? Sequence(positional, $"{path} {Name}") : [];
        Named = state.TryGetValue("named_args", out var named)
            ? [.. Sequence(named, $"{path} {Name}").Select(pair => Sequence(pair, $"{path} {Name}") is [PyStr key, var value]
                ? (key.Value, value)
                : throw PyllSpaceTranslator.Bad($"{path} {Name}", "named_args holds something other than [name, node] pairs"))]
            : [];
    }

    public PyOpaque Opaque { get; }

    public string Name { get; }

    public IReadOnlyList<PyValue> Positional { get; }

    public IReadOnlyList<(string Name, PyValue Value)> Named { get; }

    public PyValue Single(string path) =>
        Positional.Count == 1 && Named.Count == 0 ? Positional[0] : throw PyllSpaceTranslator.Bad(path, $"{Name}() takes one argument");

    private static IReadOnlyList<PyValue> Sequence(PyValue value, string path) => value switch
    {
        PyList l => l.Items,
        PyTuple t => t.Items,
        _ => throw PyllSpaceTranslator.Bad(path, $"expected a list, found a {value.TypeName}"),
    };
}
