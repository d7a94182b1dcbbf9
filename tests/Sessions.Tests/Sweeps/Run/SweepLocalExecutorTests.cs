using System.Collections.Concurrent;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sweeps.Run;

public sealed class SweepLocalExecutorTests : IDisposable
{
    private readonly TempDirectory _root = new("ssearch-sweep-local");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task RunAsync_FourGpusTwoPerGpuEightParallel_PacksAtMostTwoRunsPerGpuAndRunsEightAtOnce()
    {
        // Each run takes one of its GPU's two slots (mkdir is atomic), then waits until its whole wave of 8 has started:
        // the waves can only complete if 8 runs really run at once, and a third run on one GPU would find no slot.
        var marks = Directory.CreateDirectory(_root.Combine("marks")).FullName;
        var script = SweepPlans.Script(_root.Path, "run.sh", $$"""
            i=$1; d={{marks}}; g=$CUDA_VISIBLE_DEVICES
            echo "$g" > $d/gpu_$i
            s=
            if mkdir $d/slot_${g}_a 2>/dev/null; then s=a; elif mkdir $d/slot_${g}_b 2>/dev/null; then s=b; else touch $d/overbooked_$i; fi
            touch $d/started_$i
            need=$(( (i / 8 + 1) * 8 ))
            n=0
            while [ $(ls $d | grep -c '^started_') -lt $need ]; do sleep 0.05; n=$((n+1)); if [ $n -gt 1200 ]; then touch $d/barrier_timeout_$i; break; fi; done
            [ -n "$s" ] && rmdir $d/slot_${g}_$s
            exit 0
            """);
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var plan = SweepPlans.Of(_root.Path, [.. Enumerable.Range(0, 16).Select(i => $"{script} {i}")], new SweepLaunchOptions { MaxParallel = 8, NumGpus = 4, ExperimentsPerGpu = 2 });
        var session = SweepSession.Create(store, StateKey.Of("sweep", "packing"), plan);

        var report = await new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);

        Assert.Equal(16, report.Succeeded);
        Assert.Empty(Directory.GetFiles(marks, "overbooked_*"));
        Assert.Empty(Directory.GetFiles(marks, "barrier_timeout_*"));
        var gpus = Enumerable.Range(0, 16).Select(i => File.ReadAllText(Path.Combine(marks, $"gpu_{i}")).Trim()).ToList();
        Assert.Equal(["0", "1", "2", "3"], gpus.Distinct().Order());

