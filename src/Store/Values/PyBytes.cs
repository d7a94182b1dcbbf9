namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>bytes</c> (immutable).</summary>
public sealed class PyBytes : PyValue
{
    private readonly byte[] _value;

    /// <summary>Creates bytes from a copy of the given span.</summary>
    public PyBytes(ReadOnlySpan<byte> value) => _value = value.ToArray();

    /// <summary>The bytes.</summary>
    public ReadOnlySpan<byte> Span => _value;

    /// <summary>The number of bytes.</summary>
    public int Length => _value.Length;

    /// <inheritdoc />
    public override string TypeName => "bytes";
}
