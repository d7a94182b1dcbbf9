using System.Numerics;

namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>int</c> of any size.</summary>
public sealed class PyInt : PyValue
{
    /// <summary>Creates an integer.</summary>
    public PyInt(BigInteger value)
    {
        Value = value;
        FitsInt64 = value >= long.MinValue && value <= long.MaxValue;
        Int64 = FitsInt64 ? (long)value : 0;
    }

    private PyInt(long value)
    {
        Value = value;
        FitsInt64 = true;
        Int64 = value;
    }

    /// <summary>The value.</summary>
    public BigInteger Value { get; }

    /// <inheritdoc />
    public override string TypeName => "int";

    /// <summary>True when the value fits a <see cref="long"/>.</summary>
    public bool FitsInt64 { get; }

    /// <summary>The value when it fits a <see cref="long"/> (0 otherwise): the writer's fast path, computed once.</summary>
    internal long Int64 { get; }

    /// <summary>Wraps a 64-bit integer.</summary>
    public static PyInt Of(long value) => new PyInt(value);

    /// <summary>The value as a <see cref="long"/>; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public long ToInt64() => (long)Value;
}
