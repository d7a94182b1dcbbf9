using System.Security.Cryptography;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>The byte layout of snapshots and journals: every part is a plain pickle of built-ins, so Python can replay it.</summary>
internal static class JournalFormat
{
    /// <summary>A header pickle is a few dozen bytes; this bounds how much is read to find it.</summary>
    public const int MaxHeaderLength = 256;

    private const string SnapshotTag = "ssearch-snapshot";
    private const string JournalTag = "ssearch-journal";
    private const string RecordTag = "tx";
    private const int FormatVersion = 1;

    // PROTO 4: how every record we write begins.
    private static readonly byte[] RecordStart = [0x80, 0x04];

    /// <summary>A fresh, non-zero generation id (0 means "a snapshot without trailer").</summary>
    public static long NewGeneration()
    {
        long value;
        do
        {
            value = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        }
        while (value == 0);

        return value;
    }

    /// <summary>
    /// The state, then the trailer <c>("ssearch-snapshot", 1, generation, journal offset)</c>: the snapshot holds every
    /// journal record of that generation before the offset. Trailers written before the offset existed have three
    /// items and mean "before the first record".
    /// </summary>
    public static byte[] Snapshot(PyValue state, long generation, long journalOffset)
    {
        var body = PickleCodec.Write(state);
        var trailer = PickleCodec.Write(new PyTuple(SnapshotTag, FormatVersion, generation, journalOffset));
        return [.. body, .. trailer];
    }

    /// <summary>The state, its generation (0: a snapshot of the original, without trailer) and the journal offset it covers (0: from the first record).</summary>
    public static (PyValue State, long Generation, long JournalOffset) ReadSnapshot(byte[] bytes, string path, PickleReaderOptions options)
    {
        var state = PickleCodec.ReadOne(bytes, 0, path, options, out var end);
        if (end >= bytes.Length)
        {
            return (state, 0, 0);
        }

        var trailer = PickleCodec.ReadOne(bytes, end, path, PickleReaderOptions.Default, out _);
        var (generation, offset) = SnapshotTrailer(trailer, path, end);
        return (state, generation, offset);
    }

    /// <summary>
    /// The trailer of a snapshot from its last bytes (<see cref="MaxTrailerLength"/> suffice) without reading the state;
    /// null when they do not end with one (a snapshot of the original, or not a snapshot). The trailer is the last pickle
    /// of the file: the last <c>PROTO</c> opcode from which a tagged tuple reads to the very end.
    /// </summary>
    public static (long Generation, long JournalOffset)? ReadTrailer(byte[] tail, string path)
    {
        for (var at = tail.AsSpan().LastIndexOf(RecordStart); at >= 0; at = at == 0 ? -1 : tail.AsSpan(0, at).LastIndexOf(RecordStart))
        {
            try
            {
                if (PickleReader.Read(tail, at, out var end, PickleReaderOptions.Default) is PyTuple { Count: 3 or 4 } t && end == tail.Length
                    && t[0] is PyStr { Value: SnapshotTag })
                {
                    return SnapshotTrailer(t, path, at);
                }
            }
            catch (StoreCorruptException)
            {
            }
            catch (PickleRefusedException)
            {
            }
        }

        return null;
    }

    /// <summary>Enough bytes from the end of a snapshot to hold its trailer.</summary>
    public const int MaxTrailerLength = 256;

    public static byte[] Header(long generation) => PickleCodec.Write(new PyTuple(JournalTag, FormatVersion, generation));

    public static (long Generation, int Length) ReadHeader(byte[] head, string path)
    {
        var header = PickleCodec.ReadOne(head, 0, path, PickleReaderOptions.Default, out var end);
        return (Tagged(header, JournalTag, path, 0), end);
    }

    public static byte[] Record(IReadOnlyList<StateOp> operations) =>
        PickleCodec.Write(new PyTuple(RecordTag, new PyList(operations.Select(op => (PyValue)op.ToPython()))));

