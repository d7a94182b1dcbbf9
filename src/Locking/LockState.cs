namespace SlurmSearch.Locking;

/// <summary>Whether a lock is held, as seen by a probe that never disturbs a holder.</summary>
public enum LockState
{
    /// <summary>Nobody holds it.</summary>
    Free,

    /// <summary>Another process holds it (or a thread of this process is waiting for it, which means much the same).</summary>
    Held,

    /// <summary>A thread of this process holds it.</summary>
    HeldByThisProcess,

    /// <summary>The probe could not tell (for example, the file is not readable by this user).</summary>
    Unknown,
}
