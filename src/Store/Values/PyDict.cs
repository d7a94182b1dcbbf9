using System.Collections;

namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>dict</c>: insertion-ordered, any hashable key (str, int, tuple, None, …).</summary>
public sealed class PyDict : PyValue, IEnumerable<KeyValuePair<PyValue, PyValue>>
{
    // OrderedDictionary keeps insertion order across removals, as Python 3.7+ dicts do.
    private readonly OrderedDictionary<PyValue, PyValue> _items;

    /// <summary>Creates an empty dict.</summary>
    public PyDict() => _items = [];

    /// <summary>Creates a dict from pairs, in order; a later duplicate key overwrites the value in place.</summary>
    public PyDict(IEnumerable<KeyValuePair<PyValue, PyValue>> pairs)
        : this()
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (key, value) in pairs)
        {
            this[key] = value;
        }
    }

    /// <summary>The number of entries.</summary>
    public int Count => _items.Count;

    /// <summary>The keys, in insertion order.</summary>
    public IEnumerable<PyValue> Keys => _items.Keys;

    /// <summary>The values, in insertion order.</summary>
    public IEnumerable<PyValue> Values => _items.Values;

    /// <inheritdoc />
    public override string TypeName => "dict";

    /// <summary>Gets or sets the value of a key; setting an existing key keeps its position.</summary>
    public PyValue this[PyValue key]
    {
        get => _items.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"key {key} is not in the dict");
        set => _items[key] = value;
    }

    /// <summary>Gets or sets the value of a string key.</summary>
    public PyValue this[string key]
    {
        get => this[new PyStr(key)];
        set => this[new PyStr(key)] = value;
    }

    /// <summary>Looks up a key.</summary>
    public bool TryGetValue(PyValue key, out PyValue value)
    {
        if (_items.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = PyNone.Instance;
        return false;
    }

    /// <summary>Looks up a string key.</summary>
    public bool TryGetValue(string key, out PyValue value) => TryGetValue(new PyStr(key), out value);

    /// <summary>True when the key is present.</summary>
    public bool ContainsKey(PyValue key) => _items.ContainsKey(key);

    /// <summary>True when the string key is present.</summary>
    public bool ContainsKey(string key) => _items.ContainsKey(new PyStr(key));

    /// <summary>Removes a key; false when it was absent.</summary>
    public bool Remove(PyValue key) => _items.Remove(key);

    /// <summary>Removes a string key; false when it was absent.</summary>
    public bool Remove(string key) => _items.Remove(new PyStr(key));

    /// <summary>The entries with a struct enumerator (no boxing on the writer's hot path).</summary>
    internal OrderedDictionary<PyValue, PyValue> Entries => _items;

    /// <summary>Makes room for <paramref name="capacity"/> entries (the pickle reader knows how many are coming).</summary>
    internal void EnsureCapacity(int capacity) => _items.EnsureCapacity(capacity);

    /// <summary>Adds or replaces an entry (collection-initializer support).</summary>
    public void Add(PyValue key, PyValue value) => this[key] = value;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<PyValue, PyValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
