namespace SlurmSearch.Dsl.Syntax;

/// <summary>The value of a named entry of the <c>results</c> block.</summary>
/// <param name="Name">The result's name.</param>
/// <param name="Position">Where the name was written.</param>
public sealed record ResultReference(string Name, SourcePosition Position = default) : ReportValue(Position);
