using System.Globalization;
using System.Text.Json;
using SlurmSearch.Cli.Output;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Sessions.Workers;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Sessions;

/// <summary>What the session commands do for <c>sweep:</c> sessions: launch, show, restart (failed or unfinished runs only), stop.</summary>
internal static class SweepSupport
{
    /// <summary>How long <c>stop</c> waits for a run's process group after SIGTERM before SIGKILL.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Whether <paramref name="key"/> names a sweep.</summary>
    public static bool IsSweep(StateKey key) => key.Type == SweepSession.KeyType;

    /// <summary>Stores <paramref name="plan"/> as a new sweep session and launches it; exit 0 when every run launched (local: succeeded).</summary>
    public static int Launch(CliContext context, SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var store = context.OpenStore();
        var runner = new SweepRunner(store);
        var session = runner.Create(plan);
        context.Output.WriteLine($"created {session.Key}: {plan.Runs.Count} run(s), backend {plan.Options.Backend.ToString().ToLowerInvariant()}");
        return Run(context, runner, session);
    }

    /// <summary>
    /// <c>--dry-run</c> of a Slurm sweep: the batch script and the command table the launch would write, and the sbatch
    /// command (paths as the sweep <c>sweep:GROUP_ID</c> would have them); nothing is written or submitted.
    /// </summary>
    public static void PrintSlurmPlan(CliContext context, SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var key = StateKey.TryParse($"{SweepSession.KeyType}:{plan.GroupId}", out var k) ? k : StateKey.Of(SweepSession.KeyType, "NAME");
        var submission = SweepSlurmExecutor.Plan(key, Path.Combine(context.Home, key.Type, key.Name), plan, context.WorkerCommand());
        context.Output.WriteLine($"# batch script ({submission.ScriptPath}):");
        context.Output.Write(submission.Script.Text);
        context.Output.WriteLine($"# command table ({submission.TablePath}), line t for array task t:");
        context.Output.Write(submission.Table);
        context.Output.WriteLine("# dry run: nothing was written or submitted; ssearch would run:");
        context.Output.WriteLine(submission.Command.ToString());
    }

    /// <summary><c>restart</c>: queues the failed and unfinished runs again and launches them the way the sweep was launched.</summary>
    public static int Restart(CliContext context, StateStore store, StateKey key, bool detach)
    {
        var session = new SweepSession(store, key);
        var queued = session.ResetForRestart();
        context.Output.WriteLine(queued.Count == 0
            ? $"restarted {key}: every run already succeeded"
            : $"restarted {key}: {queued.Count} failed or unfinished run(s) queued again ({string.Join(", ", queued)})");
        if (detach || queued.Count == 0)
        {
            return 0;
        }

        return Run(context, new SweepRunner(store), session);
    }

    /// <summary><c>stop</c>: disables the sweep and ends its runs' process groups on this machine (Slurm tasks are cancelled by the caller).</summary>
    public static void Stop(CliContext context, StateStore store, StateKey key)
    {
        var stopped = SweepRunner.StopLocal(new SweepSession(store, key), StopGrace);
        if (stopped.Count > 0)
        {
            context.Output.WriteLine($"stopped run(s) {string.Join(", ", stopped)} of {key}");
        }
    }

