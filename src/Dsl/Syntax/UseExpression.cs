namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// <c>use(param = value)[body]</c>: evaluates <paramref name="Value"/>, then <paramref name="Body"/> with the experiment parameter
/// <paramref name="Parameter"/> (a path such as <c>hp</c> or <c>run_params:train_frames</c>) set to it. Indexing a use with a
/// measure indexes its body, as the original's <c>UseNode.__getitem__</c> did.
/// </summary>
/// <param name="Parameter">The parameter path set, parts joined with <c>:</c>.</param>
/// <param name="Value">The value's expression.</param>
/// <param name="Body">The expression evaluated with the parameter set.</param>
/// <param name="Position">Where <c>use</c> was written.</param>
public sealed record UseExpression(string Parameter, Expression Value, Expression Body, SourcePosition Position = default)
    : Expression(Position);
