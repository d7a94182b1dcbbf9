namespace SlurmSearch.Sessions.Sweeps;

/// <summary>One run of a sweep as <c>show</c> lists it: the plan's run and its outcome.</summary>
/// <param name="Run">The planned run (name, directory, command).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ExitCode">The command's exit code once finished (128 + N when killed by signal N).</param>
/// <param name="Duration">Seconds it ran, once finished.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Worker">The worker that ran or runs it.</param>
/// <param name="Result">The whole result dict (exit code, the command's JSON result fields, stderr tail of failures).</param>
public sealed record SweepSessionRun(
    SweepRun Run,
    SweepSessionRunStatus Status,
    int? ExitCode,
    double? Duration,
    string? Error,
    string? Worker,
    IReadOnlyDictionary<string, object?> Result)
{
    /// <summary>The status as <c>show</c> prints it (lower case).</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();

    internal static SweepSessionRun From(SweepRun run, TrialView? trial)
    {
        if (trial is null)
        {
            return new SweepSessionRun(run, SweepSessionRunStatus.Pending, null, null, null, null, new Dictionary<string, object?>());
        }

        var result = trial.Result;
        int? exit = result.TryGetValue("exit_code", out var e) && e is long code ? (int)code : null;
        var stopped = result.TryGetValue("stopped", out var s) && s is true;
        var status = trial.Status switch
        {
            TrialStatus.Ok => SweepSessionRunStatus.Succeeded,
            TrialStatus.Fail when stopped => SweepSessionRunStatus.Stopped,
            TrialStatus.Fail => SweepSessionRunStatus.Failed,
            TrialStatus.Running when trial.Worker is not null => SweepSessionRunStatus.Running,
            _ => SweepSessionRunStatus.Pending,
        };
        return new SweepSessionRun(
            run,
            status,
            exit,
            trial.Status is TrialStatus.Ok or TrialStatus.Fail ? trial.Duration : null,
            result.TryGetValue("error", out var err) ? err as string : null,
            trial.Worker,
            result);
    }
}
