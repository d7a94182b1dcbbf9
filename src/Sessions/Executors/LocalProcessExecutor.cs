using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Executors;

/// <summary>
/// The original's <c>cpu</c> method: N worker processes on this machine, each <c>ssearch work_on SESSION</c>, optionally
/// pinned to GPU slots with <c>CUDA_VISIBLE_DEVICES</c>. Cancelling sends SIGTERM, on which workers hand their trial back.
/// </summary>
public sealed partial class LocalProcessExecutor : Executor
{
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    public LocalProcessExecutor(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public override string Name => "local";

    /// <inheritdoc />
    protected override async Task<ExecutionReport> RunCoreAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        if (request.WorkerCommand.Count == 0)
        {
            throw SessionException.Because("the local executor needs the command that starts ssearch workers");
        }

        var stopwatch = Stopwatch.StartNew();
        var logs = Path.Combine(request.Session.Store.DirectoryOf(request.Session.Key), "logs");
        Directory.CreateDirectory(logs);
        var children = new List<(Process Process, Task Exit)>();
        using var registration = cancellationToken.Register(() =>
        {
            foreach (var (process, _) in children)
            {
                Terminate(process);
            }
        });
        try
        {
            for (var i = 0; i < request.Workers && !cancellationToken.IsCancellationRequested; i++)
            {
                if (i > 0 && request.PauseBetween > TimeSpan.Zero)
                {
                    await Task.Delay(request.PauseBetween, _time, cancellationToken).ConfigureAwait(false);
                }

                var process = Start(request, i, logs);
                children.Add((process, process.WaitForExitAsync(CancellationToken.None)));
            }
        }
        catch (OperationCanceledException)
        {
        }

        var all = Task.WhenAll(children.Select(c => c.Exit));
        if (request.Progress is { } progress)
        {
            await ReportWhileRunning(request.Session, progress, all).ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
        var view = request.Session.View();
        var mine = view.Trials.Where(t => t.Worker is not null && t.Worker.StartsWith(WorkerPrefix(request), StringComparison.Ordinal)).ToList();
        var reasons = children.Select(c => c.Process.ExitCode == 0 ? (cancellationToken.IsCancellationRequested ? WorkerStopReason.Cancelled : WorkerStopReason.Complete) : WorkerStopReason.Cancelled).ToList();
        foreach (var (process, _) in children)
        {
            process.Dispose();
        }

        return new ExecutionReport(children.Count, mine.Count(t => t.Status is TrialStatus.Ok or TrialStatus.Fail), mine.Count(t => t.Status == TrialStatus.Fail), stopwatch.Elapsed, reasons);
    }

    /// <summary>The workers are other processes: follow their results through the session and report each once.</summary>
    private async Task ReportWhileRunning(SearchSession session, IProgress<TrialEvent> progress, Task workers)
    {
        var reported = new HashSet<long>();
        while (true)
        {
            var done = workers.IsCompleted;
            foreach (var trial in session.View().Trials.Where(t => t.Status is TrialStatus.Ok or TrialStatus.Fail && reported.Add(t.Tid)))
            {
                var result = trial.Status == TrialStatus.Ok && trial.Loss is { } loss
                    ? TrialResult.Ok(loss)
                    : TrialResult.Fail(trial.Result.TryGetValue("error", out var e) ? e?.ToString() ?? "failed" : "failed");
                progress.Report(new TrialEvent(trial.Worker ?? "?", trial.Tid, false, result));
            }

            if (done)
            {
                return;
            }

            await Task.WhenAny(workers, Task.Delay(TimeSpan.FromMilliseconds(500), _time)).ConfigureAwait(false);
        }
    }

    private static string WorkerPrefix(ExecutionRequest request) => $"{Environment.MachineName}:local{Environment.ProcessId}:";

    private static Process Start(ExecutionRequest request, int index, string logs)
    {
        var psi = new ProcessStartInfo(request.WorkerCommand[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var part in request.WorkerCommand.Skip(1))
        {
            psi.ArgumentList.Add(part);
        }

        psi.ArgumentList.Add("work_on");
        psi.ArgumentList.Add(request.Session.Key.ToString());
        psi.ArgumentList.Add("--worker-id");
        psi.ArgumentList.Add(WorkerPrefix(request) + index.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in request.Gpus?.EnvironmentFor(index) ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        var process = Process.Start(psi) ?? throw SessionException.Because("could not start a worker process");
        _ = Drain(process.StandardOutput.BaseStream, Path.Combine(logs, $"worker_{index}.out"));
        _ = Drain(process.StandardError.BaseStream, Path.Combine(logs, $"worker_{index}.err"));
        return process;
    }

    /// <summary>A worker's own output (not its trials') goes to logs/worker_&lt;i&gt;.out|.err.</summary>
    private static async Task Drain(Stream source, string path)
    {
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
        await source.CopyToAsync(file).ConfigureAwait(false);
    }

    private static void Terminate(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                _ = ProcessSignals.Send(process.Id, ProcessSignals.Terminate);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
