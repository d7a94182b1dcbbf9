using System.Collections;

namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>set</c> or <c>frozenset</c>; iteration follows insertion order so round trips are stable.</summary>
public sealed class PySet : PyValue, IEnumerable<PyValue>
{
    private readonly OrderedDictionary<PyValue, bool> _items = [];

    /// <summary>Creates a set (or frozenset) of the given items.</summary>
    public PySet(bool frozen, params IEnumerable<PyValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Frozen = frozen;
        foreach (var item in items)
        {
            _items.TryAdd(item, true);
        }
    }

    /// <summary>True for a <c>frozenset</c>.</summary>
    public bool Frozen { get; }

    /// <summary>The number of items.</summary>
    public int Count => _items.Count;

    /// <inheritdoc />
    public override string TypeName => Frozen ? "frozenset" : "set";

    /// <summary>Adds an item; false when it was present. Throws for a frozenset.</summary>
    public bool Add(PyValue item)
    {
        if (Frozen)
        {
            throw new InvalidOperationException("a frozenset cannot be changed");
        }

        return _items.TryAdd(item, true);
    }

    /// <summary>Adds an item while a frozenset is being built by a reader.</summary>
    internal void AddWhileBuilding(PyValue item) => _items.TryAdd(item, true);

    /// <summary>True when the item is present.</summary>
    public bool Contains(PyValue item) => _items.ContainsKey(item);

    /// <inheritdoc />
    public IEnumerator<PyValue> GetEnumerator() => _items.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
