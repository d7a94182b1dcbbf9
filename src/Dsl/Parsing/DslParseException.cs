using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>
/// An experiment file could not be read or failed its checks: carries every error found (at least one), each with file, line,
/// column and the source line; <see cref="File"/>, <see cref="Line"/> and <see cref="Column"/> are the first one's.
/// </summary>
public sealed class DslParseException : SearchException
{
    private DslParseException(IReadOnlyList<SpaceParseError> errors)
        : base(Summarize(errors))
    {
        Errors = errors;
    }

    /// <summary>Every error, in source order.</summary>
    public IReadOnlyList<SpaceParseError> Errors { get; }

    /// <summary>The file of the first error, or null when the text did not come from a file.</summary>
    public string? File => Errors[0].File;

    /// <summary>The 1-based line of the first error.</summary>
    public int Line => Errors[0].Line;

    /// <summary>The 1-based column of the first error.</summary>
    public int Column => Errors[0].Column;

    /// <summary>Creates the exception from one or more errors (sorted into source order).</summary>
    public static DslParseException FromErrors(IEnumerable<SpaceParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        SpaceParseError[] sorted = [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
        return sorted.Length == 0
            ? throw new ArgumentException("a parse exception needs at least one error", nameof(errors))
            : new DslParseException(sorted);
    }

    /// <summary>Every error as <c>file:line:column: message</c>, the source line and a caret line.</summary>
    public string ToDisplayString() => string.Join("\n", Errors.Select(e => e.ToDisplayString()));

    private static string Summarize(IReadOnlyList<SpaceParseError> errors)
    {
        var first = errors[0];
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count > 2 ? "s" : "")})" : "";
        return $"{first.File ?? "<experiment>"}:{first.Line}:{first.Column}: {first.Message}{more}";
    }
}
