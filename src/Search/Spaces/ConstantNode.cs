namespace SlurmSearch.Search.Spaces;

/// <summary>A fixed value of the parameter tree: a <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or null.</summary>
public sealed record ConstantNode : SpaceNode
{
    /// <summary>Creates a constant; an <see cref="int"/> is widened to <see cref="long"/>; NaN and other types are rejected.</summary>
    public ConstantNode(object? value)
    {
        Value = value switch
        {
            null or string or long or bool => value,
            int i => (long)i,
            double d when double.IsNaN(d) => throw new ArgumentException("a constant cannot be NaN", nameof(value)),
            double => value,
            _ => throw new ArgumentException(
                $"a constant is a string, integer, float, bool or null, not {value.GetType().Name} ({value})", nameof(value)),
        };
    }

    /// <summary>The value.</summary>
    public object? Value { get; }

    /// <inheritdoc />
    public override bool IsNumeric => Value is long or double;
}