        // The first wave is one run per worker: each GPU got exactly two of runs 0..7.
        Assert.All(gpus.Take(8).GroupBy(g => g), g => Assert.Equal(2, g.Count()));
        Assert.Equal(SessionStatus.Complete, session.Session.View().Status);
    }

    [Fact]
    public async Task RunAsync_ExperimentsPerGpuMinusOne_LeavesCudaVisibleDevicesUnset()
    {
        var script = SweepPlans.Script(_root.Path, "env.sh", "echo \"${CUDA_VISIBLE_DEVICES-unset}\" > \"$1\"\n");
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var plan = SweepPlans.Of(_root.Path, [$"{script} {_root.Combine("a")}", $"{script} {_root.Combine("b")}"], new SweepLaunchOptions { MaxParallel = 2, NumGpus = 4, ExperimentsPerGpu = -1 });
        var session = SweepSession.Create(store, StateKey.Of("sweep", "nogpu"), plan);

        await new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);

        Assert.Equal("unset", File.ReadAllText(_root.Combine("a")).Trim());
        Assert.Equal("unset", File.ReadAllText(_root.Combine("b")).Trim());
    }

    [Fact]
    public async Task RunAsync_PinnedDevicesPerRun_GiveEachRunItsDevices()
    {
        var script = SweepPlans.Script(_root.Path, "env.sh", "echo \"$CUDA_VISIBLE_DEVICES\" > \"$1\"\n");
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var plan = SweepPlans.Of(
            _root.Path,
            [.. Enumerable.Range(0, 3).Select(i => $"{script} {_root.Combine($"cd_{i}")}")],
            new SweepLaunchOptions { MaxParallel = 3, NumGpus = 1, ExperimentsPerGpu = 1, Devices = ["0,1", "2", "3"] });
        var session = SweepSession.Create(store, StateKey.Of("sweep", "pinned"), plan);

        await new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);

        Assert.Equal(["0,1", "2", "3"], Enumerable.Range(0, 3).Select(i => File.ReadAllText(_root.Combine($"cd_{i}")).Trim()));
    }

    [Fact]
    public async Task RunAsync_RunSingle_RunsOneAtATimeInLaunchOrder()
    {
        var log = _root.Combine("order.log");
        var script = SweepPlans.Script(_root.Path, "seq.sh", $$"""
            mkdir {{_root.Combine("busy")}} || echo overlap >> {{log}}
            echo "$1" >> {{log}}
            rmdir {{_root.Combine("busy")}}
            """);
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var plan = SweepPlans.Of(_root.Path, [.. Enumerable.Range(0, 6).Select(i => $"{script} {i}")], new SweepLaunchOptions { MaxParallel = 4, RunSingle = true });
        var session = SweepSession.Create(store, StateKey.Of("sweep", "single"), plan);

        await new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);

        Assert.Equal(["0", "1", "2", "3", "4", "5"], File.ReadAllLines(log));
    }

    [Fact]
    public async Task RunAsync_PauseBetween_WaitsTheFullPauseBeforeEveryStartButTheFirst()
    {
        var pauses = new ConcurrentQueue<TimeSpan>();
        var script = SweepPlans.Script(_root.Path, "p.sh", "exit 0\n");
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var plan = SweepPlans.Of(_root.Path, [script, script, script, script], new SweepLaunchOptions { MaxParallel = 2, PauseBetween = TimeSpan.FromSeconds(10) });
        var clock = new FakeClock();
        var session = SweepSession.Create(store, StateKey.Of("sweep", "pause"), plan, clock);
        var request = new SweepRunnerRequest
        {
            // The clock never moves, so every start but the first must wait the whole pause.
            PauseDelay = (wait, _) =>
            {
                pauses.Enqueue(wait);
                return Task.CompletedTask;
            },
        };

        var report = await new SweepLocalExecutor(clock).RunAsync(session, request, CancellationToken.None);

        Assert.Equal(4, report.Succeeded);
        Assert.Equal(3, pauses.Count);
        Assert.All(pauses, p => Assert.Equal(TimeSpan.FromSeconds(10), p));
    }

    [Fact]
    public async Task RunAsync_RunDirectoriesLogsResultsAndEnvironment_AreRecordedPerRun()
    {
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var plan = SweepPlans.Of(_root.Path,
        [
            "echo hello; echo oops >&2; echo \"$WANDB_NAME $WANDB_RUN_GROUP\" > name.txt; test -d \"$(dirname $SSEARCH_RESULT)/../checkpoints\"",
            "echo '{\"loss\": 0.25, \"acc\": 0.9}' > \"$SSEARCH_RESULT\"",
            "echo warming up; echo '{\"reward\": 7}'",
            "echo broken >&2; exit 3",
        ]);
        var session = SweepSession.Create(store, StateKey.Of("sweep", "results"), plan);

        await new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);

        var runs = session.Runs();
        Assert.Equal(
            [SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Failed],
            runs.Select(r => r.Status));
        Assert.Equal([0, 0, 0, 3], runs.Select(r => r.ExitCode));
        Assert.All(runs, r => Assert.True(Directory.Exists(r.Run.CheckpointsDirectory)));
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(runs[0].Run.LogsDirectory, "stdout.log")));
        Assert.Equal("oops\n", File.ReadAllText(Path.Combine(runs[0].Run.LogsDirectory, "stderr.log")));
        Assert.Equal("test_sweep_0 G1234abcd", File.ReadAllText(_root.Combine("name.txt")).Trim());
        Assert.Equal(0.25, session.Session.View().Trials[1].Loss);
        Assert.Equal(0.9, runs[1].Result["acc"]);
        Assert.Equal(7L, runs[2].Result["reward"]);
        Assert.StartsWith("exit code 3: broken", runs[3].Error, StringComparison.Ordinal);
        Assert.All(runs, r => Assert.NotNull(r.Duration));
        Assert.Equal(SessionStatus.Complete, session.Session.View().Status);
    }

    [Fact]
    public void Slots_MoreParallelismThanGpusAllow_IsAnErrorNamingTheNumbers()
    {
        var e = Assert.Throws<SessionException>(() => SweepLocalExecutor.Slots(new SweepLaunchOptions { MaxParallel = 9, NumGpus = 4, ExperimentsPerGpu = 2 }));

        Assert.Contains("--max-parallel 9", e.Message, StringComparison.Ordinal);
        Assert.Contains("= 8", e.Message, StringComparison.Ordinal);
    }
}
