namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A name that reads the current experiment parameters: a config path (<c>env</c>, <c>search:threads</c>), a sampling variable
/// bound by an enclosing sampling node, or a name set by an enclosing <c>use</c>. As an objective-call argument, a name ending in
/// <c>_params</c> that is not found falls back to the name without the suffix (the original's rule).
/// </summary>
/// <param name="Path">The path, parts joined with <c>:</c>.</param>
/// <param name="Position">Where the name was written.</param>
public sealed record ParameterReference(string Path, SourcePosition Position = default) : Expression(Position);
