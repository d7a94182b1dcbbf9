using System.Diagnostics;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests.Slurm;

/// <summary>The Slurm executor on the real local Slurm, with real <c>ssearch work_on</c> workers (this test project's ssearch.dll).</summary>
public sealed class SlurmExecutorTests : IDisposable
{
    private readonly TempDirectory _home = new("ssearch-slurm-exec");
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

        _home.Dispose();
    }

    [SlurmFact]
    public async Task RunAsync_TpeSessionOf40TrialsOn8Tasks_RecordsEveryTrialOnceWithOneSbatch()
    {
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var session = Create(store, "tpe40", 40, "sleep 0.3; echo {x}");
        var runner = new RecordingSlurmCommandRunner(new ProcessSlurmCommandRunner());
        var executor = new SlurmExecutor(new SlurmClient(runner), new SlurmExecutorOptions { PollInterval = TimeSpan.FromMilliseconds(500) });

        var report = await executor.RunAsync(Request(session, 8), CancellationToken.None);
        _jobs.AddRange(SlurmGenerations.JobIds(session.View()));

        var view = session.View();
        var job = Assert.Single(SlurmGenerations.JobIds(view));
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(40, view.Trials.Count(t => t.Status == TrialStatus.Ok));
        Assert.Equal(40, view.Trials.Select(t => t.Tid).Distinct().Count());
        Assert.All(view.Trials, t => Assert.Contains($":slurm{job}_", t.Worker, StringComparison.Ordinal));
        Assert.True(view.Trials.Select(t => t.Worker).Distinct().Count() > 1, "the 8 array tasks shared the trials");
        Assert.Equal(40, report.Trials);
        var sbatch = Assert.Single(runner.Commands, c => c.Program == "sbatch");
        Assert.Equal(["--parsable", _home.Combine("slurm", "tpe40", "slurm", "gen_0.sbatch")], sbatch.Arguments);
        Assert.Contains("#SBATCH --array=0-7", File.ReadAllText(sbatch.Arguments[1]), StringComparison.Ordinal);
        Assert.All(runner.Commands.Where(c => c.Program == "squeue"), c => Assert.Contains("--jobs=" + job, c.Arguments));
        Assert.DoesNotContain(runner.Commands, c => c.Program == "scancel");
    }

    [SlurmFact]
    public async Task Stop_WhileTasksRun_CancelsThemAndDisablesTheSession()
    {
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var session = Create(store, "stopme", 100, "python3 -c 'import time; time.sleep(60)'");
        var executor = new SlurmExecutor(new SlurmClient(new ProcessSlurmCommandRunner()), new SlurmExecutorOptions { PollInterval = TimeSpan.FromMilliseconds(500) });
        var run = executor.RunAsync(Request(session, 4), CancellationToken.None);
        var job = Poll.Until(() => SlurmGenerations.JobIds(session.View()), j => j.Count == 1, TimeSpan.FromSeconds(30), "the submission to be recorded")[0];
        _jobs.Add(job);
        Poll.Until(() => session.View().Running == 4, TimeSpan.FromSeconds(60), "4 trials to run");

        var stop = CliRunner.Run("--home", _home.Path, "stop", "stopme");

        Assert.Equal(0, stop.ExitCode);
        Assert.Contains($"stopped Slurm task(s) {job}_", stop.Stdout, StringComparison.Ordinal);
        var watch = Stopwatch.StartNew();
        // Running tasks get TERM through their batch shell, then (after a 10 s grace) a plain scancel.
        Poll.Until(() => _cleanup.Queue([job]).IsIdle, TimeSpan.FromSeconds(30), $"job {job} to leave the queue");
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        var view = session.View();
        Assert.Equal(SessionStatus.Disabled, view.Status);
        Assert.Equal(0, view.Completed); // interrupted trials are not recorded as failures
        Assert.Equal(4, view.Trials.Count(t => t.Status is TrialStatus.Running or TrialStatus.Resumable));
        Assert.Single(SlurmGenerations.JobIds(view));
    }

    [SlurmFact]
    public async Task RunAsync_TrialsOutlastingTheTimeLimit_CompleteAcrossGenerationsWithNothingLostOrRepeated()
    {
        // 24 trials of 20 s on 4 tasks of at most one minute each: no generation can finish the session. Slurm's
        // pre-timeout USR1 makes each worker hand its trial back and the first of a generation submit the next.
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var finished = _home.Combine("finished.txt");
        var session = Create(store, "timelimit", 24, $"sleep 20 && echo {{x}} >> {finished} && echo {{x}}");
        var executor = new SlurmExecutor(new SlurmClient(new ProcessSlurmCommandRunner()), new SlurmExecutorOptions
        {
            Resources = SlurmResources.None with { Time = "1" },
            SignalMargin = TimeSpan.FromSeconds(5),
            PollInterval = TimeSpan.FromSeconds(1),
        });

        var run = executor.RunAsync(Request(session, 4), CancellationToken.None);
        try
        {
            await run.WaitAsync(TimeSpan.FromMinutes(12));
        }
        finally
        {
            _jobs.AddRange(SlurmGenerations.JobIds(session.View()));
        }

        var view = session.View();
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(24, view.Trials.Count(t => t.Status == TrialStatus.Ok));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (long)i), view.Trials.Select(t => t.Tid).Order());
        var generations = SlurmGenerations.JobIds(view);
        Assert.True(generations.Count >= 2, $"one generation of 4 one-minute tasks cannot run 24 trials of 20 s, yet {generations.Count} did");
        // Each of the 24 trials finished one run (handed-back runs were killed before writing; a resumed trial keeps
        // its parameters, so a repeat would add a duplicate line, not a new value).
        var written = File.ReadAllLines(finished);
        Assert.Equal(24, written.Distinct(StringComparer.Ordinal).Count());
        Assert.True(written.Length <= 24 + generations.Count, $"{written.Length} runs finished for 24 trials over {generations.Count} generations");
    }

    [SlurmFact]
    public async Task RunAsync_GpuPerTask_ObjectivesSeeSlurmsCudaVisibleDevices()
    {
        // The local Slurm has 4 fake GPUs; each task asks for one and its worker passes Slurm's choice to objectives.
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var seen = _home.Combine("cuda.txt");
        var session = SearchSession.Create(store, StateKey.Of("slurm", "gpu"), new SessionOptions
        {
            Space = StructuredSpace.Parse("{x: uniform(0, 1)}"),
            Algo = "rand",
            MaxEvals = 4,
            Objective = new ObjectiveSpec($"echo \"${{CUDA_VISIBLE_DEVICES:-unset}} $SLURM_ARRAY_TASK_ID\" >> {seen}; echo 1", AppendArguments: false),
        });
        var executor = new SlurmExecutor(new SlurmClient(new ProcessSlurmCommandRunner()), new SlurmExecutorOptions
        {
            Resources = SlurmResources.None with { Gres = "gpu:1" },
            PollInterval = TimeSpan.FromMilliseconds(500),
        });

        await executor.RunAsync(Request(session, 2), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        _jobs.AddRange(SlurmGenerations.JobIds(session.View()));

        Assert.Equal(SessionStatus.Complete, session.View().Status);
        var lines = File.ReadAllLines(seen);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches("^[0-3] [01]$", l));
    }

    [SlurmFact]
    public async Task RunAsync_OneTaskScancelledMidTrial_ItsTrialIsResumedByAnotherWorker()
    {
        // A plain scancel TERMs the task's batch shell, which forwards it: the worker hands its trial back at once
        // (no lease wait) and another task finishes it.
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var (session, run, job, victim) = StartSixTrialsOnThreeTasksUntilTaskRuns(store, "scancel", task: 1);

        _cleanup.Cancel([$"{job}_1"]);
        await run.WaitAsync(TimeSpan.FromMinutes(3));

        var view = session.View();
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (long)i), view.Trials.Where(t => t.Status == TrialStatus.Ok).Select(t => t.Tid).Order());
        var resumed = view.Trials.Single(t => t.Tid == victim.Tid);
        Assert.DoesNotContain($":slurm{job}_1:", resumed.Worker!, StringComparison.Ordinal);
    }

    [SlurmFact]
    public async Task RunAsync_OneTaskKilledMidTrial_ItsTrialIsFinishedByAnotherWorkerAfterTheLease()
    {
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var (session, run, job, victim) = StartSixTrialsOnThreeTasksUntilTaskRuns(store, "lease", task: 0);

        // The worker dies as on a lost node: SIGKILL, no hand-back (a Slurm signal would reach the batch shell, which
        // forwards TERM, and the trial would be handed back gracefully instead). Worker ids end with the worker's pid.
        var worker = victim.Worker!;
        var pid = int.Parse(worker[(worker.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessSignals.Send(pid, ProcessSignals.Kill), $"worker {worker} was not running");
        await run.WaitAsync(TimeSpan.FromMinutes(3));

        var view = session.View();
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(6, view.Trials.Count(t => t.Status == TrialStatus.Ok));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (long)i), view.Trials.Select(t => t.Tid).Order());
        var resumed = view.Trials.Single(t => t.Tid == victim.Tid);
        Assert.DoesNotContain($":slurm{job}_0:", resumed.Worker!, StringComparison.Ordinal);
        Assert.Equal(TrialStatus.Ok, resumed.Status);
    }

    [SlurmFact]
    public void Start_NoWait_SubmitsOnceAndReturnsWhileTheTasksFinishTheSession()
    {
        SlurmEnvironment.RequireAvailable();
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");

        var start = CliRunner.Run("--home", _home.Path, "start", "--name", "nowait", "--space", _home.Combine("space.txt"), "--objective", "sleep 1; echo {x}",
            "--algo", "rand", "--max-evals", "6", "--executor", "slurm", "--workers", "2", "--no-wait");

        Assert.True(start.ExitCode == 0, start.Stderr + start.Stdout);
        using var store = StoreFactory.Open("pickle", _home.Path);
        var session = new SearchSession(store, StateKey.Of("slurm", "nowait"));
        var job = Assert.Single(SlurmGenerations.JobIds(session.View()));
        _jobs.Add(job);
        Assert.Contains($"as job {job}; follow with: ssearch watch slurm:nowait", start.Stdout, StringComparison.Ordinal);
        Assert.True(session.View().Completed < 6, "start returned only after the session finished");
        Poll.Until(() => session.View().Status == SessionStatus.Complete, TimeSpan.FromSeconds(90), "the tasks to finish the session");
        Assert.Equal(6, session.View().Trials.Count(t => t.Status == TrialStatus.Ok));
    }

    [Fact]
    public void Start_NoWaitWithoutSlurm_IsAUsageError()
    {
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");

        var start = CliRunner.Run("--home", _home.Path, "start", "--name", "local", "--space", _home.Combine("space.txt"), "--objective", "echo 1",
            "--max-evals", "2", "--executor", "local", "--no-wait");

        Assert.Equal(1, start.ExitCode);
        Assert.Equal("error: --no-wait needs --executor slurm (the local executor's workers end with this process)", start.Stderr.Trim());
        Assert.False(Directory.Exists(_home.Combine("slurm", "local")));
    }

    [Fact]
    public void StartDryRun_PrintsAScriptBashAccepts_AndChangesNothing()
    {
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");
        var result = CliRunner.Run("--home", _home.Path, "start", "--name", "dry", "--space", _home.Combine("space.txt"), "--objective", "echo {x}",
            "--executor", "slurm", "--workers", "6", "--partition", "debug", "--time", "10", "--signal-margin", "90", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        var marker = result.Stdout.IndexOf("# dry run:", StringComparison.Ordinal);
        Assert.True(marker > 0, result.Stdout);
        var script = result.Stdout[..marker];
        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --array=0-5", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=debug", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --signal=B:USR1@90", script, StringComparison.Ordinal);
        Assert.Contains("work_on slurm:dry", script, StringComparison.Ordinal);
        var path = _home.Combine("slurm", "dry", "slurm", "gen_0.sbatch");
        Assert.EndsWith($"sbatch --parsable {path}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, BashSyntaxCheck(script));
        Assert.False(Directory.Exists(_home.Combine("slurm", "dry")), "a dry run creates nothing");
    }

    [Fact]
    public void RestartDryRun_OfAnExistingSession_LeavesItsStateUnchanged()
    {
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");
        Assert.Equal(0, CliRunner.Run("--home", _home.Path, "start", "--name", "kept", "--space", _home.Combine("space.txt"), "--objective", "echo {x}", "--detach").ExitCode);
        var state = _home.Combine("slurm", "kept", "session_state.pickle");
        var before = File.ReadAllBytes(state);

        var result = CliRunner.Run("--home", _home.Path, "restart", "kept", "--executor", "slurm", "--workers", "2", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("#SBATCH --array=0-1", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(state));
        Assert.False(File.Exists(_home.Combine("slurm", "kept", "slurm", "gen_0.sbatch")));
    }

    [Fact]
    public void Start_DryRunWithoutSlurmExecutor_IsAUsageError()
    {
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");
        var result = CliRunner.Run("--home", _home.Path, "start", "--name", "x", "--space", _home.Combine("space.txt"), "--objective", "echo 1", "--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--dry-run applies to --executor slurm", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_SignalMarginNotBelowTimeLimit_IsAUsageError()
    {
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");
        var result = CliRunner.Run("--home", _home.Path, "start", "--name", "x", "--space", _home.Combine("space.txt"), "--objective", "echo 1",
            "--executor", "slurm", "--time", "1", "--signal-margin", "60", "--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--signal-margin 60 s is not shorter than --time 1", result.Stderr, StringComparison.Ordinal);
    }

    [SlurmFact]
    public void Start_BadPartition_FailsWithOneLineAndLeavesTheSessionStartable()
    {
        SlurmEnvironment.RequireAvailable();
        File.WriteAllText(_home.Combine("space.txt"), "{x: uniform(0, 1)}");
        var result = CliRunner.Run("--home", _home.Path, "start", "--name", "badpart", "--space", _home.Combine("space.txt"), "--objective", "echo {x}",
            "--max-evals", "4", "--executor", "slurm", "--workers", "2", "--partition", "nosuchpartition");

        Assert.Equal(5, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: sbatch rejected ", line, StringComparison.Ordinal);
        Assert.Contains("partition", line, StringComparison.OrdinalIgnoreCase);
        using (var store = StoreFactory.Open("pickle", _home.Path))
        {
            var view = new SearchSession(store, StateKey.Of("slurm", "badpart")).View();
            Assert.Equal(SessionStatus.Active, view.Status);
            Assert.Empty(view.Trials);
            Assert.Empty(SlurmGenerations.JobIds(view));
        }

        var again = CliRunner.Run("--home", _home.Path, "restart", "badpart", "--partition", "debug");

        using (var store = StoreFactory.Open("pickle", _home.Path))
        {
            var view = new SearchSession(store, StateKey.Of("slurm", "badpart")).View();
            _jobs.AddRange(SlurmGenerations.JobIds(view));
            Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
            Assert.Equal(SessionStatus.Complete, view.Status);
            Assert.Equal(4, view.Completed);
        }
    }

    [SlurmFact]
    public void List_WithSlurmSessions_ShowsTaskColumns()
    {
        SlurmEnvironment.RequireAvailable();
        using var store = StoreFactory.Open("pickle", _home.Path);
        var session = Create(store, "listed", 100, "sleep 60; echo 1");
        var executor = new SlurmExecutor(new SlurmClient(new ProcessSlurmCommandRunner()), new SlurmExecutorOptions { Wait = false });
        executor.RunAsync(Request(session, 3), CancellationToken.None).GetAwaiter().GetResult();
        _jobs.AddRange(SlurmGenerations.JobIds(session.View()));
        Poll.Until(() => session.View().Running == 3, TimeSpan.FromSeconds(60), "3 trials to run");

        var result = CliRunner.Run("--home", _home.Path, "list", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"slurm_pending\":0,\"slurm_running\":3", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Six 10 s trials (lease 10 s) on three array tasks, returned once <paramref name="task"/> is running one of them.</summary>
    private (SearchSession Session, Task<ExecutionReport> Run, string Job, TrialView Victim) StartSixTrialsOnThreeTasksUntilTaskRuns(StateStore store, string name, int task)
    {
        var session = SearchSession.Create(store, StateKey.Of("slurm", name), new SessionOptions
        {
            Space = StructuredSpace.Parse("{x: uniform(0, 1)}"),
            Algo = "rand",
            MaxEvals = 6,
            Lease = TimeSpan.FromSeconds(10),
            Objective = new ObjectiveSpec("sleep 10; echo {x}", "--"),
        });
        var executor = new SlurmExecutor(new SlurmClient(new ProcessSlurmCommandRunner()), new SlurmExecutorOptions { PollInterval = TimeSpan.FromMilliseconds(500) });
        var run = executor.RunAsync(Request(session, 3), CancellationToken.None);
        var job = Poll.Until(() => SlurmGenerations.JobIds(session.View()), j => j.Count == 1, TimeSpan.FromSeconds(30), "the submission to be recorded")[0];
        _jobs.Add(job);
        var victim = Poll.Until(
            () => session.View().Trials.FirstOrDefault(t => t.Status == TrialStatus.Running && t.Worker!.Contains($":slurm{job}_{task}:", StringComparison.Ordinal)),
            t => t is not null,
            TimeSpan.FromSeconds(60),
            $"task {task} to run a trial")!;
        return (session, run, job, victim);
    }

    private SearchSession Create(StateStore store, string name, int maxEvals, string objective) =>
        SearchSession.Create(store, StateKey.Of("slurm", name), new SessionOptions
        {
            Space = StructuredSpace.Parse("{x: uniform(0, 1)}"),
            Algo = "tpe",
            MaxEvals = maxEvals,
            Objective = new ObjectiveSpec(objective, "--"),
        });

    private ExecutionRequest Request(SearchSession session, int workers) => new()
    {
        Session = session,
        Objective = new CommandObjective(session.View().Objective!, null),
        Workers = workers,
        WorkerCommand = [.. CliRunner.SelfCommand, "--home", _home.Path, "--backend", "pickle"],
    };

    private static int BashSyntaxCheck(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-n");
        using var bash = Process.Start(info)!;
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        bash.WaitForExit();
        return bash.ExitCode;
    }
}
