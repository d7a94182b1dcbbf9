using SlurmSearch.Dsl.Config;
using SlurmSearch.Sessions;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>Config trees as the evaluator's plain parameter trees (see <see cref="ExperimentParams"/>): spaces stay spaces.</summary>
public static class ConfigPlain
{
    /// <summary>A config map as an ordered dictionary.</summary>
    public static Dictionary<string, object?> Tree(ConfigMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Entries.ToDictionary(e => e.Key, e => Value(e.Value), StringComparer.Ordinal);
    }

    /// <summary>A config value as plain data.</summary>
    public static object? Value(ConfigValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            ConfigMap map => Tree(map),
            ConfigList list => list.Items.Select(Value).ToList(),
            ConfigSpace space => space.Space,
            ConfigScalar scalar => PyPlain.FromPy(scalar.Value),
            _ => throw new ArgumentException($"unknown config value {value.GetType().Name}", nameof(value)),
        };
    }
}
