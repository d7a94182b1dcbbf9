using SlurmSearch.TestUtilities;

namespace SlurmSearch.Locking.Tests;

public sealed class LockListingTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void List_NoLocksDirectory_IsEmptyAndCreatesNothing()
    {
        var factory = new FileLockFactory(_home.Path);

        Assert.Empty(factory.List());
        Assert.Equal(new LockStatus("slurm:none", factory.PathOf("slurm:none"), LockState.Free, null), factory.Inspect("slurm:none"));
        Assert.False(Directory.Exists(factory.LocksDirectory));
    }

    [Fact]
    public async Task List_MixedLocks_ReportsStateAndLastHolderOfEach()
    {
        var clock = new FakeClock();
        var factory = new FileLockFactory(_home.Path, clock);
        using var ours = factory.Acquire("slurm:ours", TimeSpan.Zero, purpose: "holding");
        factory.Acquire("slurm:released", TimeSpan.Zero, purpose: "done").Dispose();
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:python"));
        Python.Check("import sys; open(sys.argv[1], 'w').close()", [factory.PathOf("slurm:empty")]);
        await File.WriteAllTextAsync(Path.Combine(factory.LocksDirectory, "garbage.lock"), "{not json");
        await File.WriteAllTextAsync(Path.Combine(factory.LocksDirectory, ".hidden.lock"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(factory.LocksDirectory, "notes.txt"), string.Empty);

        var listed = factory.List();

        Assert.Equal(["garbage", "slurm:empty", "slurm:ours", "slurm:python", "slurm:released"], listed.Select(s => s.Name));
        Assert.All(listed, s => Assert.Equal(factory.PathOf(s.Name), s.Path));
        var byName = listed.ToDictionary(s => s.Name);
        Assert.Equal(LockState.Free, byName["garbage"].State);
        Assert.Null(byName["garbage"].LastHolder);
        Assert.Equal(LockState.Free, byName["slurm:empty"].State);
        Assert.Null(byName["slurm:empty"].LastHolder);
        Assert.Equal(LockState.HeldByThisProcess, byName["slurm:ours"].State);
        Assert.Equal(ours.Holder, byName["slurm:ours"].LastHolder);
        Assert.Equal(LockState.Held, byName["slurm:python"].State);
        Assert.Null(byName["slurm:python"].LastHolder);
        Assert.Equal(LockState.Free, byName["slurm:released"].State);
        Assert.Equal("done", byName["slurm:released"].LastHolder?.Purpose);
        Assert.Equal(clock.GetUtcNow(), byName["slurm:released"].LastHolder?.Released);
    }

    [Fact]
    public async Task Inspect_LockHeldByPython_DoesNotDisturbTheHolder()
    {
        var factory = new FileLockFactory(_home.Path);
        Directory.CreateDirectory(factory.LocksDirectory);
        using var python = await PythonLockHolder.HoldAsync(factory.PathOf("slurm:probe"));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(LockState.Held, factory.Inspect("slurm:probe").State);
        }

        Assert.False(factory.TryAcquire("slurm:probe", TimeSpan.Zero, out _));
        await python.ReleaseAsync();
        Assert.Equal(LockState.Free, factory.Inspect("slurm:probe").State);
    }

    [Fact]
    public void Inspect_FreeLock_ProbeLeavesItFree()
    {
        var factory = new FileLockFactory(_home.Path);
        factory.Acquire("slurm:free", TimeSpan.Zero).Dispose();

        Assert.Equal(LockState.Free, factory.Inspect("slurm:free").State);

        // The probe released what it took: Python can take it without waiting.
        Assert.Equal("acquired\n", Python.Check(
            "import fcntl, sys\nf = open(sys.argv[1], 'a')\ntry:\n    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('acquired')\nexcept BlockingIOError:\n    print('blocked')",
            [factory.PathOf("slurm:free")]));
    }

    [Fact]
    public void Acquire_AfterALongerRecord_LeavesOneValidRecord()
    {
        var factory = new FileLockFactory(_home.Path);
        factory.Acquire("slurm:grow", TimeSpan.Zero, purpose: new string('p', 700)).Dispose();

        using var held = factory.Acquire("slurm:grow", TimeSpan.Zero, purpose: "short");

        Assert.Equal("short", factory.Inspect("slurm:grow").LastHolder?.Purpose);
        Assert.Equal("short|256\n", Python.Check(
            "import json, os, sys; print(json.load(open(sys.argv[1]))['purpose'], os.path.getsize(sys.argv[1]), sep='|')",
            [held.Path]));
    }

    [Fact]
    public void Acquire_HugePurpose_IsCutSoTheRecordStaysReadable()
    {
        var factory = new FileLockFactory(_home.Path);
        using var held = factory.Acquire("slurm:huge", TimeSpan.Zero, purpose: new string('q', 100_000));

        Assert.Equal(1001, held.Holder.Purpose.Length);
        Assert.Equal(held.Holder, factory.Inspect("slurm:huge").LastHolder);
    }
}
