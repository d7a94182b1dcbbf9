using System.Text.Json;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests.Sweeps;

/// <summary>Sweeps as ONE array job on the real local Slurm, with real <c>ssearch sweep_task</c> tasks (this test project's ssearch.dll).</summary>
public sealed class SweepSlurmTests : IDisposable
{
    private readonly SweepFixture _fixture = new();
    private readonly SlurmClient _cleanup = new(new ProcessSlurmCommandRunner());
    private readonly List<string> _jobs = [];

    public void Dispose()
    {
        try
        {
            _cleanup.Cancel(_jobs);
        }
        catch (SearchException)
        {
            // Best effort: the test already said what went wrong.
        }

        _fixture.Dispose();
    }

    [SlurmFact]
    public async Task RunAsync_FiveRuns_OneSbatchWhoseTaskIRunsRunIAndRestartResubmitsOnlyTheFailed()
    {
        SlurmEnvironment.RequireAvailable();
        var marks = _fixture.Marks;
        var command = _fixture.Script("task.sh", $$"""
            i=$1
            echo "$SLURM_ARRAY_JOB_ID $SLURM_ARRAY_TASK_ID $WANDB_NAME" >> {{marks}}/ran_$i
            n=$(wc -l < {{marks}}/ran_$i)
            if [ "$n" -eq 1 ] && { [ "$i" = 1 ] || [ "$i" = 3 ]; }; then exit 1; fi
            exit 0
            """);
        using var store = _fixture.OpenStore();
        var plan = _fixture.Plan([.. Enumerable.Range(0, 5).Select(i => $"{command} {i}")], new SweepLaunchOptions { Backend = SweepBackend.Slurm });
        var session = SweepSession.Create(store, StateKey.Of("sweep", "array5"), plan);
        var recording = new RecordingSlurmCommandRunner(new ProcessSlurmCommandRunner());
        var request = new SweepRunnerRequest { WorkerCommand = _fixture.WorkerCommand, Slurm = new SlurmClient(recording), Wait = true, PollInterval = TimeSpan.FromMilliseconds(500) };

        var report = await new SweepRunner(store).RunAsync(session, request, CancellationToken.None);
        _jobs.Add(report.SlurmJobId!);

        var sbatch = Assert.Single(recording.Commands, c => c.Program == "sbatch");
        var script = File.ReadAllText(sbatch.Arguments[^1]);
        Assert.Contains("#SBATCH --array=0-4", script, StringComparison.Ordinal);
        var table = File.ReadAllLines(Path.Combine(session.Directory, "slurm", "tasks_0.jsonl"));
        Assert.Equal(5, table.Length);
        for (var i = 0; i < 5; i++)
        {
            var line = File.ReadAllLines(Path.Combine(marks, $"ran_{i}"));
            Assert.Equal($"{report.SlurmJobId} {i} clitest_sweep_{i}", Assert.Single(line));
            using var row = JsonDocument.Parse(table[i]);
            Assert.Equal(i, row.RootElement.GetProperty("run").GetInt32());
            Assert.Equal($"{command} {i}", row.RootElement.GetProperty("command").GetString());
        }

        var runs = session.Runs();
        Assert.Equal(
            [SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Failed, SweepSessionRunStatus.Succeeded, SweepSessionRunStatus.Failed, SweepSessionRunStatus.Succeeded],
            runs.Select(r => r.Status));
        Assert.All(runs, r => Assert.Contains($":slurm{report.SlurmJobId}_", r.Worker, StringComparison.Ordinal));
        Assert.True(_cleanup.Queue([report.SlurmJobId!]).IsIdle);

        // restart: a second array of two tasks, task 0 → run 1 and task 1 → run 3.
        var restart = CliRunner.Run("--home", _fixture.Home, "restart", "sweep:array5");
        Assert.True(restart.ExitCode == 0, restart.Stderr + restart.Stdout);
        var jobs = session.SlurmJobs();
        Assert.Equal(2, jobs.Count);
        _jobs.Add(jobs[1]);
        Assert.Contains($"submitted array job {jobs[1]}: 2 task(s)", restart.Stdout, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --array=0-1", File.ReadAllText(Path.Combine(session.Directory, "slurm", "sweep_1.sbatch")), StringComparison.Ordinal);
        Poll.Until(() => session.Runs().All(r => r.Status == SweepSessionRunStatus.Succeeded), TimeSpan.FromSeconds(120), "the restarted runs to succeed");
        Assert.Equal([1, 2, 1, 2, 1], Enumerable.Range(0, 5).Select(i => _fixture.Lines($"ran_{i}")));
        Assert.Equal($"{jobs[1]} 0 clitest_sweep_1", File.ReadAllLines(Path.Combine(marks, "ran_1"))[1]);
        Assert.Equal($"{jobs[1]} 1 clitest_sweep_3", File.ReadAllLines(Path.Combine(marks, "ran_3"))[1]);
        var history = new SweepSessionHistory(store).LatestFinishedRunDirectory("Gtest1234");
        Assert.Contains(history, new[] { 1, 3 }.Select(i => Path.Combine(_fixture.Root, "train", $"clitest_sweep_{i}")));
    }

    [SlurmFact]
    public async Task SlurmTimeout_RunStillGoing_IsStoppedAndItsTaskRequeuedAndItFinishesOnTheSecondAttempt()
    {
        SlurmEnvironment.RequireAvailable();
        var marks = _fixture.Marks;
        var command = _fixture.Script("long.sh", $$"""
            echo "${SLURM_RESTART_COUNT:-0}" >> {{marks}}/attempts
            if [ "$(wc -l < {{marks}}/attempts)" -eq 1 ]; then sleep 120; fi
            exit 0
            """);
        using var store = _fixture.OpenStore();
        var plan = _fixture.Plan([command], new SweepLaunchOptions { Backend = SweepBackend.Slurm, SlurmTimeout = TimeSpan.FromSeconds(3) });
        var session = SweepSession.Create(store, StateKey.Of("sweep", "timeout"), plan);

        var report = await new SweepRunner(store).RunAsync(session, new SweepRunnerRequest { WorkerCommand = _fixture.WorkerCommand }, CancellationToken.None);
        _jobs.Add(report.SlurmJobId!);

        Assert.Contains("#SBATCH --requeue", File.ReadAllText(Path.Combine(session.Directory, "slurm", "sweep_0.sbatch")), StringComparison.Ordinal);
        Poll.Until(() => session.Runs()[0].Status == SweepSessionRunStatus.Succeeded, TimeSpan.FromSeconds(150), "the requeued task to finish the run");
        Assert.Equal(["0", "1"], File.ReadAllLines(Path.Combine(marks, "attempts")));
        Assert.Single(session.SlurmJobs());
    }
}
