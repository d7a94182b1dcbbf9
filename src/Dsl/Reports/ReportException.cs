namespace SlurmSearch.Dsl.Reports;

/// <summary>A report could not be written: a call of an unknown kind, an argument of the wrong shape, or a state without report calls.</summary>
public sealed class ReportException : SearchException
{
    private ReportException(string message, string? call, string? argument)
        : base(message)
    {
        Call = call;
        Argument = argument;
    }

    /// <summary>The report call kind at fault (<c>cdfs</c>, <c>surface</c>, …), when one is.</summary>
    public string? Call { get; }

    /// <summary>The argument at fault (its name, or <c>#N</c> for the N-th positional one), when one is.</summary>
    public string? Argument { get; }

    /// <summary>An argument whose value does not have the shape the call needs.</summary>
    public static ReportException BadArgument(string call, string argument, string expected, string found) =>
        new($"report {call}(): argument '{argument}' must be {expected}, got {found}", call, argument);

    /// <summary>A required argument is absent.</summary>
    public static ReportException MissingArgument(string call, string argument, string expected) =>
        new($"report {call}(): argument '{argument}' ({expected}) is missing", call, argument);

    /// <summary>An argument the call does not know.</summary>
    public static ReportException UnknownArgument(string call, string argument, IEnumerable<string> known) =>
        new($"report {call}(): unknown argument '{argument}' (known: {string.Join(", ", known)})", call, argument);

    /// <summary>A call of a kind no report knows.</summary>
    public static ReportException UnknownKind(string call) =>
        new($"unknown report '{call}' (known: {string.Join(", ", ReportKinds.All)})", call, null);

    /// <summary>A stored report call that is not a <c>(kind, [(name or None, value), …])</c> tuple.</summary>
    public static ReportException MalformedCall(string detail) =>
        new($"malformed report call in the experiment state: {detail}", null, null);

    /// <summary>An experiment state that holds no (or malformed) <c>report_calls</c>.</summary>
    public static ReportException NoReportCalls(string key, string detail) =>
        new($"{key}: {detail}", null, null);
}
