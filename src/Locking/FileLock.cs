namespace SlurmSearch.Locking;

/// <summary>A held named lock: an open, flock'ed lock file. Dispose (or <c>await using</c>) to release it; releasing twice is harmless.</summary>
public sealed class FileLock : IDisposable, IAsyncDisposable
{
    private readonly int _fd;
    private readonly LockGate _gate;
    private readonly TimeProvider _time;
    private int _released;

    internal FileLock(string name, string path, string key, int fd, LockGate gate, LockHolder holder, TimeProvider time)
    {
        Name = name;
        Path = path;
        Key = key;
        _fd = fd;
        _gate = gate;
        Holder = holder;
        _time = time;
    }

    /// <summary>The lock name.</summary>
    public string Name { get; }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The record this process wrote into the lock file on acquiring it.</summary>
    public LockHolder Holder { get; }

    /// <summary>Whether the lock has been released.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>The canonical path identifying the file within this process.</summary>
    internal string Key { get; }

    /// <summary>Releases the lock: records the release time in the file, unlocks, closes. The file itself stays.</summary>
    /// <remarks>
    /// The file is never deleted. Deleting races with waiters: a waiter that already opened the file
    /// would get the lock on the unlinked file when we unlock, while the next process creates a new
    /// file under the same name and locks that one; both would then "hold" the lock at once.
    /// </remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        try
        {
            // Written while still holding, so it cannot overwrite the next holder's record.
            LockFile.TryWriteRecord(_fd, Holder with { Released = _time.GetUtcNow() });

            // Closing alone would release it too, unless a child process forked at this instant
            // still shares the description (O_CLOEXEC closes it only at exec); unlocking is explicit.
            _ = LibC.Flock(_fd, LibC.LockUn);
        }
        finally
        {
            _ = LibC.Close(_fd);
            _gate.Holder = null;
            _gate.Turn.Release();
            ProcessLockTable.Exit(Key, _gate);
            ProcessLockTable.RemoveFromCaller(this);
        }
    }

    /// <summary>Releases the lock, as <see cref="Dispose"/> (the release is a few fast system calls).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
