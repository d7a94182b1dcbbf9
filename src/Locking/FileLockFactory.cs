using System.Diagnostics.CodeAnalysis;

namespace SlurmSearch.Locking;

/// <summary>Named exclusive locks under one data home: lock <c>name</c> is <c>flock(2)</c> LOCK_EX on <c>ROOT/locks/name.lock</c>, the very lock the original Python Slurm Search takes, so processes of both exclude each other.</summary>
/// <remarks>
/// Within a process, threads contend for a lock like processes do (the second one waits), while a
/// caller — a thread, or an async flow — that acquires a lock it already holds gets an
/// <see cref="InvalidOperationException"/> instead of waiting for itself forever; this holds across
/// factory instances (see <see cref="ProcessLockTable"/>). A lock counts as the caller's in the flow
/// that called <see cref="Acquire"/> and in flows it starts while holding it (they inherit its
/// execution context), so a task started under a lock must not take that same lock; a lock returned
/// out of an async method is not tracked in its caller, where re-acquiring waits like any contender.
/// Never open lock files with .NET file APIs: on Unix they take a flock of their own (see <see cref="LibC"/>).
/// Instances are thread-safe.
/// </remarks>
public sealed class FileLockFactory
{
    /// <summary>The directory under the data home that holds lock files.</summary>
    public const string LocksDirectoryName = "locks";

    /// <summary>The suffix of lock file names.</summary>
    public const string FileSuffix = ".lock";

    // Poll backoff while another process holds the lock: doubling from 50 µs, capped at 1 ms for
    // the first 100 ms of a wait, then at 5 ms. Measured on the project's loaded 2-core machine:
    // nanosleep(50 µs) returns after ~0.13 ms, nanosleep(5 ms) after ~5.2 ms; 4 processes locking
    // in a tight loop with 100 µs holds managed 1.7–1.9k lock/unlock/s with a 1 ms cap but 0.4–1.1k/s
    // with a 5 ms cap (Python's blocking flock: ~3.5k/s; no hold at all: ~9k/s). The longer cap
    // after 100 ms keeps long waits from hammering the lock manager with one request per
    // millisecond per waiter (each attempt is an RPC on NFS) while bounding the oversleep.
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMicroseconds(50);
    private static readonly TimeSpan ShortWaitMaxBackoff = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongWaitMaxBackoff = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongWait = TimeSpan.FromMilliseconds(100);

    // Waits for another thread of this process are wakeups, not polls; this only bounds how often
    // the timeout and reports are checked.
    private static readonly TimeSpan MaxTurnSlice = TimeSpan.FromSeconds(1);

    // Keeps every record well under the size LockFile reads back.
    private const int MaxPurposeLength = 1000;

    private readonly TimeProvider _time;
    private readonly string _host;
    private readonly string _defaultPurpose;

    // realpath of LocksDirectory, computed once it exists; a benign race (every thread computes the same string).
    private string? _canonicalLocksDirectory;

    /// <summary>Creates a factory for the data home <paramref name="root"/> (the locks directory is created on first use).</summary>
    /// <param name="root">The data home, e.g. <c>~/hyperparameters</c>.</param>
    /// <param name="timeProvider">Clock for timeouts, wait reports and the recorded times; the system clock by default.</param>
    public FileLockFactory(string root, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!LibC.IsSupported)
        {
            throw new PlatformNotSupportedException("named locks use flock(2) and need Linux or macOS");
        }

