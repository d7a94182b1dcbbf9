using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Config;

/// <summary>
/// A value of an experiment's config tree: a closed hierarchy (<see cref="ConfigMap"/>, <see cref="ConfigList"/>,
/// <see cref="ConfigScalar"/>, <see cref="ConfigSpace"/>). Constant arithmetic is folded when the file is read, so a tree holds
/// plain data and search spaces only. Values compare by structure, never by position.
/// </summary>
public abstract record ConfigValue
{
    private protected ConfigValue(SourcePosition position) => Position = position;

    /// <summary>Where the value was written (unknown for values from the command line or a stored state).</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The value as stored in an <c>exp:</c> state: dicts, lists, scalars; a space as its plain-data description.</summary>
    public abstract PyValue ToPython();

    /// <summary>Plain Python data (dict with string keys, list, tuple, str, int, float, bool, None) as a config value.</summary>
    public static ConfigValue FromPython(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            PyDict dict => new ConfigMap(new SyntaxList<ConfigEntry>(dict.Select(pair => new ConfigEntry(
                pair.Key is PyStr key ? key.Value : throw new ArgumentException($"a config key is a string, not {pair.Key.TypeName}", nameof(value)),
                FromPython(pair.Value))))),
            PyList list => new ConfigList(new SyntaxList<ConfigValue>(list.Items.Select(FromPython))),
            PyTuple tuple => new ConfigList(new SyntaxList<ConfigValue>(tuple.Items.Select(FromPython))),
            PyStr or PyInt or PyFloat or PyBool or PyNone => new ConfigScalar(value),
            _ => throw new ArgumentException($"a config value is plain data, not {value.TypeName}", nameof(value)),
        };
    }
}
