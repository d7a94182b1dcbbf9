using SlurmSearch.TestUtilities;

namespace SlurmSearch.Locking.Tests;

/// <summary>Our lock and the original Python tool's (<c>open(path, "w")</c> + <c>fcntl.flock(LOCK_EX)</c>) exclude each other.</summary>
public sealed class PythonInteropTests : IDisposable
{
    private const string TryLockScript = """
        import fcntl, sys
        f = open(sys.argv[1], "w")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            print("acquired")
        except BlockingIOError:
            print("blocked")
        """;

    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    /// <summary>A factory whose locks directory exists: the Python tool requires it (it does not create it).</summary>
    private FileLockFactory NewFactory()
    {
        var factory = new FileLockFactory(_home.Path);
        Directory.CreateDirectory(factory.LocksDirectory);
        return factory;
    }

    [Fact]
    public async Task Acquire_PythonHoldsLock_TimesOutThenSucceedsAfterPythonReleases()
    {
        var factory = NewFactory();
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:py"));

        Assert.False(factory.TryAcquire("slurm:py", TimeSpan.FromMilliseconds(30), out var none));
        Assert.Null(none);
        var error = Assert.Throws<LockTimeoutException>(() => factory.Acquire("slurm:py", TimeSpan.FromMilliseconds(30)));
        Assert.Equal("slurm:py", error.Name);
        Assert.Contains("lock 'slurm:py' not acquired after", error.Message, StringComparison.Ordinal);
        Assert.Contains("the Python tool writes none", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Holder);
        Assert.False(error.HeldByThisProcess);
        Assert.True(error.Waited >= TimeSpan.FromMilliseconds(30));
        Assert.Equal(4, error.ExitCode);
        Assert.Equal(LockState.Held, factory.Inspect("slurm:py").State);

        await python.ReleaseAsync();

        using var held = factory.Acquire("slurm:py", TimeSpan.FromSeconds(10));
        Assert.False(held.IsReleased);
    }

    [Fact]
    public void Acquire_WeHoldLock_PythonNonBlockingAttemptFailsUntilWeRelease()
    {
        var factory = NewFactory();
        var held = factory.Acquire("slurm:ours", TimeSpan.Zero);

        Assert.Equal("blocked\n", Python.Check(TryLockScript, [held.Path]));

        held.Dispose();

        Assert.Equal("acquired\n", Python.Check(TryLockScript, [held.Path]));
    }

    [Fact]
    public async Task Dispose_PythonBlockedInLockEx_PythonGetsTheLock()
    {
        var factory = NewFactory();
        var held = factory.Acquire("slurm:handoff", TimeSpan.Zero);
        using var python = PythonLockHolder.Start(held.Path);
        var locked = python.WaitUntilLockedAsync();

        Assert.Equal("blocked\n", Python.Check(TryLockScript, [held.Path]));
        Assert.False(locked.IsCompleted);

        held.Dispose();

        await locked;
        Assert.Equal(LockState.Held, factory.Inspect("slurm:handoff").State);
    }

    [Fact]
    public async Task Acquire_HolderKilledWithSigkill_LockIsFree()
    {
        var factory = NewFactory();
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:killed"));
        Assert.False(factory.TryAcquire("slurm:killed", TimeSpan.Zero, out _));

        await python.KillAsync();

        using var held = factory.Acquire("slurm:killed", TimeSpan.FromSeconds(10));
        Assert.Equal(Environment.ProcessId, held.Holder.Pid);
    }

    [Fact]
    public async Task Acquire_PythonHoldsLongerThanATenthOfASecond_ReportsTheWaitAndTheAcquisition()
    {
        var factory = NewFactory();
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:slow"));
        var reports = new ReportRecorder();

        var contender = Task.Run(() => factory.Acquire("slurm:slow", TimeSpan.FromSeconds(60), progress: reports));
        var waiting = await reports.WaitForAsync(r => !r.Acquired);

        Assert.Equal("slurm:slow", waiting.Name);
        Assert.False(waiting.HeldByThisProcess);
        Assert.Null(waiting.Holder);
        Assert.True(waiting.Waited >= TimeSpan.FromMilliseconds(100));
        Assert.False(contender.IsCompleted);

        await python.ReleaseAsync();

        using var held = await contender.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(reports.Reports, r => r.Acquired);
    }

    [Fact]
    public async Task Acquire_CancelledWhilePythonHolds_ThrowsAndDoesNotTakeTheLock()
    {
        var factory = NewFactory();
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:cancelpy"));
        using var cancel = new CancellationTokenSource();
        var reports = new ReportRecorder { OnReport = _ => cancel.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Task.Run(() => factory.Acquire("slurm:cancelpy", Timeout.InfiniteTimeSpan, progress: reports, cancellationToken: cancel.Token)));

        Assert.False(factory.IsHeldByCaller("slurm:cancelpy"));
        await python.ReleaseAsync();

        // No descriptor of the cancelled attempt lingers holding or waiting for the lock.
        Assert.Equal(LockState.Free, factory.Inspect("slurm:cancelpy").State);
    }

    [Fact]
    public async Task Acquire_PythonHoldsAfterOurRecord_TimeoutNamesTheLastRecordedHolder()
    {
        var factory = NewFactory();
        factory.Acquire("slurm:stale", TimeSpan.Zero, purpose: "earlier update").Dispose();

        // Mode "a" keeps our record in the file, as a Python reader that does not truncate would.
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:stale"), mode: "a");
        var error = await Assert.ThrowsAsync<LockTimeoutException>(() => Task.Run(() => factory.Acquire("slurm:stale", TimeSpan.Zero)));

        Assert.Equal("earlier update", error.Holder?.Purpose);
        Assert.NotNull(error.Holder?.Released);
        Assert.Contains("a process that left no record (last recorded holder: pid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_PythonProcessesAndDotnetThreadsIncrementACounter_CountIsExact()
    {
        const int PythonProcesses = 3;
        const int DotnetThreads = 2;
        const int Rounds = 150;
        const string IncrementScript = """
            import fcntl, sys
            lock_path, counter_path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
            for _ in range(rounds):
                with open(lock_path, "w") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    with open(counter_path) as f:
                        value = int(f.read())
                    with open(counter_path, "w") as f:
                        f.write(str(value + 1))
            """;
        var counter = _home.Combine("counter.txt");
        await File.WriteAllTextAsync(counter, "0");
        var lockPath = NewFactory().PathOf("exp:counter");

        var python = Enumerable.Range(0, PythonProcesses).Select(_ => Task.Run(() =>
            Python.Check(IncrementScript, [lockPath, counter, Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture)])));
        var dotnet = Enumerable.Range(0, DotnetThreads).Select(_ => Task.Run(() =>
        {
            var factory = NewFactory();
            for (var i = 0; i < Rounds; i++)
            {
                using var held = factory.Acquire("exp:counter", TimeSpan.FromSeconds(60));
                var value = int.Parse(File.ReadAllText(counter), System.Globalization.CultureInfo.InvariantCulture);
                File.WriteAllText(counter, (value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return string.Empty;
        }));

        await Task.WhenAll(python.Concat(dotnet)).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal((PythonProcesses + DotnetThreads) * Rounds, int.Parse(await File.ReadAllTextAsync(counter), System.Globalization.CultureInfo.InvariantCulture));
    }
}
