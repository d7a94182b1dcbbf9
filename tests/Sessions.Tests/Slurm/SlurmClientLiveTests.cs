using System.Globalization;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>The client and batch scripts against the real local Slurm (scripts/local-slurm.sh); a few seconds each.</summary>
public sealed class SlurmClientLiveTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly LiveSlurm _slurm = new();

    public void Dispose() => _slurm.Dispose();

    [SlurmFact]
    public void Submit_EightTaskArray_EveryTaskRunsFromOneSbatch()
    {
        var outDir = _slurm.Directory.Combine("out dir");
        Directory.CreateDirectory(outDir);
        var id = _slurm.Submit(new SbatchOptions
        {
            JobName = "ssearch-test-array",
            ArraySize = 8,
            Output = _slurm.Directory.Combine("logs dir", "task_%A_%a.out"),
            Command = ["sh", "-c", "echo \"$SLURM_ARRAY_TASK_ID\" > \"$1/t.$SLURM_ARRAY_TASK_ID\" && mv \"$1/t.$SLURM_ARRAY_TASK_ID\" \"$1/task-$SLURM_ARRAY_TASK_ID\"", "sh", outDir],
        });

        Poll.Until(() => Directory.GetFiles(outDir, "task-*").Length == 8, Patience, "8 array tasks to write their files");
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(outDir, $"task-{i}")).Trim());
            Assert.True(File.Exists(_slurm.Directory.Combine("logs dir", $"task_{id}_{i}.out")), $"log of task {i}");
        }

        Assert.Equal(1, _slurm.CountOf("sbatch"));
        Assert.All(_slurm.AwaitFinished(id, Patience), t => Assert.Equal(SlurmJobState.Completed, t.State));
    }

    [SlurmFact]
    public void QueueAndCancel_TwoArrayJobs_OneSqueuePerPollAndOneScancel()
    {
        var log = _slurm.Directory.Combine("logs", "%A_%a.out");
        var a = _slurm.Submit(new SbatchOptions { JobName = "ssearch-test-qa", ArraySize = 3, Output = log, Command = ["sleep", "120"] });
        var b = _slurm.Submit(new SbatchOptions { JobName = "ssearch-test-qb", ArraySize = 2, ArrayThrottle = 1, Output = log, Command = ["sleep", "120"] });

        var polls = 0;
        var queue = Poll.Until(
            () => { polls++; return _slurm.Client.Queue([a, b]); },
            q => q.TasksOf(a).Any(t => t.State == SlurmJobState.Running) && q.TasksOf(b).Any(t => t.State == SlurmJobState.Running),
            Patience,
            "both jobs to have a running task");

        Assert.Equal(polls, _slurm.CountOf("squeue"));
        Assert.All(_slurm.Runner.Commands.Where(c => c.Program == "squeue"), c => Assert.Contains($"--jobs={a},{b}", c.Arguments));
        Assert.Equal([0, 1, 2], queue.TasksOf(a).Select(t => t.TaskIndex));
        Assert.Equal([0, 1], queue.TasksOf(b).Select(t => t.TaskIndex));
        Assert.All(queue.Tasks, t => Assert.Contains(t.State, new[] { SlurmJobState.Pending, SlurmJobState.Running }));
        var throttled = queue.TasksOf(b).Single(t => t.TaskIndex == 1);
        Assert.Equal(SlurmJobState.Pending, throttled.State);
        Assert.Equal($"{b}_1", throttled.DisplayId);

        _slurm.Client.Cancel([a, b]);
        Assert.Equal(1, _slurm.CountOf("scancel"));
        Poll.Until(() => _slurm.Client.Queue([a, b]).IsIdle, Patience, "the cancelled jobs to leave the queue");
        var finished = _slurm.Client.Queue([a, b], includeFinished: true);
        Assert.Equal(5, finished.Tasks.Count);
        Assert.All(finished.Tasks, t => Assert.Equal(SlurmJobState.Cancelled, t.State));
    }

    [SlurmFact]
    public void Signal_UsrToBatchShell_ReachesTheWorkerWhichEndsTheJobCleanly()
    {
        var work = _slurm.Directory.Combine("work");
        Directory.CreateDirectory(work);
        var id = _slurm.Submit(new SbatchOptions
        {
            JobName = "ssearch-test-forward",
            Output = _slurm.Directory.Combine("logs", "%j.out"),
            Command = ["python3", "-c", SignalWorker.Source, work, "0"],
        });
        Poll.Until(() => File.Exists(Path.Combine(work, "started")), Patience, "the worker to start");

        // --batch: only the batch shell gets USR1, exactly as with --signal=B:USR1@… before a time limit.
        _slurm.Client.Signal([id], "USR1", batchShellOnly: true);

        Poll.Until(() => File.Exists(Path.Combine(work, "signal")), Patience, "the worker to see USR1");
        Assert.Equal("got USR1", File.ReadAllText(Path.Combine(work, "signal")));
        Assert.Equal(SlurmJobState.Completed, Assert.Single(_slurm.AwaitFinished(id, Patience)).State);
    }

    [SlurmFact]
    public void Submit_UnknownPartition_ThrowsWithSbatchsMessage()
    {
        var e = Assert.Throws<SlurmSubmitException>(() => _slurm.Submit(new SbatchOptions
        {
            JobName = "ssearch-test-badpartition",
            Output = _slurm.Directory.Combine("logs", "%j.out"),
            Resources = new SlurmResources { Partition = "no-such-partition" },
            Command = ["true"],
        }));
        Assert.Contains("invalid partition specified: no-such-partition", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid partition name specified", e.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, e.SbatchExitCode);
    }

    [SlurmFact]
    public void Submit_OneGpu_TaskSeesCudaVisibleDevices()
    {
        var result = _slurm.Directory.Combine("cuda");
        var id = _slurm.Submit(new SbatchOptions
        {
            JobName = "ssearch-test-gpu",
            Output = _slurm.Directory.Combine("logs", "%j.out"),
            Resources = new SlurmResources { Gres = "gpu:1" },
            Command = ["sh", "-c", "printf '%s' \"$CUDA_VISIBLE_DEVICES\" > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"", "sh", result],
        });
        Poll.Until(() => File.Exists(result), Patience, "the GPU task to run");
        Assert.Matches("^[0-3]$", File.ReadAllText(result));
        Assert.Equal(SlurmJobState.Completed, Assert.Single(_slurm.AwaitFinished(id, Patience)).State);
    }

    [SlurmFact]
    public void Requeue_RunningTask_RunsAgainWithRestartCountAndAppendedLog()
    {
        var runs = _slurm.Directory.Combine("runs");
        var log = _slurm.Directory.Combine("logs", "rq_%A_%a.out");
        var id = _slurm.Submit(new SbatchOptions
        {
            JobName = "ssearch-test-requeue",
            ArraySize = 1,
            Requeue = true,
            Output = log,
            Command = ["sh", "-c", "echo \"run ${SLURM_RESTART_COUNT:-0}\"; echo \"run ${SLURM_RESTART_COUNT:-0}\" >> \"$1\"; exec sleep 120", "sh", runs],
        });
        Poll.Until(() => File.Exists(runs) && File.ReadAllText(runs).Contains("run 0", StringComparison.Ordinal), Patience, "the first run");

        _slurm.Client.Requeue($"{id}_0");

        // Slurm holds a requeued job until its credential expires (10 s with scripts/local-slurm.sh).
        Poll.Until(() => File.ReadAllText(runs).Contains("run 1", StringComparison.Ordinal), Patience, "the requeued run");
        var logText = File.ReadAllText(_slurm.Directory.Combine("logs", $"rq_{id}_0.out"));
        Assert.Contains("run 0", logText, StringComparison.Ordinal);
        Assert.Contains("run 1", logText, StringComparison.Ordinal);
    }
}
