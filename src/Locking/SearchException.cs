namespace SlurmSearch;

/// <summary>Base of every domain error SlurmSearch reports: the CLI prints its message as one line <c>error: …</c> with <see cref="ExitCode"/>.</summary>
/// <remarks>Lives in the lowest project (Locking) so every layer can derive from it.</remarks>
public abstract class SearchException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected SearchException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The process exit code the CLI uses for this error (2 or more; 1 is reserved for usage errors).</summary>
    public virtual int ExitCode => 2;
}
