using System.Buffers.Binary;

namespace SlurmSearch.Store.Pickle;

/// <summary>A cursor over the pickle bytes; every read is bounds-checked so a short input is a truncation error, never an overrun.</summary>
/// <remarks>Truncation errors carry the input length as their offset: that is how a torn last record is told apart.</remarks>
internal ref struct PickleInput
{
    private readonly ReadOnlySpan<byte> _data;

    public PickleInput(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        Position = start;
    }

    public int Position { get; private set; }

    public readonly int Length => _data.Length;

    public readonly int Remaining => _data.Length - Position;

    /// <summary>Reads the next opcode; running out here means the pickle has no STOP yet.</summary>
    public PickleOpcode ReadOpcode()
    {
        if (Position >= _data.Length)
        {
            throw StoreCorruptException.At(null, _data.Length, $"truncated: input ends at byte {_data.Length} before the pickle's STOP");
        }

        return (PickleOpcode)_data[Position++];
    }

    public byte ReadByte(PickleOpcode op)
    {
        if (Position >= _data.Length)
        {
            throw Truncated(op, 1);
        }

        return _data[Position++];
    }

    /// <summary>Reads <paramref name="count"/> bytes; a count beyond the input fails before anything is allocated.</summary>
    public ReadOnlySpan<byte> Read(long count, PickleOpcode op)
    {
        if (count > Remaining)
        {
            throw Truncated(op, count);
        }

        var span = _data.Slice(Position, (int)count);
        Position += (int)count;
        return span;
    }

    public ushort ReadUInt16(PickleOpcode op) => BinaryPrimitives.ReadUInt16LittleEndian(Read(2, op));

    public int ReadInt32(PickleOpcode op) => BinaryPrimitives.ReadInt32LittleEndian(Read(4, op));

    public uint ReadUInt32(PickleOpcode op) => BinaryPrimitives.ReadUInt32LittleEndian(Read(4, op));

    public ulong ReadUInt64(PickleOpcode op) => BinaryPrimitives.ReadUInt64LittleEndian(Read(8, op));

    /// <summary>Reads a protocol-0 text argument up to (not including) its newline.</summary>
    public ReadOnlySpan<byte> ReadLine(PickleOpcode op)
    {
        var rest = _data[Position..];
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            throw StoreCorruptException.At(null, _data.Length, $"truncated: {op} argument at byte {Position} has no end of line");
        }

        Position += newline + 1;
        return rest[..newline];
    }

    private readonly StoreCorruptException Truncated(PickleOpcode op, long count) =>
        StoreCorruptException.At(null, _data.Length, $"truncated: {Describe(op)} at byte {Position} needs {count} bytes, {Remaining} remain");

    private static string Describe(PickleOpcode op) => Enum.IsDefined(op) ? op.ToString() : "opcode";
}
