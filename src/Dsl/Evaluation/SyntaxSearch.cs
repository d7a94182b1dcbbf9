using SlurmSearch.Dsl.Syntax;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>Finds expressions of an experiment by where they were written (how a worker process finds the node whose point it evaluates).</summary>
public static class SyntaxSearch
{
    /// <summary>Every expression of the experiment and results blocks, outer before inner.</summary>
    public static IEnumerable<Expression> All(ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Bindings.Select(b => b.Value).Concat(definition.Results.Select(r => r.Value)).SelectMany(Walk);
    }

    /// <summary>The sampling node written at <paramref name="line"/>:<paramref name="column"/>; a clear error when there is none.</summary>
    public static SamplingExpression Sampling(ExperimentDefinition definition, int line, int column) =>
        All(definition).OfType<SamplingExpression>().FirstOrDefault(s => s.Position.Line == line && s.Position.Column == column)
        ?? throw ExperimentException.Because($"experiment {definition.Name} has no sampling node at line {line}, column {column} (was the experiment file changed?)");

    private static IEnumerable<Expression> Walk(Expression expression)
    {
        yield return expression;
        IEnumerable<Expression> children = expression switch
        {
            ObjectiveCall call => call.Arguments,
            UseExpression use => [use.Value, use.Body],
            SamplingExpression sampling => [sampling.Body],
            MeasureExpression measure => [measure.Target],
            _ => [],
        };
        foreach (var child in children.SelectMany(Walk))
        {
            yield return child;
        }
    }
}
