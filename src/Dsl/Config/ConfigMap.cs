using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Config;

/// <summary>An ordered map of config values: the config block, the debug overrides, a nested <c>{…}</c>.</summary>
/// <param name="Entries">The entries, keys unique, in the order written.</param>
/// <param name="Position">Where the map was written.</param>
public sealed record ConfigMap(SyntaxList<ConfigEntry> Entries, SourcePosition Position = default) : ConfigValue(Position)
{
    /// <summary>The empty map.</summary>
    public static ConfigMap Empty { get; } = new(SyntaxList<ConfigEntry>.Empty);

    /// <summary>The keys, in order.</summary>
    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    /// <summary>The value of a direct key, or null.</summary>
    public ConfigValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <summary>The value at a path such as <c>search:threads</c> (map keys joined with <c>:</c>), or null when any part is missing.</summary>
    public ConfigValue? Lookup(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ConfigValue? current = this;
        foreach (var part in path.Split(':'))
        {
            current = current is ConfigMap map ? map[part] : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// This map with <paramref name="overrides"/> applied, as the original's <c>updated_params</c>: a map merges into the map it
    /// replaces (recursively), any other value replaces; new keys are appended, existing keys keep their place.
    /// </summary>
    public ConfigMap Merge(ConfigMap overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var entries = Entries.ToList();
        foreach (var entry in overrides.Entries)
        {
            var index = entries.FindIndex(e => e.Key == entry.Key);
            var value = entry.Value is ConfigMap map
                ? (index >= 0 && entries[index].Value is ConfigMap existing ? existing : Empty).Merge(map) with { Position = map.Position }
                : entry.Value;
            if (index >= 0)
            {
                entries[index] = entries[index] with { Value = value };
            }
            else
            {
                entries.Add(entry with { Value = value });
            }
        }

        return new ConfigMap(new SyntaxList<ConfigEntry>(entries), Position);
    }

    /// <summary>This map with the value at <paramref name="path"/> (keys joined with <c>:</c>) set, creating maps on the way.</summary>
    public ConfigMap With(string path, ConfigValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(value);
        var parts = path.Split(':');
        ConfigValue nested = value;
        for (var i = parts.Length - 1; i >= 1; i--)
        {
            nested = new ConfigMap([new ConfigEntry(parts[i], nested)]);
        }

        return Merge(new ConfigMap([new ConfigEntry(parts[0], nested)]));
    }

    /// <inheritdoc />
    public override PyValue ToPython() => new PyDict(Entries.Select(e => KeyValuePair.Create((PyValue)new PyStr(e.Key), e.Value.ToPython())));
}
