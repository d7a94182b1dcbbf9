namespace SlurmSearch.Agents.Cli;

/// <summary>Bad input to <c>rl_agent</c>: printed as one <c>error: …</c> line, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
