namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>One problem found while reading a space: where (1-based line and column) and what.</summary>
public sealed record SpaceParseError(string? File, int Line, int Column, string Message, string SourceLine)
{
    /// <summary><c>file:line:column: message</c>, then the source line and a caret under the column.</summary>
    public string ToDisplayString()
    {
        var caretPad = new string([.. SourceLine.Take(Math.Max(0, Column - 1)).Select(c => c == '\t' ? '\t' : ' ')]);
        return $"{File ?? "<space>"}:{Line}:{Column}: {Message}\n{SourceLine}\n{caretPad}^";
    }
}
