namespace SlurmSearch.Sessions;

/// <summary>The answer to a worker asking for a trial.</summary>
public enum ClaimStatus
{
    /// <summary>A trial was claimed.</summary>
    Claimed,

    /// <summary>Nothing to claim now, but trials of other workers are still running (one may come back if its lease lapses).</summary>
    Wait,

    /// <summary>Every trial is done or claimed for good: the session is complete.</summary>
    Complete,

    /// <summary>The session is disabled.</summary>
    Disabled,
}
