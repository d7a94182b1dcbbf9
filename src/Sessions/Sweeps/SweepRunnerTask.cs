using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// <c>ssearch sweep_task</c>: runs ONE given run of a sweep (a Slurm array task, a tmux window) — claims it, runs it
/// while renewing the claim, and records its outcome. Cancellation (SIGTERM from <c>stop</c> or <c>scancel</c>) stops
/// the run and queues it again. With a timeout (Sample Factory's <c>--slurm_timeout</c>) a run still going is stopped and
/// queued again, and the caller requeues its Slurm task, which resumes it (from its checkpoints) in a fresh allocation.
/// </summary>
public sealed class SweepRunnerTask
{
    private readonly SweepSession _session;
    private readonly TimeProvider _time;

    /// <summary>Creates the task runner.</summary>
    public SweepRunnerTask(SweepSession session, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs run <paramref name="index"/> as <paramref name="worker"/> with the worker environment <paramref name="environment"/>, stopping it after <paramref name="timeout"/>.</summary>
    public async Task<SweepRunnerTaskOutcome> RunAsync(
        int index,
        string worker,
        SweepRunnerProcessOptions? options,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        var (claim, reason) = _session.ClaimRun(index, worker);
        if (claim is null)
        {
            return new SweepRunnerTaskOutcome(SweepRunnerTaskStatus.NotClaimed, null, reason);
        }

        var plan = _session.Plan();
        var objective = new SweepRunnerProcess(_session, plan, options);
        using var timedOut = timeout is { } t ? new CancellationTokenSource(t, _time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token);
        var lost = false;
        var renewEvery = (claim.LeaseUntil - _time.GetUtcNow().UtcDateTime) / 3;
        using var renewing = new CancellationTokenSource();
        var renewal = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(renewEvery > TimeSpan.FromMilliseconds(100) ? renewEvery : TimeSpan.FromMilliseconds(100), _time, renewing.Token).ConfigureAwait(false);
                    if (!_session.Session.Renew(index, worker))
                    {
                        lost = true;
                        await stop.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        var started = _time.GetTimestamp();
        TrialResult result;
        try
        {
            var context = new TrialContext(_session.Key.ToString(), index, worker, claim.Parameters, Path.Combine(_session.Directory, "logs"), environment ?? new Dictionary<string, string>());
            result = await objective.RunAsync(context, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            if (lost)
            {
                return new SweepRunnerTaskOutcome(SweepRunnerTaskStatus.ClaimLost, null, $"run {index} was taken from {worker} (restart or an expired lease)");
            }

            _session.Session.HandBack(index, worker);
            return timedOut.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? new SweepRunnerTaskOutcome(SweepRunnerTaskStatus.TimedOut, null, $"run {index} still running after {timeout!.Value.TotalSeconds:0.###} s: queued again")
                : new SweepRunnerTaskOutcome(SweepRunnerTaskStatus.Cancelled, null, $"run {index} stopped and queued again");
        }

        await renewing.CancelAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
        try
        {
            _session.Session.Record(index, worker, result, _time.GetElapsedTime(started));
        }
        catch (ClaimLostException e)
        {
            return new SweepRunnerTaskOutcome(SweepRunnerTaskStatus.ClaimLost, result, e.Message);
        }

        return new SweepRunnerTaskOutcome(SweepRunnerTaskStatus.Finished, result, null);
    }
}
