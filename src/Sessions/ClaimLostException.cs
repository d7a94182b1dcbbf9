namespace SlurmSearch.Sessions;

/// <summary>A worker reported on a trial it no longer holds (its lease lapsed and the trial went to someone else, or it was reset).</summary>
public sealed class ClaimLostException : SearchException
{
    private ClaimLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public static ClaimLostException For(string session, long tid, string worker, string? holder) =>
        new($"{session}: trial {tid} is not claimed by worker '{worker}'" + (holder is null ? " (it is not claimed at all)" : $" (held by '{holder}')"));
}
