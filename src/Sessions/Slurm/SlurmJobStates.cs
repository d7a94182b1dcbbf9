namespace SlurmSearch.Sessions.Slurm;

/// <summary>Reads squeue's state names and classifies states.</summary>
public static class SlurmJobStates
{
    /// <summary>The state for a squeue <c>%T</c> name (case-insensitive; a trailing <c>+</c> or a sacct-style suffix such as <c>CANCELLED by 0</c> is ignored).</summary>
    public static SlurmJobState Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var word = name.Trim().Split(' ', 2)[0].TrimEnd('+').ToUpperInvariant();
        return word switch
        {
            "PENDING" or "PD" => SlurmJobState.Pending,
            "CONFIGURING" or "CF" => SlurmJobState.Configuring,
            "RUNNING" or "R" => SlurmJobState.Running,
            "SUSPENDED" or "S" => SlurmJobState.Suspended,
            "STOPPED" or "ST" => SlurmJobState.Stopped,
            "SIGNALING" or "SI" => SlurmJobState.Signaling,
            "COMPLETING" or "CG" => SlurmJobState.Completing,
            "STAGE_OUT" or "SO" => SlurmJobState.StageOut,
            "RESIZING" or "RS" => SlurmJobState.Resizing,
            "REQUEUED" or "RQ" or "REQUEUE_HOLD" or "RH" or "REQUEUE_FED" or "RF" or "SPECIAL_EXIT" or "SE" => SlurmJobState.Requeued,
            "RESV_DEL_HOLD" or "RD" => SlurmJobState.Held,
            "COMPLETED" or "CD" => SlurmJobState.Completed,
            "CANCELLED" or "CA" => SlurmJobState.Cancelled,
            "FAILED" or "F" => SlurmJobState.Failed,
            "TIMEOUT" or "TO" => SlurmJobState.Timeout,
            "NODE_FAIL" or "NF" => SlurmJobState.NodeFail,
            "PREEMPTED" or "PR" => SlurmJobState.Preempted,
            "BOOT_FAIL" or "BF" => SlurmJobState.BootFail,
            "DEADLINE" or "DL" => SlurmJobState.Deadline,
            "OUT_OF_MEMORY" or "OOM" => SlurmJobState.OutOfMemory,
            "REVOKED" or "RV" => SlurmJobState.Revoked,
            _ => SlurmJobState.Unknown,
        };
    }

    /// <summary>Whether a job in this state is still in the queue (waiting, running or winding down) rather than finished; unknown states count as active so that nothing is resubmitted twice.</summary>
    public static bool IsActive(SlurmJobState state) => state switch
    {
        SlurmJobState.Completed or SlurmJobState.Cancelled or SlurmJobState.Failed or SlurmJobState.Timeout
            or SlurmJobState.NodeFail or SlurmJobState.Preempted or SlurmJobState.BootFail or SlurmJobState.Deadline
            or SlurmJobState.OutOfMemory or SlurmJobState.Revoked => false,
        _ => true,
    };
}
