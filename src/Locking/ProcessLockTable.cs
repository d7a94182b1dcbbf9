namespace SlurmSearch.Locking;

/// <summary>Which lock files this process is using, and which locks the current caller holds.</summary>
/// <remarks>
/// This is the one justified exception to "no static mutable state". flock(2) locks belong to an
/// open file description, not to a process: if two <see cref="FileLockFactory"/> instances of one
/// process (same home, or two spellings of it through a symbolic link) each opened the file, the
/// second flock would wait for the first like a foreign process would. That is right between two
/// threads, but a caller that re-acquires a lock it holds would wait for itself forever; only a
/// process-wide table can see across factory instances and turn that into an immediate error.
/// The table also keeps this process to one open description per lock file at a time: on NFS,
/// Linux emulates flock with POSIX record locks, which belong to the process and are dropped when
/// any of its descriptors of the file is closed, so a probe (or a second thread) opening and
/// closing the file could silently release a lock another thread holds. Keys are canonical paths
/// (<c>realpath</c> of the locks directory + file name), so every spelling of a home maps to one entry.
/// </remarks>
internal static class ProcessLockTable
{
    private static readonly Lock Sync = new();
    private static readonly Dictionary<string, LockGate> Gates = new(StringComparer.Ordinal);

    // Locks held by the current caller: AsyncLocal follows a logical flow (a thread, or an async
    // method across awaits and thread switches), so nesting is detected per caller rather than per
    // OS thread, where a pooled thread running an unrelated continuation would look like the holder.
    private static readonly AsyncLocal<FileLock[]?> HeldByFlow = new();

    /// <summary>Registers a user of <paramref name="key"/>'s gate (creating it); pair with <see cref="Exit"/>.</summary>
    public static LockGate Enter(string key)
    {
        lock (Sync)
        {
            if (!Gates.TryGetValue(key, out var gate))
            {
                gate = new LockGate();
                Gates.Add(key, gate);
            }

            gate.Users++;
            return gate;
        }
    }

    /// <summary>Takes the gate of <paramref name="key"/> only when no thread of this process is using it; otherwise returns false and the in-process holder, if any.</summary>
    public static bool TryEnterIdle(string key, out LockGate? gate, out FileLock? busyHolder)
    {
        lock (Sync)
        {
            if (Gates.TryGetValue(key, out var busy))
            {
                gate = null;
                busyHolder = busy.Holder;
                return false;
            }

            gate = new LockGate { Users = 1 };
            _ = gate.Turn.Wait(0);
            Gates.Add(key, gate);
            busyHolder = null;
            return true;
        }
    }

    /// <summary>Unregisters a user; the gate is forgotten when its last user leaves.</summary>
    public static void Exit(string key, LockGate gate)
    {
        lock (Sync)
        {
            if (--gate.Users == 0)
            {
                Gates.Remove(key);
                gate.Turn.Dispose();
            }
        }
    }

    /// <summary>The handle of <paramref name="key"/> held by some thread of this process, if any.</summary>
    public static FileLock? HolderOf(string key)
    {
        lock (Sync)
        {
            return Gates.TryGetValue(key, out var gate) ? gate.Holder : null;
        }
    }

    /// <summary>The handle of <paramref name="key"/> held by the current caller (thread or async flow), if any.</summary>
    public static FileLock? HeldByCaller(string key)
    {
        foreach (var held in HeldByFlow.Value ?? [])
        {
            if (!held.IsReleased && string.Equals(held.Key, key, StringComparison.Ordinal))
            {
                return held;
            }
        }

        return null;
    }

    /// <summary>Records that the current caller holds <paramref name="fileLock"/>.</summary>
    public static void AddToCaller(FileLock fileLock)
    {
        // Copy-on-write: the array is shared with flows forked from this one, which must not see
        // later changes. Released entries are dropped on the way.
        var current = HeldByFlow.Value ?? [];
        HeldByFlow.Value = [.. current.Where(held => !held.IsReleased), fileLock];
    }

    /// <summary>Forgets <paramref name="fileLock"/> in the current caller's record (a release from another flow leaves a released entry there, which is ignored).</summary>
    public static void RemoveFromCaller(FileLock fileLock)
    {
        var current = HeldByFlow.Value;
        if (current is not null && Array.IndexOf(current, fileLock) >= 0)
        {
            var rest = current.Where(held => held != fileLock && !held.IsReleased).ToArray();
            HeldByFlow.Value = rest.Length == 0 ? null : rest;
        }
    }
}
