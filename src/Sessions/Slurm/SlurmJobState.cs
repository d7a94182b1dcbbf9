namespace SlurmSearch.Sessions.Slurm;

/// <summary>A job's (or array task's) state as squeue's <c>%T</c> prints it; <see cref="Unknown"/> for names this build does not know.</summary>
public enum SlurmJobState
{
    /// <summary>A state name not listed here (a newer Slurm); see <see cref="SlurmTaskStatus.StateName"/>.</summary>
    Unknown,

    /// <summary>PENDING: waiting for resources, a dependency, a throttle, …</summary>
    Pending,

    /// <summary>CONFIGURING: resources allocated, nodes booting.</summary>
    Configuring,

    /// <summary>RUNNING.</summary>
    Running,

    /// <summary>SUSPENDED.</summary>
    Suspended,

    /// <summary>STOPPED (SIGSTOP).</summary>
    Stopped,

    /// <summary>SIGNALING: a signal is being delivered.</summary>
    Signaling,

    /// <summary>COMPLETING: ended, processes are being cleaned up.</summary>
    Completing,

    /// <summary>STAGE_OUT: burst-buffer stage-out.</summary>
    StageOut,

    /// <summary>RESIZING.</summary>
    Resizing,

    /// <summary>REQUEUED, REQUEUE_HOLD, REQUEUE_FED or SPECIAL_EXIT: back in the queue, possibly held.</summary>
    Requeued,

    /// <summary>RESV_DEL_HOLD: held because its reservation was deleted.</summary>
    Held,

    /// <summary>COMPLETED: exit code 0.</summary>
    Completed,

    /// <summary>CANCELLED: by scancel or an administrator.</summary>
    Cancelled,

    /// <summary>FAILED: non-zero exit code or launch failure.</summary>
    Failed,

    /// <summary>TIMEOUT: reached its time limit.</summary>
    Timeout,

    /// <summary>NODE_FAIL.</summary>
    NodeFail,

    /// <summary>PREEMPTED.</summary>
    Preempted,

    /// <summary>BOOT_FAIL.</summary>
    BootFail,

    /// <summary>DEADLINE: reached its deadline.</summary>
    Deadline,

    /// <summary>OUT_OF_MEMORY.</summary>
    OutOfMemory,

    /// <summary>REVOKED: a federated sibling started it.</summary>
    Revoked,
}
