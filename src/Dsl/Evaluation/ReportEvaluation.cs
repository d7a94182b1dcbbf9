using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Store.Values;
using EvaluatedCall = SlurmSearch.Dsl.Reports.ReportCall;
using EvaluatedArgument = SlurmSearch.Dsl.Reports.ReportArgument;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>Evaluates the <c>report</c> block's arguments against an experiment's results, for <see cref="Reports.ReportWriter"/>.</summary>
public static class ReportEvaluation
{
    /// <summary>Every report call of <paramref name="definition"/> with its arguments evaluated.</summary>
    public static IReadOnlyList<EvaluatedCall> Evaluate(ExperimentDefinition definition, PyDict results)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(results);
        return [.. definition.Report.Select(call => new EvaluatedCall(
            Syntax.ReportCall.KeywordOf(call.Kind),
            [.. call.Arguments.Select(a => new EvaluatedArgument(a.Name, Value(a.Value, results)))]))];
    }

    private static PyValue Value(ReportValue value, PyDict results) => value switch
    {
        ResultReference reference => results.TryGetValue(reference.Name, out var found)
            ? found
            : throw ExperimentException.Because($"report: no result named '{reference.Name}'"),
        ReportIndex index => Index(Value(index.Target, results), index.Key),
        ReportTuple tuple => new PyTuple(tuple.Items.Select(i => Value(i, results))),
        ReportLiteral literal => literal.Value,
        _ => throw new ArgumentException($"unknown report value {value.GetType().Name}", nameof(value)),
    };

    private static PyValue Index(PyValue target, MeasurePath key)
    {
        if (key.Parts.Count == 1 && target is PyDict dict && dict.TryGetValue(key.Head, out var direct))
        {
            return direct;
        }

        var spec = MeasureNames.Parse(key.ToString());
        return Measures.Tree(Measures.PointValues(target, spec), spec);
    }
}
