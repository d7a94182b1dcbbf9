using SlurmSearch.Locking;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>
/// The default backend, compatible with the original Slurm Search: <c>ROOT/type/name/session_state.pickle</c> under the
/// flock of <c>ROOT/locks/type:name.lock</c>. Works on NFS/Lustre where flock works.
/// </summary>
/// <remarks>
/// Files of a key:
/// <list type="bullet">
/// <item><c>session_state.pickle</c>: the snapshot — the state as one pickle (a bare <c>pickle.load</c> reads it), followed by a
/// second small pickle <c>("ssearch-snapshot", 1, generation, offset)</c>: the state holds every journal record of that
/// generation before byte <c>offset</c>. Snapshots written by the original have no trailer.</item>
/// <item><c>session_state.journal</c>: a header pickle <c>("ssearch-journal", 1, generation)</c> then one pickle per committed
/// transaction, <c>("tx", [op, …])</c>, appended and fsynced. It applies only to the snapshot of the same generation; a
/// torn last record (crash mid-append) is ignored and cut off by the next writer.</item>
/// </list>
/// When the journal past the snapshot's offset outgrows the snapshot, the state is written as a new snapshot of the
/// same generation that covers the whole journal (compaction), so a fresh reader replays at most about a snapshot's
/// worth of records. The journal itself stays: a process that already holds the state goes on replaying it from where
/// it stopped and never rereads the snapshot, whoever compacted — with 8 workers the rereads were a tenth of their CPU.
/// Only when the journal file grows to <see cref="RotationFactor"/> times the snapshot is it restarted under a new
/// generation (rotation; every process then rereads the snapshot once). A rotation writes the snapshot first: a crash
/// between the two renames leaves a journal of the old generation, which readers ignore (its records are in the
/// snapshot) and the next writer replaces.
/// </remarks>
public sealed class PickleDirectoryStore : StateStore
{
    /// <summary>The snapshot file name (the original's).</summary>
    public const string SnapshotFileName = "session_state.pickle";

    /// <summary>The journal file name.</summary>
    public const string JournalFileName = "session_state.journal";

    private const long MinimumJournalBeforeCompaction = 16 * 1024;

    /// <summary>The journal is restarted (new generation) when it is this many times the snapshot.</summary>
    private const long RotationFactor = 3;

    private readonly FileLockFactory _locks;
    private readonly TimeSpan _lockTimeout;

    /// <summary>Creates the store rooted at <paramref name="root"/> (created if missing).</summary>
    public PickleDirectoryStore(string root, TimeSpan? lockTimeout = null, TimeProvider? time = null, PickleReaderOptions? readerOptions = null)
        : base(root, readerOptions)
    {
        _locks = new FileLockFactory(Root, time);
        _lockTimeout = lockTimeout ?? TimeSpan.FromMinutes(5);
    }

    /// <inheritdoc />
    public override string BackendName => "pickle";

    /// <summary>The lock factory, for reporting waits and listing holders.</summary>
    public FileLockFactory Locks => _locks;

    /// <inheritdoc />
    protected override IDisposable LockCore(StateKey key) => _locks.Acquire(key.ToString(), _lockTimeout);

    /// <inheritdoc />
    protected override bool ExistsCore(StateKey key) => File.Exists(SnapshotPath(key));

    /// <inheritdoc />
    protected override CachedState CreateCore(StateKey key, PyValue initial)
    {
        if (ExistsCore(key))
        {
            throw StateExistsException.For(key);
        }

        Directory.CreateDirectory(DirectoryOf(key));
        return Rotate(key, initial);
    }

