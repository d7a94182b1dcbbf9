namespace SlurmSearch.Cli;

/// <summary>A command was called with arguments that parse but make no sense together: exit code 1.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
