namespace SlurmSearch.Sessions;

/// <summary>A session operation that cannot be done: a bad index, an unknown algorithm, a state from a newer format, an objective that cannot run.</summary>
public sealed class SessionException : SearchException
{
    private SessionException(string message, int exitCode, Exception? inner)
        : base(message, inner) => ExitCode = exitCode;

    /// <inheritdoc />
    public override int ExitCode { get; }

    /// <summary>Creates the exception (exit code 2 unless said otherwise).</summary>
    public static SessionException Because(string message, Exception? inner = null) => new(message, 2, inner);

    /// <summary>A session written by a newer format version.</summary>
    public static SessionException NewerFormat(string session, long found, long supported) =>
        new($"{session}: written by a newer SlurmSearch (session format {found}; this one reads {supported}): upgrade ssearch", 3, null);
}
