namespace SlurmSearch.Sessions;

/// <summary>The original's session statuses, stored as these strings.</summary>
public static class SessionStatus
{
    /// <summary>Workers may claim trials.</summary>
    public const string Active = "active";

    /// <summary>Stopped by a user (or by <c>--max-failures</c>); workers stop claiming.</summary>
    public const string Disabled = "disabled";

    /// <summary>Every one of <c>max_evals</c> results is in.</summary>
    public const string Complete = "complete";
}