        Root = Path.GetFullPath(root);
        LocksDirectory = Path.Combine(Root, LocksDirectoryName);
        _time = timeProvider ?? TimeProvider.System;
        _host = Environment.MachineName;
        _defaultPurpose = Path.GetFileNameWithoutExtension(Environment.ProcessPath) ?? string.Empty;
    }

    /// <summary>The data home (absolute).</summary>
    public string Root { get; }

    /// <summary>The directory of lock files, <c>ROOT/locks</c>.</summary>
    public string LocksDirectory { get; }

    /// <summary>The lock file of <paramref name="name"/>; throws <see cref="ArgumentException"/> for an invalid name.</summary>
    public string PathOf(string name)
    {
        LockName.Validate(name, nameof(name));
        return Path.Combine(LocksDirectory, name + FileSuffix);
    }

    /// <summary>Acquires the lock, waiting up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: forever; zero: one attempt).</summary>
    /// <param name="name">The lock name, e.g. <c>slurm:my_session</c>.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="purpose">Free text recorded in the lock file for listings (cut at 1000 characters); the program name by default.</param>
    /// <param name="progress">Receives reports once the wait exceeds 0.1 s.</param>
    /// <param name="cancellationToken">Cancels the wait (<see cref="OperationCanceledException"/>).</param>
    /// <exception cref="LockTimeoutException">The lock was not acquired in time.</exception>
    /// <exception cref="InvalidOperationException">The caller already holds this lock.</exception>
    public FileLock Acquire(string name, TimeSpan timeout, string? purpose = null, IProgress<LockWaitReport>? progress = null, CancellationToken cancellationToken = default) =>
        AcquireCore(name, timeout, purpose, progress, cancellationToken, throwOnTimeout: true)!;

    /// <summary>Acquires the lock as <see cref="Acquire"/> does, but returns false instead of throwing when <paramref name="timeout"/> passes.</summary>
    public bool TryAcquire(string name, TimeSpan timeout, [NotNullWhen(true)] out FileLock? fileLock, string? purpose = null, IProgress<LockWaitReport>? progress = null, CancellationToken cancellationToken = default)
    {
        fileLock = AcquireCore(name, timeout, purpose, progress, cancellationToken, throwOnTimeout: false);
        return fileLock is not null;
    }

    /// <summary>Whether the current caller (this thread, or this async flow) holds the lock, as the original's <c>have_lock</c>.</summary>
    public bool IsHeldByCaller(string name)
    {
        LockName.Validate(name, nameof(name));
        return KeyOf(name, create: false) is { } key && ProcessLockTable.HeldByCaller(key) is not null;
    }

    /// <summary>The state of one lock and its file's last holder record; never creates the file and never disturbs a holder.</summary>
    public LockStatus Inspect(string name)
    {
        var path = PathOf(name);
        return KeyOf(name, create: false) is { } key ? Probe(name, path, key) : new LockStatus(name, path, LockState.Free, null);
    }

    /// <summary>Every lock file under <see cref="LocksDirectory"/> (valid names only, sorted by name) with its state and last holder record.</summary>
    public IReadOnlyList<LockStatus> List()
    {
        if (!Directory.Exists(LocksDirectory))
        {
            return [];
        }

        var found = new List<LockStatus>();
        foreach (var file in Directory.EnumerateFiles(LocksDirectory, "*" + FileSuffix))
        {
            var fileName = Path.GetFileName(file);
            var name = fileName[..^FileSuffix.Length];
            if (LockName.IsValid(name, out _) && KeyOf(name, create: false) is { } key)
            {
                found.Add(Probe(name, file, key));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    private FileLock? AcquireCore(string name, TimeSpan timeout, string? purpose, IProgress<LockWaitReport>? progress, CancellationToken cancellationToken, bool throwOnTimeout)
    {
        var path = PathOf(name);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a lock timeout must be zero or more, or Timeout.InfiniteTimeSpan");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var start = _time.GetTimestamp();
        var key = KeyOf(name, create: true)!;
        if (ProcessLockTable.HeldByCaller(key) is { } held)
        {
            throw new InvalidOperationException(
                $"lock {LockName.Quote(name)} ({path}) is already held by this caller since {held.Holder.Acquired:O}: "
                + "locks do not nest, and taking it again would wait for ourselves forever");
        }

        var wait = new LockWait(name, timeout, progress, _time, start);
        var gate = ProcessLockTable.Enter(key);
        var hasTurn = false;
        var fd = -1;
        FileLock? acquired = null;
        try
        {
            // First our own turn among this process's threads, without touching the file (see ProcessLockTable).
            while (!(hasTurn = gate.Turn.Wait(wait.Slice(wait.Elapsed, MaxTurnSlice), cancellationToken)))
            {
                var elapsed = wait.Elapsed;
                wait.Saw(gate.Holder?.Holder, heldHere: true);
                if (wait.IsExpired(elapsed))
                {
                    return throwOnTimeout ? throw wait.TimedOut(elapsed) : null;
                }

                if (wait.IsReportDue(elapsed))
                {
                    wait.Report(elapsed);
                }
            }

            // Then the file. The uncontended path is one open and one flock, with no sleep.
            fd = LockFile.OpenOrCreate(path);
            var backoff = FirstBackoff;
            while (!LockFile.TryLock(fd, path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var elapsed = wait.Elapsed;
                var expired = wait.IsExpired(elapsed);
                var reportDue = wait.IsReportDue(elapsed);
                if (expired || reportDue)
                {
                    // pread on our own descriptor: opening a second one could, on NFS, cost a lock (see ProcessLockTable).
                    wait.Saw(LockFile.ReadRecord(fd), heldHere: false);
                }

                if (expired)
                {
                    return throwOnTimeout ? throw wait.TimedOut(elapsed) : null;
                }

                if (reportDue)
                {
                    wait.Report(elapsed);
                }

                LibC.Sleep(wait.Slice(elapsed, backoff));
                var cap = elapsed < LongWait ? ShortWaitMaxBackoff : LongWaitMaxBackoff;
                backoff = backoff * 2 < cap ? backoff * 2 : cap;
            }

            wait.ReportAcquired();
            purpose ??= _defaultPurpose;
            if (purpose.Length > MaxPurposeLength)
            {
                purpose = string.Concat(purpose.AsSpan(0, MaxPurposeLength), "…");
            }

            var record = new LockHolder(Environment.ProcessId, _host, _time.GetUtcNow(), purpose);
            _ = LockFile.TryWriteRecord(fd, record);
            acquired = new FileLock(name, path, key, fd, gate, record, _time);
            gate.Holder = acquired;
            ProcessLockTable.AddToCaller(acquired);
            return acquired;
        }
        finally
        {
            if (acquired is null)
            {
                if (fd >= 0)
                {
                    _ = LibC.Close(fd);
                }

                if (hasTurn)
                {
                    gate.Turn.Release();
                }

                ProcessLockTable.Exit(key, gate);
            }
        }
    }

    private LockStatus Probe(string name, string path, string key)
    {
        if (!ProcessLockTable.TryEnterIdle(key, out var gate, out var busyHolder))
        {
            // A thread of ours holds it or is taking it: report from memory, and do not open the file.
            return busyHolder is null
                ? new LockStatus(name, path, LockState.Held, null)
                : new LockStatus(name, path, LockState.HeldByThisProcess, busyHolder.Holder);
        }

        try
        {
            var fd = LockFile.OpenExisting(path, out var errno);
            if (fd < 0)
            {
                return new LockStatus(name, path, errno == LibC.ENoEnt ? LockState.Free : LockState.Unknown, null);
            }

            try
            {
                return new LockStatus(name, path, LockFile.Probe(fd), LockFile.ReadRecord(fd));
            }
            finally
            {
                _ = LibC.Close(fd);
            }
        }
        finally
        {
            gate!.Turn.Release();
            ProcessLockTable.Exit(key, gate);
        }
    }

    /// <summary>The process-wide identity of a lock file: its canonical path; null if the locks directory does not exist and <paramref name="create"/> is false.</summary>
    private string? KeyOf(string name, bool create)
    {
        var directory = _canonicalLocksDirectory;
        if (directory is null)
        {
            if (create)
            {
                _ = Directory.CreateDirectory(LocksDirectory);
            }

            directory = LibC.CanonicalPath(LocksDirectory);
            if (directory is null)
            {
                if (create)
                {
                    throw new IOException($"cannot resolve the locks directory {LocksDirectory}");
                }

                return null;
            }

            _canonicalLocksDirectory = directory;
        }

        return directory + "/" + name + FileSuffix;
    }
}
