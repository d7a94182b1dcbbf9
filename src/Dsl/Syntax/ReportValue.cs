namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A value in a report call: a closed hierarchy (<see cref="ResultReference"/>, <see cref="ReportIndex"/>,
/// <see cref="ReportTuple"/>, <see cref="ReportLiteral"/>) over the experiment's results.
/// </summary>
public abstract record ReportValue
{
    private protected ReportValue(SourcePosition position) => Position = position;

    /// <summary>Where the value starts in its file.</summary>
    public SourcePosition Position { get; init; }
}