    /// <summary>
    /// Replays the complete records of <paramref name="tail"/> (which starts at file offset <paramref name="baseOffset"/>)
    /// and returns how many bytes they span. An incomplete last record is a torn append and is not counted; anything
    /// else unreadable is corruption.
    /// </summary>
    public static long ReplayRecords(byte[] tail, long baseOffset, string path, PickleReaderOptions options, Action<IReadOnlyList<StateOp>> apply)
    {
        var offset = 0;
        while (offset < tail.Length)
        {
            PyValue record;
            int end;
            try
            {
                record = PickleCodec.ReadOne(tail, offset, path, options, out end);
            }
            catch (StoreCorruptException e) when (PickleCodec.IsTruncation(e, tail.Length))
            {
                // Either a torn append (nothing complete follows) or a garbled length field in the middle that
                // swallowed the records after it: those must not be cut off as if they were a torn tail.
                if (CompleteRecordAfter(tail, offset + 1, options) is { } next)
                {
                    throw StoreCorruptException.At(path, baseOffset + offset, $"journal record unreadable but a complete record follows at byte {baseOffset + next}", e);
                }

                break;
            }
            catch (StoreCorruptException e)
            {
                throw StoreCorruptException.At(path, baseOffset + e.Offset, "journal record: " + e.Reason, e);
            }

            if (record is not PyTuple { Count: 2 } tuple || tuple[0] is not PyStr { Value: RecordTag } || tuple[1] is not PyList ops)
            {
                throw StoreCorruptException.At(path, baseOffset + offset, "journal record is not ('tx', [ops])");
            }

            IReadOnlyList<StateOp> parsed;
            try
            {
                parsed = [.. ops.Items.Select(StateOp.FromPython)];
            }
            catch (FormatException e)
            {
                throw StoreCorruptException.At(path, baseOffset + offset, e.Message, e);
            }

            apply(parsed);
            offset = end;
        }

        return offset;
    }

    /// <summary>Where a complete ('tx', …) record starts at or after <paramref name="from"/>, or null. Only runs on the rare unreadable-tail path.</summary>
    private static int? CompleteRecordAfter(byte[] tail, int from, PickleReaderOptions options)
    {
        while (from < tail.Length)
        {
            var at = tail.AsSpan(from).IndexOf(RecordStart);
            if (at < 0)
            {
                return null;
            }

            var position = from + at;
            try
            {
                if (PickleReader.Read(tail, position, out _, options) is PyTuple { Count: 2 } t && t[0] is PyStr { Value: RecordTag })
                {
                    return position;
                }
            }
            catch (StoreCorruptException)
            {
            }
            catch (PickleRefusedException)
            {
            }

            from = position + 1;
        }

        return null;
    }

    private static long Tagged(PyValue value, string tag, string path, long offset)
    {
        if (value is PyTuple { Count: 3 } t && t[0] is PyStr s && s.Value == tag && t[1] is PyInt version && t[2] is PyInt generation)
        {
            CheckVersion(version, path);
            return generation.ToInt64();
        }

        throw StoreCorruptException.At(path, offset, $"expected a ({tag}, version, generation) marker");
    }

    private static (long Generation, long JournalOffset) SnapshotTrailer(PyValue value, string path, long offset)
    {
        if (value is PyTuple { Count: 3 or 4 } t && t[0] is PyStr { Value: SnapshotTag } && t[1] is PyInt version && t[2] is PyInt generation
            && (t.Count == 3 || t[3] is PyInt { FitsInt64: true }))
        {
            CheckVersion(version, path);
            return (generation.ToInt64(), t.Count == 4 ? ((PyInt)t[3]).ToInt64() : 0);
        }

        throw StoreCorruptException.At(path, offset, $"expected a ({SnapshotTag}, version, generation, journal offset) marker");
    }

    private static void CheckVersion(PyInt version, string path)
    {
        if (version.Value != FormatVersion)
        {
            throw StoreFormatException.NewerVersion(path, (long)version.Value, FormatVersion);
        }
    }
}