    /// <inheritdoc />
    protected override CachedState LoadCore(StateKey key, CachedState? cached)
    {
        var snapshot = new FileInfo(SnapshotPath(key));
        if (!snapshot.Exists)
        {
            throw StateNotFoundException.For(key);
        }

        var stamp = Stamp(snapshot);
        if (cached is { Generation: not 0 } && Continuing(snapshot, stamp, cached) is { } continuing
            && ReplayJournal(key, continuing) is { } current)
        {
            return current;
        }

        var bytes = File.ReadAllBytes(snapshot.FullName);
        var (state, generation, offset) = JournalFormat.ReadSnapshot(bytes, snapshot.FullName, ReaderOptions);
        var loaded = new CachedState(state, generation, offset, stamp, bytes.Length, 0) { SnapshotOffset = offset };

        // Position 0: no journal this snapshot continues (none yet, or a stale one): the next commit rotates.
        return generation == 0 ? loaded with { Position = 0 } : ReplayJournal(key, loaded) ?? loaded with { Position = 0 };
    }

    /// <inheritdoc />
    protected override CachedState CommitCore(StateKey key, CachedState before, PyValue after, IReadOnlyList<StateOp> operations)
    {
        if (before.Generation == 0 || before.Position == 0 || operations.Any(op => op.Kind == StateOpKind.Replace))
        {
            // A snapshot without our trailer (written by the original) or without a journal of its generation starts a
            // new generation; a whole replace is cheaper as a snapshot than as a journal record of the same size.
            return Rotate(key, after);
        }

        var record = JournalFormat.Record(operations);
        var path = JournalPath(key);
        var position = before.Position;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None))
        {
            if (stream.Length != position)
            {
                // Bytes past what the last load read completely are a torn record from a crashed writer.
                stream.SetLength(position);
            }

            stream.Position = position;
            stream.Write(record);
            stream.Flush(flushToDisk: true);
        }

        var journalSize = position + record.Length;
        var committed = before with { State = after, Position = journalSize, JournalSize = journalSize };
        var snapshotSize = Math.Max(before.SnapshotSize, MinimumJournalBeforeCompaction);
        if (journalSize - before.SnapshotOffset <= snapshotSize)
        {
            return committed;
        }

        return journalSize > RotationFactor * snapshotSize ? Rotate(key, after) : Compact(key, committed);
    }

    /// <inheritdoc />
    protected override IEnumerable<StateKey> ListCore(string? type)
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        var typeDirs = type is null ? Directory.EnumerateDirectories(Root) : [Path.Combine(Root, type)];
        foreach (var typeDir in typeDirs)
        {
            var typeName = Path.GetFileName(typeDir);
            if (typeName == FileLockFactory.LocksDirectoryName || !Directory.Exists(typeDir))
            {
                continue;
            }

            foreach (var nameDir in Directory.EnumerateDirectories(typeDir))
            {
                var name = Path.GetFileName(nameDir);
                if (StateKey.Problem(typeName, "type") is null && StateKey.Problem(name, "name") is null
                    && File.Exists(Path.Combine(nameDir, SnapshotFileName)))
                {
                    yield return StateKey.Of(typeName, name);
                }
            }
        }
    }

    /// <inheritdoc />
    protected override bool DeleteCore(StateKey key)
    {
        var dir = DirectoryOf(key);
        if (!File.Exists(Path.Combine(dir, SnapshotFileName)))
        {
            return false;
        }

        // Remove the snapshot first so a concurrent lister stops seeing the key before its files go.
        File.Delete(Path.Combine(dir, SnapshotFileName));
        Directory.Delete(dir, recursive: true);
        return true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Size and modification time of the snapshot and of the journal: every commit appends to the journal (it grows),
    /// and a compaction replaces the snapshot and restarts the journal. Null when the key has no snapshot.
    /// </remarks>
    public override string? ChangeStamp(StateKey key)
    {
        var snapshot = new FileInfo(SnapshotPath(key));
        if (!snapshot.Exists)
        {
            return null;
        }

        var journal = new FileInfo(JournalPath(key));
        return journal.Exists ? $"{Stamp(snapshot)}/{Stamp(journal)}" : Stamp(snapshot);
    }

    private string SnapshotPath(StateKey key) => Path.Combine(DirectoryOf(key), SnapshotFileName);

    private string JournalPath(StateKey key) => Path.Combine(DirectoryOf(key), JournalFileName);

    private static string Stamp(FileInfo file) => $"{file.Length}:{file.LastWriteTimeUtc.Ticks}";

    /// <summary>A new generation: the state as a snapshot, then a journal of nothing but its header.</summary>
    private CachedState Rotate(StateKey key, PyValue state)
    {
        var generation = JournalFormat.NewGeneration();
        var header = JournalFormat.Header(generation);
        var bytes = JournalFormat.Snapshot(state, generation, header.Length);
        var snapshotPath = SnapshotPath(key);
        AtomicFile.Write(snapshotPath, bytes);

        // The old journal belongs to the old generation; replacing it is an optimisation (readers would ignore it).
        AtomicFile.Write(JournalPath(key), header);
        return new CachedState(state, generation, header.Length, Stamp(new FileInfo(snapshotPath)), bytes.Length, header.Length) { SnapshotOffset = header.Length };
    }

    /// <summary>The state as a snapshot of the same generation that covers the whole journal; the journal stays.</summary>
    private CachedState Compact(StateKey key, CachedState committed)
    {
        var bytes = JournalFormat.Snapshot(committed.State, committed.Generation, committed.Position);
        var snapshotPath = SnapshotPath(key);
        AtomicFile.Write(snapshotPath, bytes);
        return committed with { SnapshotStamp = Stamp(new FileInfo(snapshotPath)), SnapshotSize = bytes.Length, SnapshotOffset = committed.Position };
    }

    /// <summary>
    /// <paramref name="cached"/> if the journal it was read from still continues it: the snapshot is the one it was read
    /// with, or a compaction of the same generation (its trailer says so). Null when the snapshot was replaced otherwise
    /// (a rotation, or the original tool rewrote it): then the state must be read again.
    /// </summary>
    private static CachedState? Continuing(FileInfo snapshot, string stamp, CachedState cached)
    {
        if (cached.SnapshotStamp == stamp)
        {
            return cached;
        }

        byte[] tail;
        using (var stream = new FileStream(snapshot.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
        {
            var length = stream.Length;
            tail = new byte[(int)Math.Min(length, JournalFormat.MaxTrailerLength)];
            stream.Position = length - tail.Length;
            stream.ReadExactly(tail);
        }

        return JournalFormat.ReadTrailer(tail, snapshot.FullName) is { } trailer && trailer.Generation == cached.Generation
            ? cached with { SnapshotStamp = stamp, SnapshotSize = snapshot.Length, SnapshotOffset = trailer.JournalOffset }
            : null;
    }

    /// <summary>
    /// Applies the journal records past <see cref="CachedState.Position"/> to the cached state; null when the journal
    /// is missing, belongs to another generation or is shorter than that position (the caller then reloads the snapshot). Reads only the header and
    /// the new records, never the part already applied.
    /// </summary>
    private CachedState? ReplayJournal(StateKey key, CachedState cached)
    {
        var path = JournalPath(key);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        using (stream)
        {
            var length = stream.Length;
            var head = new byte[(int)Math.Min(length, JournalFormat.MaxHeaderLength)];
            stream.ReadExactly(head);
            var (generation, headerLength) = JournalFormat.ReadHeader(head, path);
            if (generation != cached.Generation)
            {
                return null;
            }

            var start = Math.Max(cached.Position, headerLength);
            if (start > length)
            {
                return null; // shorter than what was already read from it: not the journal that state came from
            }

            if (start == length)
            {
                return cached with { Position = start, JournalSize = length };
            }

            var tail = new byte[length - start];
            stream.Position = start;
            stream.ReadExactly(tail);
            var state = cached.State;
            var consumed = JournalFormat.ReplayRecords(tail, start, path, ReaderOptions, ops =>
            {
                foreach (var op in ops)
                {
                    state = op.ApplyTo(state);
                }
            });
            return cached with { State = state, Position = start + consumed, JournalSize = length };
        }
    }
}
