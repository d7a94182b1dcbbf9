namespace SlurmSearch.Sessions.Config;

/// <summary>The configuration file is not valid YAML or not a valid ssearch configuration: names the file, line and column.</summary>
public sealed class ConfigException : SearchException
{
    private ConfigException(string message, string file, int? line, int? column, string reason, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The configuration file (or the name given to the parsed text).</summary>
    public string File { get; }

    /// <summary>1-based line of the problem, when it has one.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem, when it has one.</summary>
    public int? Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>Creates the exception with a uniform message: <c>{file}:{line}:{column}: {reason}</c>.</summary>
    public static ConfigException At(string file, int line, int column, string reason, Exception? inner = null) =>
        new($"{file}:{line}:{column}: {reason}", file, line, column, reason, inner);

    /// <summary>A problem of the file as a whole (or of a request against it): <c>{file}: {reason}</c>.</summary>
    public static ConfigException InFile(string file, string reason, Exception? inner = null) =>
        new($"{file}: {reason}", file, null, null, reason, inner);
}
