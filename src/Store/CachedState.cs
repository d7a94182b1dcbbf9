using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>
/// What a process remembers of a key between transactions: the state, and where in the backend's snapshot and
/// journal it was read up to, so the next transaction reads only what others appended since.
/// </summary>
/// <param name="State">The current state (the live copy).</param>
/// <param name="Generation">The snapshot generation the journal belongs to.</param>
/// <param name="Position">Backend-specific read position in the journal (bytes or sequence number).</param>
/// <param name="SnapshotStamp">Backend-specific identity of the snapshot read (size and modification time), to notice a replaced snapshot.</param>
/// <param name="SnapshotSize">Size of the snapshot, for the compaction policy.</param>
/// <param name="JournalSize">Size of the journal, for the compaction policy.</param>
public sealed record CachedState(PyValue State, long Generation, long Position, string SnapshotStamp, long SnapshotSize, long JournalSize)
{
    /// <summary>Backend-specific position in the journal up to which the snapshot holds the records (the pickle backend's trailer offset).</summary>
    public long SnapshotOffset { get; init; }
}