    /// <summary><c>show</c>: every run with name, status, exit code, duration and directory (a table, or JSON).</summary>
    public static int Show(CliContext context, StateStore store, StateKey key, bool json)
    {
        var session = new SweepSession(store, key);
        var plan = session.Plan();
        var runs = session.Runs();
        var view = session.Session.View();
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["session"] = key.ToString(),
                ["status"] = view.Status,
                ["group_id"] = plan.GroupId,
                ["base_name"] = plan.BaseName,
                ["backend"] = plan.Options.Backend.ToString().ToLowerInvariant(),
                ["slurm_jobs"] = session.SlurmJobs(),
                ["runs"] = runs.Select(r => new Dictionary<string, object?>
                {
                    ["index"] = r.Run.Index,
                    ["name"] = r.Run.Name,
                    ["status"] = r.StatusText,
                    ["exit_code"] = r.ExitCode,
                    ["duration"] = r.Duration,
                    ["directory"] = r.Run.Directory,
                    ["command"] = r.Run.Command,
                    ["parameters"] = r.Run.Parameters.ToDictionary(p => p.Key, p => p.Value),
                    ["error"] = r.Error,
                    ["worker"] = r.Worker,
                    ["result"] = r.Result,
                }).ToList(),
            }));
            return 0;
        }

        context.Output.WriteLine($"{key}: {view.Status}, {runs.Count} run(s) of {plan.BaseName} (group {plan.GroupId}, backend {plan.Options.Backend.ToString().ToLowerInvariant()})");
        context.Output.WriteLine(Counts(runs));
        var table = new TextTable("run", "name", "status", "exit", "duration", "directory");
        foreach (var r in runs)
        {
            table.Add(
                r.Run.Index.ToString(CultureInfo.InvariantCulture),
                r.Run.Name,
                r.StatusText,
                r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
                r.Duration is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-",
                r.Run.Directory);
        }

        table.Write(context.Output);
        return 0;
    }

    private static int Run(CliContext context, SweepRunner runner, SweepSession session)
    {
        var plan = session.Plan();
        var names = plan.Runs.ToDictionary(r => (long)r.Index, r => r.Name);
        var report = SessionSupport.RunUntilStopped(token => runner.RunAsync(session, new SweepRunnerRequest
        {
            WorkerCommand = context.WorkerCommand(),
            Progress = new LinePrinter(context.Output, names),
        }, token));
        switch (report.Backend)
        {
            case SweepBackend.Slurm when report.SlurmJobId is { } job:
                context.Output.WriteLine($"submitted array job {job}: {report.Launched.Count} task(s), one per run; 'ssearch show {session.Key}' follows them");
                return 0;
            case SweepBackend.Tmux:
                foreach (var window in report.Commands)
                {
                    context.Output.WriteLine("window " + window);
                }

                context.Output.WriteLine($"opened {report.Launched.Count} tmux window(s); 'ssearch show {session.Key}' follows the runs");
                return 0;
            case SweepBackend.Ngc:
                foreach (var command in report.Commands)
                {
                    context.Output.WriteLine(command);
                }

                context.Output.WriteLine(plan.Options.NgcPrintOnly
                    ? $"# {report.Commands.Count} ngc command(s) printed, none run (--ngc-print-only=false runs them)"
                    : $"submitted {report.Launched.Count} NGC job(s): {Counts(report.Runs)}");
                return report.Failed > 0 ? Failed(context, session, report) : 0;
        }

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Launched.Count} run(s) in {report.Elapsed.TotalSeconds:F1} s: {Counts(report.Runs)}"));
        return report.Failed > 0 ? Failed(context, session, report) : 0;
    }

    private static int Failed(CliContext context, SweepSession session, SweepRunnerReport report)
    {
        context.Error.WriteLine($"error: {report.Failed} of {report.Runs.Count} run(s) of {session.Key} failed ('ssearch show {session.Key}' lists them; 'ssearch restart {session.Key}' reruns them)");
        return 2;
    }

    private static string Counts(IReadOnlyList<SweepSessionRun> runs) =>
        string.Join(", ", Enum.GetValues<SweepSessionRunStatus>()
            .Select(s => (Status: s, Count: runs.Count(r => r.Status == s)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count.ToString(CultureInfo.InvariantCulture)} {p.Status.ToString().ToLowerInvariant()}"));

    /// <summary>One line per finished run, in the order they finish.</summary>
    private sealed class LinePrinter(TextWriter output, Dictionary<long, string> names) : IProgress<TrialEvent>
    {
        public void Report(TrialEvent value)
        {
            if (value.Result is not { } result)
            {
                return;
            }

            var name = names.GetValueOrDefault(value.Tid, "?");
            lock (output)
            {
                output.WriteLine(result.IsOk ? $"run {value.Tid} {name}: succeeded" : $"run {value.Tid} {name}: failed, {result.Error}");
                output.Flush();
            }
        }
    }
}
