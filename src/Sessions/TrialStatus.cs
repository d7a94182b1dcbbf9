namespace SlurmSearch.Sessions;

/// <summary>Where a trial stands, derived from its document (the original stored <c>state</c> 1 for every trial and decided by <c>result.status</c>).</summary>
public enum TrialStatus
{
    /// <summary>Claimed by a worker whose lease is current.</summary>
    Running,

    /// <summary>Handed back or reset: the next claim resumes it.</summary>
    Resumable,

    /// <summary>Finished with a loss.</summary>
    Ok,

    /// <summary>Finished without a usable loss (non-zero exit, timeout, unparsable result).</summary>
    Fail,
}
