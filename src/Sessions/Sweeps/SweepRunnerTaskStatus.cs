namespace SlurmSearch.Sessions.Sweeps;

/// <summary>How a <see cref="SweepRunnerTask"/> ended.</summary>
public enum SweepRunnerTaskStatus
{
    /// <summary>The run ran and its outcome is recorded (success or failure).</summary>
    Finished,

    /// <summary>The run was not started: already finished, running elsewhere, or the sweep is stopped.</summary>
    NotClaimed,

    /// <summary>Stopped by a signal; the run is queued again.</summary>
    Cancelled,

    /// <summary>Still running at the timeout; stopped and queued again (the Slurm task should be requeued).</summary>
    TimedOut,

    /// <summary>The claim was taken away (a restart); the outcome was not recorded.</summary>
    ClaimLost,
}
