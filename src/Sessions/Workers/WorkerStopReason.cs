namespace SlurmSearch.Sessions.Workers;

/// <summary>Why a worker stopped.</summary>
public enum WorkerStopReason
{
    /// <summary>The session is complete.</summary>
    Complete,

    /// <summary>The session was disabled.</summary>
    Disabled,

    /// <summary>The next trial would not finish before the deadline.</summary>
    Deadline,

    /// <summary>Asked to stop (a signal): the running trial was handed back.</summary>
    Cancelled,

    /// <summary>Ran its allowed number of trials.</summary>
    MaxTrials,
}
