namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>bytearray</c> (mutable).</summary>
public sealed class PyByteArray : PyValue
{
    /// <summary>Creates a bytearray holding a copy of the given span.</summary>
    public PyByteArray(ReadOnlySpan<byte> value) => Items = [.. value.ToArray()];

    /// <summary>The bytes, mutable.</summary>
    public List<byte> Items { get; }

    /// <inheritdoc />
    public override string TypeName => "bytearray";
}
