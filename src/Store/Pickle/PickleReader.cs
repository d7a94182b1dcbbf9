using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>Reads Python pickles (protocols 0–5) into <see cref="PyValue"/> trees without executing anything they name.</summary>
/// <remarks>
/// Shared and recursive references come back as the same .NET object. Malformed input raises
/// <see cref="StoreCorruptException"/> with the byte offset (offsets count from the start of the given buffer); input
/// that ends too early raises it with the offset equal to the buffer's length (see <see cref="IsTruncation"/>). Strict
/// options turn unknown globals into <see cref="PickleRefusedException"/>. Inputs are limited to 2 GiB (span lengths).
/// </remarks>
public static class PickleReader
{
    /// <summary>Reads the pickle at the start of <paramref name="data"/>; bytes after its STOP are ignored.</summary>
    public static PyValue Read(ReadOnlySpan<byte> data, PickleReaderOptions? options = null) => Read(data, 0, out _, options);

    /// <summary>Reads the pickle starting at <paramref name="start"/> and reports where it ended (just past STOP).</summary>
    public static PyValue Read(ReadOnlySpan<byte> data, int start, out int end, PickleReaderOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, data.Length);
        var settings = (options ?? PickleReaderOptions.Default).Validate();
        return new Unpickler(settings).Load(data, start, out end);
    }

    /// <summary>
    /// Reads one pickle from the stream's current position, as Python's <c>pickle.load</c>. A seekable stream is left
    /// just past the pickle's STOP (so consecutive calls read consecutive pickles); a non-seekable one is read to its end.
    /// </summary>
    public static PyValue Read(Stream stream, PickleReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.CanSeek ? stream.Position : 0;
        var bytes = ReadToEnd(stream);
        var value = Read(bytes, 0, out var end, options);
        if (stream.CanSeek)
        {
            stream.Position = start + end;
        }

        return value;
    }

    /// <summary>
    /// Reads consecutive pickles (a snapshot followed by journal records, each written by its own <c>pickle.dump</c>)
    /// until the data ends. Records are produced one at a time; a bad record throws when reached, after the good ones
    /// before it were yielded, so a caller can tell a torn last record (<see cref="IsTruncation"/>) from corruption.
    /// </summary>
    public static IEnumerable<PickleRecord> ReadAll(ReadOnlyMemory<byte> data, PickleReaderOptions? options = null)
    {
        var settings = (options ?? PickleReaderOptions.Default).Validate();
        return ReadAll(data, settings);
    }

    /// <summary>Reads every pickle in the rest of <paramref name="stream"/> (see <see cref="ReadAll(ReadOnlyMemory{byte}, PickleReaderOptions?)"/>); offsets count from the stream's position.</summary>
    public static IEnumerable<PickleRecord> ReadAll(Stream stream, PickleReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadAll(ReadToEnd(stream), options);
    }

    /// <summary>True when <paramref name="exception"/> says the input of <paramref name="length"/> bytes ended inside a pickle (a torn write), rather than holding bad bytes.</summary>
    /// <remarks>A length field garbled into a huge value reads the same as a write cut short; callers that must tell them apart need a checksum.</remarks>
    public static bool IsTruncation(StoreCorruptException exception, long length)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Offset == length;
    }

    private static IEnumerable<PickleRecord> ReadAll(ReadOnlyMemory<byte> data, ReaderSettings settings)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var value = new Unpickler(settings).Load(data.Span, offset, out var end);
            yield return new PickleRecord(value, offset, end);
            offset = end;
        }
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
