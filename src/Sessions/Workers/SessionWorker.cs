using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Sessions.Workers;

/// <summary>
/// <c>work_on</c>: claims, runs and records trials until the session is done, disabled, the deadline would be missed, or
/// the caller cancels — then the running trial is handed back (resumable), never lost. The claim's lease is renewed
/// while the trial runs; a worker that lost its claim stops the trial and does not record it.
/// </summary>
public sealed class SessionWorker
{
    /// <summary>The first wait when other workers hold every remaining trial; it doubles up to <see cref="WorkerOptions.PollInterval"/>.</summary>
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>Asking just after a lease lapsed, not just before.</summary>
    private static readonly TimeSpan LeaseSlack = TimeSpan.FromMilliseconds(50);

    private readonly SearchSession _session;
    private readonly IObjective _objective;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly IProgress<TrialEvent>? _progress;

    /// <summary>Creates a worker.</summary>
    public SessionWorker(SearchSession session, IObjective objective, WorkerOptions options, TimeProvider? time = null, IProgress<TrialEvent>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        _session = session;
        _objective = objective;
        _options = options;
        _time = time ?? TimeProvider.System;
        _progress = progress;
    }

    /// <summary>Runs until there is nothing left to do for this worker.</summary>
    public async Task<WorkerReport> RunAsync(CancellationToken cancellationToken)
    {
        var trials = 0;
        var failures = 0;
        var durations = new List<TimeSpan>();
        var logs = Path.Combine(_session.Store.DirectoryOf(_session.Key), "logs");
        ClaimOutcome? next = null; // claimed in the transaction that recorded the previous trial
        var poll = FirstPoll < _options.PollInterval ? FirstPoll : _options.PollInterval;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                if (next?.Claim is { } unstarted)
                {
                    _session.HandBack(unstarted.Tid, _options.WorkerId);
                }

                return new WorkerReport(trials, failures, WorkerStopReason.Cancelled);
            }

            // A trial claimed with the last record already passed these checks when it was claimed.
            if (next is null && _options.MaxTrials is { } max && trials >= max)
            {
                return new WorkerReport(trials, failures, WorkerStopReason.MaxTrials);
            }

            if (next is null && _options.Deadline is { } deadline && !TimeLeftFor(deadline, durations))
            {
                return new WorkerReport(trials, failures, WorkerStopReason.Deadline);
            }

            var outcome = next ?? _session.NextTrial(_options.WorkerId);
            next = null;
            if (outcome.Status == ClaimStatus.Claimed)
            {
                poll = FirstPoll < _options.PollInterval ? FirstPoll : _options.PollInterval;
            }

            switch (outcome.Status)
            {
                case ClaimStatus.Complete:
                    return new WorkerReport(trials, failures, WorkerStopReason.Complete);
                case ClaimStatus.Disabled:
                    return new WorkerReport(trials, failures, WorkerStopReason.Disabled);
                case ClaimStatus.Wait:
                    // Other workers' trials are still running: one of them may fail back to us (lease) or all finish. Ask
                    // again soon, then less and less often: the last trials of a session often end within milliseconds
                    // of each other, and a fixed interval kept every idle worker (and 'start') up to a whole interval
                    // after the last result.
                    var wait = outcome.RetryAfter is { } after && after + LeaseSlack < poll ? after + LeaseSlack : poll;
                    poll = poll * 2 < _options.PollInterval ? poll * 2 : _options.PollInterval;
                    try
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return new WorkerReport(trials, failures, WorkerStopReason.Cancelled);
                    }

                    continue;
            }

            var claim = outcome.Claim!;
            _progress?.Report(new TrialEvent(_options.WorkerId, claim.Tid, true, null));
            var started = _time.GetTimestamp();
            var (result, lost) = await RunClaimedAsync(claim, logs, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                if (!lost)
                {
                    _session.HandBack(claim.Tid, _options.WorkerId);
                    return new WorkerReport(trials, failures, WorkerStopReason.Cancelled, claim.Tid);
                }

                continue; // our lease lapsed and someone else has the trial: do not record a stale result
            }

            var elapsed = _time.GetElapsedTime(started);
            durations.Add(elapsed);
            try
            {
                // Going on (not cancelled, under the trial cap, time left)? Then record and claim in one transaction.
                if (!cancellationToken.IsCancellationRequested
                    && (_options.MaxTrials is not { } cap || trials + 1 < cap)
                    && (_options.Deadline is not { } end || TimeLeftFor(end, durations)))
                {
                    next = _session.RecordAndClaimNext(claim.Tid, _options.WorkerId, result, elapsed);
                }
                else
                {
                    _session.Record(claim.Tid, _options.WorkerId, result, elapsed);
                }
            }
            catch (ClaimLostException)
            {
                durations.RemoveAt(durations.Count - 1);
                continue;
            }

            trials++;
            failures += result.IsOk ? 0 : 1;
            _progress?.Report(new TrialEvent(_options.WorkerId, claim.Tid, false, result));
        }
    }

    /// <summary>Runs the trial while renewing its lease; (null, false) when cancelled, (null, true) when the claim was lost.</summary>
    private async Task<(TrialResult? Result, bool Lost)> RunClaimedAsync(TrialClaim claim, string logs, CancellationToken cancellationToken)
    {
        using var trialCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lost = false;
        var renewEvery = (claim.LeaseUntil - _time.GetUtcNow().UtcDateTime) / 3;
        if (renewEvery < TimeSpan.FromMilliseconds(100))
        {
            renewEvery = TimeSpan.FromMilliseconds(100);
        }

        using var renewing = new CancellationTokenSource();
        var renewal = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(renewEvery, _time, renewing.Token).ConfigureAwait(false);
                    if (!_session.Renew(claim.Tid, _options.WorkerId))
                    {
                        lost = true;
                        await trialCancel.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        var context = new TrialContext(_session.Key.ToString(), claim.Tid, _options.WorkerId, claim.Parameters, logs, _options.Environment);
        try
        {
            var result = await _objective.RunAsync(context, trialCancel.Token).ConfigureAwait(false);
            return (result, false);
        }
        catch (OperationCanceledException) when (trialCancel.IsCancellationRequested)
        {
            return (null, lost);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    /// <summary>The original's rule: start a trial only if the average trial so far fits before the deadline.</summary>
    private bool TimeLeftFor(DateTimeOffset deadline, List<TimeSpan> durations)
    {
        var left = deadline - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return false;
        }

        if (durations.Count > 0)
        {
            return left >= TimeSpan.FromTicks((long)durations.Average(d => d.Ticks));
        }

        var recorded = _session.View().Trials.Where(t => t.Duration is not null).Select(t => t.Duration!.Value).ToList();
        return recorded.Count == 0 || left.TotalSeconds >= recorded.Average();
    }
}
