namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>The text of a space could not be read: carries every error found (at least one), the first one's position in <see cref="File"/>, <see cref="Line"/>, <see cref="Column"/>.</summary>
/// <remarks>
/// A <see cref="FormatException"/> rather than a <c>SearchException</c>: the search engine references no other project. Callers that
/// report domain errors (the CLI, the DSL) wrap it.
/// </remarks>
public sealed class SpaceParseException : FormatException
{
    /// <summary>Creates the exception from one or more errors.</summary>
    public SpaceParseException(IReadOnlyList<SpaceParseError> errors)
        : base(Summarize(errors))
    {
        Errors = [.. errors];
    }

    /// <summary>Every error, in source order.</summary>
    public IReadOnlyList<SpaceParseError> Errors { get; }

    /// <summary>The file of the first error, or null when the text did not come from a file.</summary>
    public string? File => Errors[0].File;

    /// <summary>The 1-based line of the first error.</summary>
    public int Line => Errors[0].Line;

    /// <summary>The 1-based column of the first error.</summary>
    public int Column => Errors[0].Column;

    /// <summary>Every error as <c>file:line:column: message</c>, the source line and a caret line.</summary>
    public string ToDisplayString() => string.Join("\n", Errors.Select(e => e.ToDisplayString()));

    private static string Summarize(IReadOnlyList<SpaceParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("a parse exception needs at least one error", nameof(errors));
        }

        var first = errors[0];
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count > 2 ? "s" : "")})" : "";
        return $"{first.File ?? "<space>"}:{first.Line}:{first.Column}: {first.Message}{more}";
    }
}
