namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A measure of a sampling node's results, e.g. <c>space_samples["argmax:mean"]</c>; the target is a sampling node, a <c>use</c>
/// whose body is indexable, or a binding of one (checked at parse time).
/// </summary>
/// <param name="Target">The indexed expression.</param>
/// <param name="Measure">The measure, outermost part first.</param>
/// <param name="Position">Where the index (<c>[</c>) was written.</param>
public sealed record MeasureExpression(Expression Target, MeasurePath Measure, SourcePosition Position = default)
    : Expression(Position);
