namespace SlurmSearch.Sessions.Sweeps;

/// <summary>A sweep cannot be planned: bad sweep file (with file, line and column when it has a position), bad option or bad variable; nothing was launched.</summary>
public sealed class SweepPlanException : SearchException
{
    private SweepPlanException(string message, string? file, int? line, int? column, string? sourceLine, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
        SourceLine = sourceLine;
    }

    /// <summary>The sweep file, when the problem is in one.</summary>
    public string? File { get; }

    /// <summary>1-based line of the problem, when it has a position.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the problem, when it has a position.</summary>
    public int? Column { get; }

    /// <summary>The text of the offending line, when known.</summary>
    public string? SourceLine { get; }

    /// <summary>A problem at a position: the message is <c>file:line:column: reason</c>.</summary>
    public static SweepPlanException At(string file, int line, int column, string reason, string? sourceLine = null, Exception? inner = null) =>
        new($"{file}:{line}:{column}: {reason}", file, line, column, sourceLine, inner);

    /// <summary>A problem of a whole file: the message is <c>file: reason</c>.</summary>
    public static SweepPlanException InFile(string file, string reason, Exception? inner = null) =>
        new($"{file}: {reason}", file, null, null, null, inner);

    /// <summary>A problem of the request (options, variables): the message is the reason.</summary>
    public static SweepPlanException Because(string reason, Exception? inner = null) => new(reason, null, null, null, null, inner);

    /// <summary>The message, then (when known) the offending line and a caret under the column.</summary>
    public string ToDisplayString()
    {
        if (SourceLine is null || Column is not { } column)
        {
            return Message;
        }

        var pad = new string([.. SourceLine.Take(Math.Max(0, column - 1)).Select(c => c == '\t' ? '\t' : ' ')]);
        return $"{Message}\n{SourceLine}\n{pad}^";
    }
}
