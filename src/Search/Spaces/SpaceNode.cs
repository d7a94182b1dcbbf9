namespace SlurmSearch.Search.Spaces;

/// <summary>
/// A node of a structured search space: a closed hierarchy of immutable records (<see cref="ConstantNode"/>,
/// <see cref="ParameterNode"/>, <see cref="ChoiceNode"/>, <see cref="DictNode"/>, <see cref="ListNode"/>, <see cref="BoundedNode"/>).
/// </summary>
/// <remarks>Nodes validate their own arguments; label uniqueness is a property of a whole <see cref="StructuredSpace"/>.</remarks>
public abstract record SpaceNode
{
    private protected SpaceNode()
    {
    }

    /// <summary>True when the node evaluates to a number (a constant number, a parameter, a choice of numbers, a bounded number).</summary>
    public abstract bool IsNumeric { get; }
}
