namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Where a run of a sweep stands.</summary>
public enum SweepSessionRunStatus
{
    /// <summary>Queued: not started yet, or handed back (by a stop, a Slurm timeout or a restart) to start again.</summary>
    Pending,

    /// <summary>Claimed by a worker that is running it.</summary>
    Running,

    /// <summary>Exited with status 0 (and, if it wrote a JSON result, not with status fail).</summary>
    Succeeded,

    /// <summary>Exited non-zero, was killed, or reported status fail.</summary>
    Failed,

    /// <summary>Ended by <c>ssearch stop</c>.</summary>
    Stopped,
}
