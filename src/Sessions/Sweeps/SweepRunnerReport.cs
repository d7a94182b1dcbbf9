namespace SlurmSearch.Sessions.Sweeps;

/// <summary>What launching (or running) a sweep did.</summary>
/// <param name="Backend">Where the runs went.</param>
/// <param name="Launched">The run indices launched, in order.</param>
/// <param name="Runs">Every run of the sweep as it stands afterwards.</param>
/// <param name="SlurmJobId">The array job id (Slurm backend).</param>
/// <param name="Commands">What was run or printed per run: tmux windows, <c>ngc batch run</c> command lines.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SweepRunnerReport(
    SweepBackend Backend,
    IReadOnlyList<int> Launched,
    IReadOnlyList<SweepSessionRun> Runs,
    string? SlurmJobId,
    IReadOnlyList<string> Commands,
    TimeSpan Elapsed)
{
    /// <summary>Runs that succeeded.</summary>
    public int Succeeded => Runs.Count(r => r.Status == SweepSessionRunStatus.Succeeded);

    /// <summary>Runs that failed or were stopped.</summary>
    public int Failed => Runs.Count(r => r.Status is SweepSessionRunStatus.Failed or SweepSessionRunStatus.Stopped);
}
