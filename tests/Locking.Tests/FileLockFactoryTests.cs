using SlurmSearch.TestUtilities;

namespace SlurmSearch.Locking.Tests;

public sealed class FileLockFactoryTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Acquire_MissingLocksDirectory_CreatesItAndTheLockFile()
    {
        var factory = new FileLockFactory(_home.Path);
        Assert.False(Directory.Exists(factory.LocksDirectory));

        using var held = factory.Acquire("slurm:s1", TimeSpan.Zero);

        Assert.Equal(Path.Combine(_home.Path, "locks", "slurm:s1.lock"), held.Path);
        Assert.True(File.Exists(held.Path));
        Assert.Equal("slurm:s1", held.Name);
        Assert.False(held.IsReleased);
    }

    [Fact]
    public void Acquire_Uncontended_RecordsHolderInTheFile()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 123, 456, TimeSpan.Zero));
        var factory = new FileLockFactory(_home.Path, clock);

        using var held = factory.Acquire("search:rec", TimeSpan.FromSeconds(5), purpose: "claim trial 7");

        Assert.Equal(new LockHolder(Environment.ProcessId, Environment.MachineName, clock.GetUtcNow(), "claim trial 7"), held.Holder);

        // Python reads the record without flock (a .NET File.ReadAllText would take flock(LOCK_SH) and fail).
        var fields = Python.Check(
            "import json, sys; d = json.load(open(sys.argv[1])); print(d['pid'], d['host'], d['acquired'], d['purpose'], d['released'], sep='|')",
            [held.Path]).TrimEnd('\n');
        Assert.Equal($"{Environment.ProcessId}|{Environment.MachineName}|2026-03-04T05:06:07.123456Z|claim trial 7|None", fields);
    }

    [Fact]
    public void Acquire_NoPurpose_RecordsTheProgramName()
    {
        var factory = new FileLockFactory(_home.Path);
        using var held = factory.Acquire("a", TimeSpan.Zero);
        Assert.Equal(Path.GetFileNameWithoutExtension(Environment.ProcessPath), held.Holder.Purpose);
    }

    [Fact]
    public void Dispose_Twice_ReleasesOnceAndRecordsTheReleaseTime()
    {
        var clock = new FakeClock();
        var factory = new FileLockFactory(_home.Path, clock);
        var held = factory.Acquire("slurm:twice", TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(3));

        held.Dispose();
        held.Dispose();

        Assert.True(held.IsReleased);
        var status = factory.Inspect("slurm:twice");
        Assert.Equal(LockState.Free, status.State);
        Assert.Equal(held.Holder with { Released = clock.GetUtcNow() }, status.LastHolder);
        using var again = factory.Acquire("slurm:twice", TimeSpan.Zero);
        Assert.False(again.IsReleased);
    }

    [Fact]
    public async Task DisposeAsync_AwaitUsing_Releases()
    {
        var factory = new FileLockFactory(_home.Path);
        FileLock captured;
        await using (var held = factory.Acquire("exp:async", TimeSpan.Zero))
        {
            captured = held;
            Assert.Equal(LockState.HeldByThisProcess, factory.Inspect("exp:async").State);
        }

        Assert.True(captured.IsReleased);
        Assert.Equal(LockState.Free, factory.Inspect("exp:async").State);
    }

    [Fact]
    public void Acquire_AlreadyHeldByCaller_ThrowsInsteadOfWaiting()
    {
        var factory = new FileLockFactory(_home.Path);
        using var held = factory.Acquire("slurm:nested", TimeSpan.Zero);

        var error = Assert.Throws<InvalidOperationException>(() => factory.Acquire("slurm:nested", Timeout.InfiniteTimeSpan));

        Assert.Contains("'slurm:nested'", error.Message, StringComparison.Ordinal);
        Assert.Contains("already held", error.Message, StringComparison.Ordinal);
        Assert.False(held.IsReleased);
    }

    [Fact]
    public void Acquire_AlreadyHeldThroughAnotherFactoryOrSymlinkedHome_Throws()
    {
        Directory.CreateDirectory(_home.Combine("real"));
        File.CreateSymbolicLink(_home.Combine("link"), _home.Combine("real"));
        var first = new FileLockFactory(_home.Combine("real"));
        using var held = first.Acquire("slurm:x", TimeSpan.Zero);

        Assert.Throws<InvalidOperationException>(() => new FileLockFactory(_home.Combine("real")).Acquire("slurm:x", TimeSpan.FromSeconds(30)));
        Assert.Throws<InvalidOperationException>(() => new FileLockFactory(_home.Combine("link")).Acquire("slurm:x", TimeSpan.FromSeconds(30)));
        Assert.True(new FileLockFactory(_home.Combine("link")).IsHeldByCaller("slurm:x"));
    }

    [Fact]
    public async Task Acquire_HeldByAnotherThread_WaitsAndReportsUntilReleased()
    {
        var factory = new FileLockFactory(_home.Path);
        var holder = await Task.Run(() => factory.Acquire("slurm:shared", TimeSpan.Zero, purpose: "other thread"));
        var reports = new ReportRecorder();

        // A second factory instance on the same home: its thread must wait, not throw.
        var contender = Task.Run(() => new FileLockFactory(_home.Path).Acquire("slurm:shared", TimeSpan.FromSeconds(60), progress: reports));
        var waiting = await reports.WaitForAsync(r => !r.Acquired);

        Assert.False(contender.IsCompleted);
        Assert.Equal("slurm:shared", waiting.Name);
        Assert.True(waiting.HeldByThisProcess);
        Assert.Equal("other thread", waiting.Holder?.Purpose);
        Assert.True(waiting.Waited >= TimeSpan.FromMilliseconds(100));

        holder.Dispose();
        using var acquired = await contender.WaitAsync(TimeSpan.FromSeconds(30));
        var last = Assert.Single(reports.Reports, r => r.Acquired);
        Assert.True(last.Waited >= waiting.Waited);
    }

    [Fact]
    public async Task TryAcquire_HeldByAnotherThread_ReturnsFalseAfterTimeout()
    {
        var factory = new FileLockFactory(_home.Path);
        using var holder = await Task.Run(() => factory.Acquire("slurm:busy", TimeSpan.Zero, purpose: "long update"));

        var taken = await Task.Run(() => factory.TryAcquire("slurm:busy", TimeSpan.FromMilliseconds(20), out var fileLock) || fileLock is not null);
        var error = await Assert.ThrowsAsync<LockTimeoutException>(() => Task.Run(() => factory.Acquire("slurm:busy", TimeSpan.Zero)));

        Assert.False(taken);
        Assert.Equal("slurm:busy", error.Name);
        Assert.True(error.HeldByThisProcess);
        Assert.Equal("long update", error.Holder?.Purpose);
        Assert.Contains("another thread of this process", error.Message, StringComparison.Ordinal);
        Assert.False(holder.IsReleased);
    }

    [Fact]
    public async Task Acquire_CancelledWhileWaitingForAnotherThread_ThrowsAndLeavesHolderAlone()
    {
        var factory = new FileLockFactory(_home.Path);
        using var holder = await Task.Run(() => factory.Acquire("slurm:cancel", TimeSpan.Zero));
        using var cancel = new CancellationTokenSource();
        var reports = new ReportRecorder { OnReport = _ => cancel.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Task.Run(() => factory.Acquire("slurm:cancel", Timeout.InfiniteTimeSpan, progress: reports, cancellationToken: cancel.Token)));

        Assert.False(holder.IsReleased);
        Assert.Equal(LockState.HeldByThisProcess, factory.Inspect("slurm:cancel").State);
        holder.Dispose();
        using var after = factory.Acquire("slurm:cancel", TimeSpan.Zero);
    }

    [Fact]
    public void Acquire_AlreadyCancelled_ThrowsWithoutTakingTheLock()
    {
        var factory = new FileLockFactory(_home.Path);
        Assert.Throws<OperationCanceledException>(() => factory.Acquire("x", TimeSpan.Zero, cancellationToken: new CancellationToken(canceled: true)));
        Assert.False(factory.IsHeldByCaller("x"));
    }

    [Fact]
    public void Acquire_NegativeTimeout_Throws()
    {
        var factory = new FileLockFactory(_home.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => factory.Acquire("x", TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public void IsHeldByCaller_FollowsAcquireAndRelease()
    {
        var factory = new FileLockFactory(_home.Path);
        Assert.False(factory.IsHeldByCaller("slurm:h"));
        var held = factory.Acquire("slurm:h", TimeSpan.Zero);
        Assert.True(factory.IsHeldByCaller("slurm:h"));
        Assert.False(factory.IsHeldByCaller("slurm:other"));
        held.Dispose();
        Assert.False(factory.IsHeldByCaller("slurm:h"));
    }

    [Fact]
    public async Task IsHeldByCaller_AcrossAwaits_FollowsTheAsyncFlowNotTheThread()
    {
        var factory = new FileLockFactory(_home.Path);
        using var held = factory.Acquire("exp:flow", TimeSpan.Zero);
        await Task.Yield();
        Assert.True(factory.IsHeldByCaller("exp:flow"));

        // A flow that did not take it (started without our execution context) does not hold it.
        Task<bool> elsewhere;
        using (ExecutionContext.SuppressFlow())
        {
            elsewhere = Task.Run(() => factory.IsHeldByCaller("exp:flow"));
        }

        Assert.False(await elsewhere);
    }

    [Fact]
    public async Task Acquire_ManyThreadsManyFactories_MutuallyExclusive()
    {
        const int Threads = 4;
        const int Rounds = 200;
        var inside = 0;
        var maxInside = 0;
        var counter = 0;
        var workers = Enumerable.Range(0, Threads).Select(_ => Task.Run(() =>
        {
            var factory = new FileLockFactory(_home.Path);
            for (var i = 0; i < Rounds; i++)
            {
                using var held = factory.Acquire("slurm:count", TimeSpan.FromSeconds(60));
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                var read = Volatile.Read(ref counter);
                Thread.SpinWait(50);
                Volatile.Write(ref counter, read + 1);
                Interlocked.Decrement(ref inside);
            }
        }));

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Threads * Rounds, counter);
        Assert.Equal(1, maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
