namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>float</c> (IEEE 754 double, including NaN and infinities).</summary>
public sealed class PyFloat : PyValue
{
    /// <summary>Creates a float.</summary>
    public PyFloat(double value) => Value = value;

    /// <summary>The value.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override string TypeName => "float";
}
