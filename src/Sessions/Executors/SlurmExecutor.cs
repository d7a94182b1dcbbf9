using System.Diagnostics;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Executors;

/// <summary>
/// The original's <c>slurm</c> method: the session's W workers are one Slurm array job (<c>sbatch --array=0-(W−1)</c>,
/// a single sbatch per generation), each task running <c>ssearch work_on SESSION</c>. Workers warned of their time limit
/// hand their trial back and submit the next generation (see <see cref="SlurmGenerations"/>). While waiting the executor
/// polls the queue with one squeue call for all of the session's jobs; cancelling it stops them (see <see cref="SlurmGenerations.Stop"/>).
/// </summary>
public sealed class SlurmExecutor : Executor
{
    private readonly SlurmClient _client;
    private readonly SlurmExecutorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the executor; <paramref name="client"/> decides where commands go (the real tools, a dry run, a recording).</summary>
    public SlurmExecutor(SlurmClient client, SlurmExecutorOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new SlurmExecutorOptions();
        _time = time ?? TimeProvider.System;
        if (_options.SignalMargin < TimeSpan.Zero || _options.MaxGenerations is < 1 || _options.ArrayThrottle is < 1 || _options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"invalid Slurm executor options: signal margin {_options.SignalMargin}, max generations {_options.MaxGenerations}, throttle {_options.ArrayThrottle}, poll interval {_options.PollInterval}", nameof(options));
        }
    }

    /// <inheritdoc />
    public override string Name => "slurm";

    /// <summary>The generation this executor would submit next for <paramref name="session"/>, without writing or running anything (<c>--dry-run</c>).</summary>
    public SlurmSubmission Plan(SearchSession session, IReadOnlyList<string> workerCommand, int workers)
    {
        ArgumentNullException.ThrowIfNull(session);
        var generation = session.Store.Exists(session.Key) ? SlurmGenerations.JobIds(session.View()).Count : 0;
        return new SlurmGenerations(session, _client).Plan(_options, workerCommand, workers, generation);
    }

    /// <inheritdoc />
    protected override async Task<ExecutionReport> RunCoreAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var session = request.Session;
        cancellationToken.ThrowIfCancellationRequested();
        var first = new SlurmGenerations(session, _client).SubmitFirst(_options, request.WorkerCommand, request.Workers);
        if (!_options.Wait)
        {
            return new ExecutionReport(request.Workers, 0, 0, stopwatch.Elapsed, []);
        }

        var reported = new HashSet<long>();
        var cancelled = false;
        while (true)
        {
            var view = session.View();
            var ours = SlurmGenerations.JobIds(view).SkipWhile(id => id != first.JobId).ToList();
            Report(view, request.Progress, reported);
            if (cancellationToken.IsCancellationRequested)
            {
                SlurmGenerations.Stop(_client, ours);
                cancelled = true;
                break;
            }

            if (view.Status != SessionStatus.Active || _client.Queue(ours).IsIdle)
            {
                break;
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var end = session.View();
        Report(end, request.Progress, reported);
        var jobs = SlurmGenerations.JobIds(end).SkipWhile(id => id != first.JobId).ToList();
        var mine = end.Trials.Where(t => t.Worker is { } w && jobs.Any(id => w.Contains($":slurm{id}_", StringComparison.Ordinal))).ToList();
        var reason = cancelled ? WorkerStopReason.Cancelled : end.Status == SessionStatus.Complete ? WorkerStopReason.Complete : WorkerStopReason.Disabled;
        return new ExecutionReport(
            request.Workers * jobs.Count,
            mine.Count(t => t.Status is TrialStatus.Ok or TrialStatus.Fail),
            mine.Count(t => t.Status == TrialStatus.Fail),
            stopwatch.Elapsed,
            [.. Enumerable.Repeat(reason, request.Workers * jobs.Count)]);
    }

    /// <summary>The workers are Slurm tasks: follow their results through the session and report each once.</summary>
    private static void Report(SessionView view, IProgress<TrialEvent>? progress, HashSet<long> reported)
    {
        if (progress is null)
        {
            return;
        }

        foreach (var trial in view.Trials.Where(t => t.Status is TrialStatus.Ok or TrialStatus.Fail && reported.Add(t.Tid)))
        {
            var result = trial.Status == TrialStatus.Ok && trial.Loss is { } loss
                ? TrialResult.Ok(loss)
                : TrialResult.Fail(trial.Result.TryGetValue("error", out var e) ? e?.ToString() ?? "failed" : "failed");
            progress.Report(new TrialEvent(trial.Worker ?? "?", trial.Tid, false, result));
        }
    }
}
