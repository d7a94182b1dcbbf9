namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>tuple</c> (immutable).</summary>
public sealed class PyTuple : PyValue
{
    private readonly PyValue[] _items;

    /// <summary>Creates a tuple of the given items.</summary>
    public PyTuple(params IEnumerable<PyValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    private PyTuple(PyValue[] items, bool owned) => _items = owned ? items : [.. items];

    /// <summary>The empty tuple.</summary>
    public static PyTuple Empty { get; } = new();

    /// <summary>The items.</summary>
    public IReadOnlyList<PyValue> Items => _items;

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <summary>The item at an index.</summary>
    public PyValue this[int index] => _items[index];

    /// <inheritdoc />
    public override string TypeName => "tuple";

    /// <summary>Wraps an array the caller gives up (no copy): the reader's hot path.</summary>
    internal static PyTuple Own(PyValue[] items) => items.Length == 0 ? Empty : new PyTuple(items, owned: true);
}
