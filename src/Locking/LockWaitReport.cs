namespace SlurmSearch.Locking;

/// <summary>Progress of a wait for a lock, sent once the wait passes 0.1 s, then about every second, and once more on acquiring after such a wait.</summary>
/// <param name="Name">The lock waited for.</param>
/// <param name="Waited">How long the caller has waited so far.</param>
/// <param name="Holder">The holder's record, when known (a thread of this process, or the lock file's record).</param>
/// <param name="HeldByThisProcess">Whether the holder is another thread of this process.</param>
/// <param name="Acquired">True for the final report, sent when the lock was acquired after a reported wait.</param>
public sealed record LockWaitReport(string Name, TimeSpan Waited, LockHolder? Holder, bool HeldByThisProcess, bool Acquired);
