namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// An expression of the experiment block: a closed hierarchy (<see cref="ObjectiveCall"/>, <see cref="ParameterReference"/>,
/// <see cref="BindingReference"/>, <see cref="UseExpression"/>, <see cref="SamplingExpression"/>, <see cref="MeasureExpression"/>),
/// walked with an exhaustive <c>switch</c>. Nodes are immutable and compare by structure, never by position.
/// </summary>
public abstract record Expression
{
    private protected Expression(SourcePosition position) => Position = position;

    /// <summary>Where the expression starts in its file.</summary>
    public SourcePosition Position { get; init; }
}
