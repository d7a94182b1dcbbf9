namespace SlurmSearch.Search.Spaces;

/// <summary>A list of sub-spaces; evaluates to a <see cref="List{T}"/> of their values.</summary>
public sealed record ListNode : SpaceNode
{
    /// <summary>Creates a list node.</summary>
    public ListNode(IEnumerable<SpaceNode> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        SpaceNode[] array = [.. items];
        if (array.Any(i => i is null))
        {
            throw new ArgumentException("a list item is null", nameof(items));
        }

        Items = array;
    }

    /// <summary>The items, in order.</summary>
    public IReadOnlyList<SpaceNode> Items { get; }

    /// <inheritdoc />
    public override bool IsNumeric => false;

    /// <inheritdoc />
    public bool Equals(ListNode? other) => other is not null && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override int GetHashCode() => Items.Count;
}
