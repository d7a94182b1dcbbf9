using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace SlurmSearch.Store.Pickle;

/// <summary>The writer's growable output buffer: opcode encodings of scalars, and protocol 4 framing done exactly as CPython's pickler does it.</summary>
/// <remarks>
/// CPython reserves a 9-byte FRAME header when a frame starts, and ends the frame at the first <c>save()</c> call that
/// finds it holding at least 64 KiB; a frame of fewer than 4 bytes is written without header. A str or bytes payload of
/// 64 KiB or more ends the current frame and is written outside any frame, so readers can avoid copying it. The last
/// frame ends after STOP. Following these rules byte for byte lets tests compare our output with Python's.
/// </remarks>
internal sealed class PickleOutput : IDisposable
{
    public const int FrameSizeTarget = 64 * 1024;
    private const int FrameSizeMin = 4;
    private const int FrameHeaderSize = 9;

    // Pooled: growing a fresh array for every pickle would churn the large-object heap and force full collections.
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _position;
    private int _frameStart = -1;

    /// <summary>Whether writes go into frames (protocol 4 and later, after the PROTO opcode).</summary>
    public bool Framing { get; set; }

    /// <summary>The bytes written so far (valid once <see cref="CommitFrame"/> has run after STOP).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    public void WriteByte(byte value)
    {
        StartFrame();
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteOp(PickleOpcode op) => WriteByte((byte)op);

    public void WriteOp(PickleOpcode op, byte argument)
    {
        var span = Reserve(2);
        span[0] = (byte)op;
        span[1] = argument;
    }

    public void WriteOpUInt32(PickleOpcode op, uint argument)
    {
        var span = Reserve(5);
        span[0] = (byte)op;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], argument);
    }

    public void WriteOpInt32(PickleOpcode op, int argument)
    {
        var span = Reserve(5);
        span[0] = (byte)op;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], argument);
    }

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Returns a span of <paramref name="count"/> bytes to fill, inside the current frame.</summary>
    public Span<byte> Reserve(int count)
    {
        StartFrame();
        Ensure(count);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Gives back the unused tail of the last <see cref="Reserve"/>.</summary>
    public void Unreserve(int count) => _position -= count;

    /// <summary>An int with the smallest opcode CPython's save_long picks.</summary>
    public void WriteInt(long value)
    {
        if (value is >= 0 and <= 0xFF)
        {
            WriteOp(PickleOpcode.BinInt1, (byte)value);
        }
        else if (value is >= 0 and <= 0xFFFF)
        {
            var span = Reserve(3);
            span[0] = (byte)PickleOpcode.BinInt2;
            BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)value);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            WriteOpInt32(PickleOpcode.BinInt, (int)value);
        }
        else
        {
            WriteInt((BigInteger)value);
        }
    }

    public void WriteInt(BigInteger value)
    {
        if (value >= 0 && value <= 0xFF)
        {
            WriteOp(PickleOpcode.BinInt1, (byte)value);
        }
        else if (value >= 0 && value <= 0xFFFF)
        {
            var span = Reserve(3);
            span[0] = (byte)PickleOpcode.BinInt2;
            BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)value);
        }
        else if (value >= int.MinValue && value <= int.MaxValue)
        {
            WriteOpInt32(PickleOpcode.BinInt, (int)value);
        }
        else
        {
            // Minimal two's complement, little-endian: exactly pickle's encode_long.
            var count = value.GetByteCount();
            if (count < 256)
            {
                var span = Reserve(2 + count);
                span[0] = (byte)PickleOpcode.Long1;
                span[1] = (byte)count;
                value.TryWriteBytes(span[2..], out _);
            }
            else
            {
                WriteOpInt32(PickleOpcode.Long4, count);
                value.TryWriteBytes(Reserve(count), out _);
            }
        }
    }

    public void WriteFloat(double value)
    {
        var span = Reserve(9);
        span[0] = (byte)PickleOpcode.BinFloat;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>A str as CPython's save_str writes it; SHORT_BINUNICODE exists from protocol 4 on.</summary>
    public void WriteStr(string text, bool shortStrings)
    {
        // Short strings are encoded straight into the output; the header is fixed up once the length is known.
        if (text.Length <= 85 && shortStrings)
        {
            var span = Reserve(2 + (text.Length * 3));
            var n = SurrogateUtf8.Encode(text, span[2..]);
            span[0] = (byte)PickleOpcode.ShortBinUnicode;
            span[1] = (byte)n;
            Unreserve((text.Length * 3) - n);
            return;
        }

        var length = SurrogateUtf8.GetByteCount(text);
        if (length <= 0xFF && shortStrings)
        {
            var span = Reserve(2 + length);
            span[0] = (byte)PickleOpcode.ShortBinUnicode;
            span[1] = (byte)length;
            SurrogateUtf8.Encode(text, span[2..]);
        }
        else if (length >= FrameSizeTarget && Framing)
        {
            var payload = new byte[length];
            SurrogateUtf8.Encode(text, payload);
            Span<byte> header = stackalloc byte[5];
            header[0] = (byte)PickleOpcode.BinUnicode;
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], length);
            WriteLarge(header, payload);
        }
        else
        {
            WriteOpInt32(PickleOpcode.BinUnicode, length);
            SurrogateUtf8.Encode(text, Reserve(length));
        }
    }

    /// <summary>A bytes payload with the one-byte-length opcode when it fits, the four-byte one otherwise; 64 KiB and more outside frames.</summary>
    public void WriteBinary(PickleOpcode shortOp, PickleOpcode longOp, ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= 0xFF)
        {
            WriteOp(shortOp, (byte)payload.Length);
            Write(payload);
        }
        else if (payload.Length >= FrameSizeTarget && Framing)
        {
            Span<byte> header = stackalloc byte[5];
            header[0] = (byte)longOp;
            BinaryPrimitives.WriteInt32LittleEndian(header[1..], payload.Length);
            WriteLarge(header, payload);
        }
        else
        {
            WriteOpInt32(longOp, payload.Length);
            Write(payload);
        }
    }

    /// <summary>Writes an opcode header and a large payload outside any frame (CPython's <c>write_large_bytes</c>).</summary>
    public void WriteLarge(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var framing = Framing;
        CommitFrame();
        Framing = false;
        Write(header);
        Write(payload);
        Framing = framing;
    }

    /// <summary>CPython's check at the start of every <c>save()</c>: a frame that reached the target size is closed.</summary>
    public void Boundary()
    {
        if (_frameStart >= 0 && _position - _frameStart - FrameHeaderSize >= FrameSizeTarget)
        {
            CommitFrame();
        }
    }

    /// <summary>Closes the current frame: writes its header, or removes the reserved header when the frame is tiny.</summary>
    public void CommitFrame()
    {
        if (_frameStart < 0)
        {
            return;
        }

        var length = _position - _frameStart - FrameHeaderSize;
        if (length >= FrameSizeMin)
        {
            _buffer[_frameStart] = (byte)PickleOpcode.Frame;
            BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_frameStart + 1), (ulong)length);
        }
        else
        {
            _buffer.AsSpan(_frameStart + FrameHeaderSize, length).CopyTo(_buffer.AsSpan(_frameStart));
            _position -= FrameHeaderSize;
        }

        _frameStart = -1;
    }

    private void StartFrame()
    {
        if (Framing && _frameStart < 0)
        {
            _frameStart = _position;
            Ensure(FrameHeaderSize);
            _position += FrameHeaderSize;
        }
    }

    /// <summary>Returns the buffer to the pool; <see cref="Written"/> is invalid afterwards.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _position < count)
        {
            var size = Math.Min(Math.Max(_buffer.Length * 2L, (long)_position + count), Array.MaxLength);
            if (size - _position < count)
            {
                throw new InvalidOperationException("the pickle would exceed 2 GiB");
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)size);
            _buffer.AsSpan(0, _position).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
