using System.Text.Json;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests.Sweeps;

/// <summary><c>ssearch restart/stop/show/list</c> on local sweeps.</summary>
public sealed class SweepLifecycleTests : IDisposable
{
    private readonly SweepFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Restart_FailedKilledAndInterruptedRuns_RerunsExactlyThose()
    {
        // Every execution appends a line to marks/count_<i>; the first attempt of run 1 and 4 exits 1, of run 2 and 5
        // blocks (run 2 is then SIGKILLed by process group, run 5 interrupted by stopping the executor).
        var marks = _fixture.Marks;
        var command = _fixture.Script("run.sh", $$"""
            i=$1
            echo x >> {{marks}}/count_$i
            n=$(wc -l < {{marks}}/count_$i)
            if [ "$n" -eq 1 ]; then
              case $i in
                1|4) echo "first attempt fails" >&2; exit 1 ;;
                2|5) touch {{marks}}/blocking_$i; while :; do sleep 0.2; done ;;
              esac
            fi
            echo "{\"attempt\": $n}"
            """);
        using var store = _fixture.OpenStore();
        var key = StateKey.Of("sweep", "restartme");
        var session = SweepSession.Create(store, key, _fixture.Plan([.. Enumerable.Range(0, 6).Select(i => $"{command} {i}")], new SweepLaunchOptions { MaxParallel = 6 }));
        using var stop = new CancellationTokenSource();
        var first = new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), stop.Token);
        Poll.Until(() => File.Exists(Path.Combine(marks, "blocking_2")) && File.Exists(Path.Combine(marks, "blocking_5")), TimeSpan.FromSeconds(60), "runs 2 and 5 to block");
        var group = Poll.Until(() => session.LocalProcesses(), p => p.ContainsKey(2), TimeSpan.FromSeconds(30), "run 2's process group")[2].ProcessGroup;
        Poll.Until(() => session.Runs().Count(r => r.Status is SweepSessionRunStatus.Succeeded or SweepSessionRunStatus.Failed) == 4, TimeSpan.FromSeconds(60), "runs 0, 1, 3 and 4 to finish");

        Assert.Equal(0, Python.Run($"import os, signal; os.killpg({group}, signal.SIGKILL)").ExitCode);
        Poll.Until(() => session.Runs()[2].Status == SweepSessionRunStatus.Failed, TimeSpan.FromSeconds(30), "run 2 to be recorded as killed");
        await stop.CancelAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(60));

        var before = session.Runs();
        Assert.Equal(
            [SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Failed, SweepSessionRunStatus.Failed, SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Failed, SweepSessionRunStatus.Pending],
            before.Select(r => r.Status));
        Assert.Equal(137, before[2].ExitCode);
        Assert.StartsWith("killed by signal 9", before[2].Error, StringComparison.Ordinal);
        Assert.Equal(1, before[4].ExitCode);

        var restart = CliRunner.Run("--home", _fixture.Home, "restart", "sweep:restartme");

        Assert.True(restart.ExitCode == 0, restart.Stderr + restart.Stdout);
        Assert.Contains("4 failed or unfinished run(s) queued again (1, 2, 4, 5)", restart.Stdout, StringComparison.Ordinal);
        Assert.Equal([1, 2, 2, 1, 2, 2], Enumerable.Range(0, 6).Select(i => _fixture.Lines($"count_{i}")));
        var after = new SweepSession(store, key).Runs();
        Assert.All(after, r => Assert.Equal(SweepSessionRunStatus.Succeeded, r.Status));
        Assert.Equal([1L, 2L, 2L, 1L, 2L, 2L], after.Select(r => r.Result["attempt"]));
        Assert.Equal(SessionStatus.Complete, new SearchSession(store, key).View().Status);
    }

    [Fact]
    public async Task Show_Sweep_ListsRunsWithNameStatusExitCodeDurationAndDirectory()
    {
        using var store = _fixture.OpenStore();
        var key = StateKey.Of("sweep", "showme");
        var session = SweepSession.Create(store, key, _fixture.Plan(["true", "exit 4", "true"], new SweepLaunchOptions { MaxParallel = 1 }));
        await new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);

        var table = CliRunner.Run("--home", _fixture.Home, "show", "sweep:showme");
        var json = CliRunner.Run("--home", _fixture.Home, "show", "sweep:showme", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2 succeeded, 1 failed", table.Stdout, StringComparison.Ordinal);
        var lines = table.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("clitest_sweep_1", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal)
            && l.Contains(" 4 ", StringComparison.Ordinal) && l.Contains(_fixture.Root, StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json.Stdout);
        var runs = document.RootElement.GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        Assert.Equal("failed", runs[1].GetProperty("status").GetString());
        Assert.Equal(4, runs[1].GetProperty("exit_code").GetInt32());
        Assert.Equal(0, runs[0].GetProperty("exit_code").GetInt32());
        Assert.True(runs[0].GetProperty("duration").GetDouble() >= 0);
        Assert.Equal(Path.Combine(_fixture.Root, "train", "clitest_sweep_2"), runs[2].GetProperty("directory").GetString());
        Assert.Equal("complete", document.RootElement.GetProperty("status").GetString());

        var list = CliRunner.Run("--home", _fixture.Home, "list", "sweep", "--all", "--json");
        using var listed = JsonDocument.Parse(list.Stdout);
        var row = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal("showme", row.GetProperty("session_name").GetString());
        Assert.Equal(3, row.GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task Stop_RunningLocalSweep_EndsTheRunsProcessGroupsAndMarksThemStopped()
    {
        var marks = _fixture.Marks;
        var command = _fixture.Script("block.sh", $"sleep 300 & echo $! > {marks}/child_$1; touch {marks}/up_$1; wait\n");
        using var store = _fixture.OpenStore();
        var key = StateKey.Of("sweep", "stopme");
        var session = SweepSession.Create(store, key, _fixture.Plan([$"{command} 0", $"{command} 1", $"{command} 2"], new SweepLaunchOptions { MaxParallel = 2 }));
        var running = new SweepLocalExecutor().RunAsync(session, new SweepRunnerRequest(), CancellationToken.None);
        Poll.Until(() => File.Exists(Path.Combine(marks, "up_0")) && File.Exists(Path.Combine(marks, "up_1")), TimeSpan.FromSeconds(60), "two runs to start");
        Poll.Until(() => session.LocalProcesses().Count == 2, TimeSpan.FromSeconds(30), "both process groups to be registered");

        var stop = CliRunner.Run("--home", _fixture.Home, "stop", "sweep:stopme");

        Assert.True(stop.ExitCode == 0, stop.Stderr);
        Assert.Contains("stopped run(s) 0, 1 of sweep:stopme", stop.Stdout, StringComparison.Ordinal);
        await running.WaitAsync(TimeSpan.FromSeconds(60));
        var runs = session.Runs();
        Assert.Equal([SweepSessionRunStatus.Stopped, SweepSessionRunStatus.Stopped, SweepSessionRunStatus.Pending], runs.Select(r => r.Status));
        foreach (var i in new[] { 0, 1 })
        {
            var child = File.ReadAllText(Path.Combine(marks, $"child_{i}")).Trim();
            Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal), $"the run's child {child} outlived the stop");
        }

        Assert.Equal(SessionStatus.Disabled, new SearchSession(store, key).View().Status);
    }
}
