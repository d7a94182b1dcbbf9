using System.Runtime.InteropServices;

namespace SlurmSearch.Locking;

/// <summary>System calls on one lock file descriptor, with EINTR retried and errors turned into exceptions that name the file.</summary>
internal static class LockFile
{
    /// <summary>Records are small; anything longer was not written by us.</summary>
    private const int MaxRecordBytes = 4096;

    /// <summary>rw-rw-rw- before the umask, as Python's <c>open(path, "w")</c> creates it.</summary>
    private const int CreateMode = 0x1B6;

    /// <summary>Opens (creating if needed, along with its directory) a lock file for reading and writing.</summary>
    public static int OpenOrCreate(string path)
    {
        for (var created = false; ;)
        {
            var fd = LibC.Open(path, LibC.ORdWr | LibC.OCloExec);
            if (fd >= 0)
            {
                return fd;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EIntr)
            {
                continue;
            }

            if (errno != LibC.ENoEnt || created)
            {
                throw new IOException($"cannot open lock file {path}: {LibC.Describe(errno)}");
            }

            // creat(2) rather than open(O_CREAT, mode), which is variadic. It truncates: if another
            // process created the file and wrote its record in between, that record is lost, which
            // is harmless (records are advisory) and what Python's open(path, "w") does anyway.
            _ = Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var createdFd = LibC.Creat(path, CreateMode);
            if (createdFd < 0)
            {
                throw new IOException($"cannot create lock file {path}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
            }

            _ = LibC.Close(createdFd);
            created = true;
        }
    }

    /// <summary>Opens an existing lock file for a probe: read-write, or read-only if that is all we may; -1 with the errno otherwise.</summary>
    public static int OpenExisting(string path, out int errno)
    {
        errno = 0;
        foreach (var mode in (int[])[LibC.ORdWr, LibC.ORdOnly])
        {
            int fd;
            do
            {
                fd = LibC.Open(path, mode | LibC.OCloExec);
                errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
            while (errno == LibC.EIntr);

            if (fd >= 0 || errno != LibC.EAcces)
            {
                return fd;
            }
        }

        return -1;
    }

    /// <summary>One non-blocking attempt at the exclusive lock: true if taken, false if another description holds it.</summary>
    public static bool TryLock(int fd, string path)
    {
        while (true)
        {
            if (LibC.Flock(fd, LibC.LockEx | LibC.LockNb) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EWouldBlock)
            {
                return false;
            }

            if (errno != LibC.EIntr)
            {
                throw new IOException($"cannot lock {path} with flock: {LibC.Describe(errno)}"
                    + " (on NFS, flock needs the lock manager: mount without 'nolock', or use a local home)");
            }
        }
    }

    /// <summary>Whether another description holds the lock, by one LOCK_EX|LOCK_NB attempt that is undone at once if it succeeds; a holder is never disturbed.</summary>
    public static LockState Probe(int fd)
    {
        while (true)
        {
            if (LibC.Flock(fd, LibC.LockEx | LibC.LockNb) == 0)
            {
                _ = LibC.Flock(fd, LibC.LockUn);
                return LockState.Free;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EIntr)
            {
                return errno == LibC.EWouldBlock ? LockState.Held : LockState.Unknown;
            }
        }
    }

    /// <summary>Reads the holder record; null if the file is empty, torn or not ours.</summary>
    public static unsafe LockHolder? ReadRecord(int fd)
    {
        var buffer = stackalloc byte[MaxRecordBytes];
        var length = 0;
        while (length < MaxRecordBytes)
        {
            var read = LibC.PRead(fd, buffer + length, (nuint)(MaxRecordBytes - length), length);
            if (read < 0 && Marshal.GetLastPInvokeError() == LibC.EIntr)
            {
                continue;
            }

            if (read <= 0)
            {
                break;
            }

            length += (int)read;
        }

        return length == MaxRecordBytes ? null : LockHolder.TryParse(new ReadOnlySpan<byte>(buffer, length));
    }

    /// <summary>Replaces the file's content with <paramref name="holder"/>'s record; best effort, since the record is advisory and the lock is what matters.</summary>
    /// <remarks>
    /// Overwrites in place rather than truncating first: on ext4, truncating a file with data to
    /// zero arms the "replace via truncate" heuristic (auto_da_alloc), which flushes the file on
    /// close and made each lock/unlock cost ~1.5 ms instead of ~10 µs (measured). Records are padded
    /// to whole blocks of <see cref="LockHolder.RecordBlock"/> bytes so that consecutive records
    /// (acquired, released, next holder's) usually have the same length and no truncation is needed.
    /// </remarks>
    public static unsafe bool TryWriteRecord(int fd, LockHolder holder)
    {
        var bytes = holder.ToBytes();
        var oldLength = LibC.LSeek(fd, 0, LibC.SeekEnd);
        fixed (byte* start = bytes)
        {
            var written = 0;
            while (written < bytes.Length)
            {
                var n = LibC.PWrite(fd, start + written, (nuint)(bytes.Length - written), written);
                if (n < 0 && Marshal.GetLastPInvokeError() == LibC.EIntr)
                {
                    continue;
                }

                if (n <= 0)
                {
                    return false;
                }

                written += (int)n;
            }
        }

        // A longer earlier record (or an unknown length) leaves a tail to cut.
        return (oldLength >= 0 && oldLength <= bytes.Length) || LibC.FTruncate(fd, bytes.Length) == 0;
    }
}
