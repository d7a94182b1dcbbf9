namespace SlurmSearch.Store.Values;

/// <summary>A Python value as found in (or destined for) a pickle: a closed hierarchy of built-in types plus inert opaque objects.</summary>
/// <remarks>
/// Equality is structural and type-strict (a tuple never equals a list, 1 never equals 1.0 or True), which is
/// what round-trip tests need. Mutable containers (<see cref="PyList"/>, <see cref="PyDict"/>, <see cref="PySet"/>,
/// <see cref="PyByteArray"/>, <see cref="PyOpaque"/>) are reference types so shared and recursive references
/// read from a pickle keep their identity.
/// </remarks>
public abstract class PyValue : IEquatable<PyValue>
{
    private protected PyValue()
    {
    }

    /// <summary>The Python type name, as <c>type(v).__name__</c> would print it.</summary>
    public abstract string TypeName { get; }

    /// <summary>Implicitly wraps a string.</summary>
    public static implicit operator PyValue(string value) => new PyStr(value);

    /// <summary>Implicitly wraps a 64-bit integer.</summary>
    public static implicit operator PyValue(long value) => PyInt.Of(value);

    /// <summary>Implicitly wraps a 32-bit integer.</summary>
    public static implicit operator PyValue(int value) => PyInt.Of(value);

    /// <summary>Implicitly wraps a double.</summary>
    public static implicit operator PyValue(double value) => new PyFloat(value);

    /// <summary>Implicitly wraps a boolean.</summary>
    public static implicit operator PyValue(bool value) => PyBool.Of(value);

    /// <inheritdoc />
    public bool Equals(PyValue? other) => PyEquality.Equal(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PyValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => PyEquality.Hash(this);

    /// <summary>A Python-like <c>repr</c> of the value (opaque objects show their module and name).</summary>
    public override string ToString() => PyRepr.Format(this);
}
