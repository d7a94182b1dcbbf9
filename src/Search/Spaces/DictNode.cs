namespace SlurmSearch.Search.Spaces;

/// <summary>An ordered dictionary of sub-spaces with unique string keys; evaluates to a <see cref="Dictionary{TKey, TValue}"/> in the same order.</summary>
public sealed record DictNode : SpaceNode
{
    /// <summary>Creates a dictionary node; throws <see cref="ArgumentException"/> naming a duplicate key.</summary>
    public DictNode(IEnumerable<KeyValuePair<string, SpaceNode>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        KeyValuePair<string, SpaceNode>[] items = [.. entries];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            if (value is null)
            {
                throw new ArgumentException($"the value of key '{key}' is null", nameof(entries));
            }

            if (!seen.Add(key))
            {
                throw new ArgumentException($"duplicate key '{key}' in a dict", nameof(entries));
            }
        }

        Entries = items;
    }

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, SpaceNode>> Entries { get; }

    /// <inheritdoc />
    public override bool IsNumeric => false;

    /// <inheritdoc />
    public bool Equals(DictNode? other) =>
        other is not null
        && Entries.Count == other.Entries.Count
        && Entries.Zip(other.Entries).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    /// <inheritdoc />
    public override int GetHashCode() => Entries.Aggregate(Entries.Count, (h, e) => HashCode.Combine(h, e.Key));
}
