namespace SlurmSearch.Locking;

/// <summary>The in-process side of one lock file: admits one thread of this process at a time to the file.</summary>
internal sealed class LockGate
{
    /// <summary>Taken by the thread that holds the file lock or is trying to take it.</summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>Threads of this process entered on this gate (waiting, acquiring or holding); guarded by the table.</summary>
    public int Users { get; set; }

    /// <summary>The handle holding the file lock, if a thread of this process holds it.</summary>
    public FileLock? Holder
    {
        get => Volatile.Read(ref _holder);
        set => Volatile.Write(ref _holder, value);
    }

    private FileLock? _holder;
}
