namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>list</c> (mutable, keeps identity for shared and recursive references).</summary>
public sealed class PyList : PyValue
{
    /// <summary>Creates a list of the given items.</summary>
    public PyList(params IEnumerable<PyValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
    }

    /// <summary>The items, mutable.</summary>
    public List<PyValue> Items { get; }

    /// <summary>The number of items.</summary>
    public int Count => Items.Count;

    /// <summary>The item at an index.</summary>
    public PyValue this[int index]
    {
        get => Items[index];
        set => Items[index] = value;
    }

    /// <summary>Appends an item.</summary>
    public void Add(PyValue item) => Items.Add(item);

    /// <inheritdoc />
    public override string TypeName => "list";
}
