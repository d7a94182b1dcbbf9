using System.CommandLine;
using System.Globalization;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch work_on SESSION [TIMEOUT]</c>: one worker — claim, run, record until done; SIGTERM/SIGINT/SIGUSR1 hand the trial back.</summary>
public static class WorkOnCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var timeout = new Argument<double?>("TIMEOUT") { Description = "Seconds this worker may run; it starts no trial it cannot finish (average duration so far)", Arity = ArgumentArity.ZeroOrOne };
        var workerId = new Option<string?>("--worker-id") { Description = "Worker id recorded on trials (default host:pid)" };
        var maxTrials = new Option<int?>("--max-trials") { Description = "Stop after this many trials" };
        var command = new Command("work_on", "Run one worker on a session until it is done") { session, timeout, workerId, maxTrials };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            var view = opened.View();
            var options = new WorkerOptions
            {
                WorkerId = parse.GetValue(workerId) ?? DefaultWorkerId(context),
                Deadline = parse.GetValue(timeout) is { } seconds ? TimeProvider.System.GetUtcNow().AddSeconds(seconds) : null,
                MaxTrials = parse.GetValue(maxTrials),
                Environment = Passthrough(context),
            };
            var worker = new SessionWorker(opened, SessionSupport.Objective(view), options, progress: SessionSupport.Printer(context.Output));
            using var timeLimit = new TimeLimitSignal();
            var report = SessionSupport.RunWorker(worker);
            var handedBack = report.HandedBack is { } tid ? string.Create(CultureInfo.InvariantCulture, $", handed back trial {tid}") : string.Empty;
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worker {options.WorkerId}: {report.Trials} trial(s), {report.Failures} failed; stopped: {report.Reason.ToString().ToLowerInvariant()}{handedBack}"));
            if (report.Reason == WorkerStopReason.Cancelled && timeLimit.Received && context.Environment.GetVariable("SLURM_ARRAY_JOB_ID") is { } job)
            {
                // Slurm's pre-timeout USR1 (not a scancel's TERM): the first worker of this generation submits the next.
                var next = new SlurmGenerations(opened, new SlurmClient(new ProcessSlurmCommandRunner())).SubmitNext(job);
                context.Output.WriteLine(next is null
                    ? $"time limit of job {job}: no next generation submitted (already submitted, session finished or generation cap reached)"
                    : string.Create(CultureInfo.InvariantCulture, $"time limit of job {job}: submitted generation {next.Generation} as job {next.JobId}"));
            }

            return 0;
        });
        return command;
    }

    /// <summary>host:pid, or the Slurm array task when running under Slurm.</summary>
    private static string DefaultWorkerId(CliContext context)
    {
        var host = System.Environment.MachineName;
        return context.Environment.GetVariable("SLURM_ARRAY_JOB_ID") is { } job && context.Environment.GetVariable("SLURM_ARRAY_TASK_ID") is { } task
            ? $"{host}:slurm{job}_{task}:{System.Environment.ProcessId}"
            : $"{host}:{System.Environment.ProcessId}";
    }

    /// <summary>Slurm's GPU assignment reaches objectives unchanged (the process environment is inherited anyway; named for clarity).</summary>
    private static Dictionary<string, string> Passthrough(CliContext context) =>
        context.Environment.GetVariable("CUDA_VISIBLE_DEVICES") is { } gpus ? new() { ["CUDA_VISIBLE_DEVICES"] = gpus } : [];
}
