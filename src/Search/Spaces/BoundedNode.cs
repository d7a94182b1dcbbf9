namespace SlurmSearch.Search.Spaces;

/// <summary>
/// <c>bounded(expr, min, max)</c>, as the original Slurm Search experiments use it: the numeric value of <see cref="Expression"/>
/// clipped to [<see cref="Min"/>, <see cref="Max"/>]; either bound may be absent. Sampling is unaffected; only evaluation clips.
/// </summary>
/// <remarks>An integer value stays a <see cref="long"/> when the bound that clips it is a whole number; otherwise the result is a <see cref="double"/>.</remarks>
public sealed record BoundedNode : SpaceNode
{
    /// <summary>Creates the node; throws <see cref="ArgumentException"/> for a non-numeric expression, NaN bounds or min &gt; max.</summary>
    public BoundedNode(SpaceNode expression, double? min, double? max)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!expression.IsNumeric)
        {
            throw new ArgumentException("bounded needs a numeric expression (a number, parameter, choice of numbers or bounded)", nameof(expression));
        }

        if (min is { } lo && double.IsNaN(lo))
        {
            throw new ArgumentException("bounded: min is NaN", nameof(min));
        }

        if (max is { } hi && double.IsNaN(hi))
        {
            throw new ArgumentException("bounded: max is NaN", nameof(max));
        }

        if (min > max)
        {
            throw new ArgumentException($"bounded: min ({min}) is above max ({max})", nameof(min));
        }

        Expression = expression;
        Min = min;
        Max = max;
    }

    /// <summary>The clipped expression.</summary>
    public SpaceNode Expression { get; }

    /// <summary>The lower bound, or null.</summary>
    public double? Min { get; }

    /// <summary>The upper bound, or null.</summary>
    public double? Max { get; }

    /// <inheritdoc />
    public override bool IsNumeric => true;
}
