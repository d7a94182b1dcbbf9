using System.Text;
using SlurmSearch.Dsl.Syntax;

namespace SlurmSearch.Dsl.Printing;

/// <summary>
/// <c>--display-ast=abstract</c>: each result as mathematics, following the original's <c>abstract_expr_str</c>: a measure is
/// pushed into the sampling nodes it applies to, so <c>["mean"]</c> of a random node reads <c>E(run_seed ~ run_seed_space) [ … ]</c>,
/// of an enumeration <c>1/n ∑(…)</c>, <c>std</c> reads <c>√ Var</c>, <c>min max cdf argmin argmax</c> read as themselves,
/// <c>point_values</c> reads <c>λ hp in hp_space -> ( … )</c>, and any other measure prefixes the strategy
/// (<c>mean_maximizing_sampling(…)</c>); without a measure a node reads <c>random_sampling(…)</c> and so on.
/// </summary>
public sealed class AbstractPrinter
{
    private readonly IReadOnlyDictionary<string, Expression> _bindings;

    private AbstractPrinter(ExperimentDefinition definition) =>
        _bindings = definition.Bindings.ToDictionary(b => b.Name, b => b.Value, StringComparer.Ordinal);

    /// <summary>Every result as <c>name:</c> and its formula, in the order of the results block.</summary>
    public static string Print(ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var printer = new AbstractPrinter(definition);
        var text = new StringBuilder();
        foreach (var result in definition.Results)
        {
            text.Append(result.Name).Append(":\n").Append(printer.Write(result.Value, [])).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One expression's formula; bindings of <paramref name="definition"/> are expanded.</summary>
    public static string Print(Expression expression, ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(definition);
        return new AbstractPrinter(definition).Write(expression, []);
    }

    private string Write(Expression expression, IReadOnlyList<string> measure) => expression switch
    {
        ObjectiveCall call => $"{call.Objective}({string.Join(", ", call.Arguments.Select(a => Write(a, [])))})",
        ParameterReference reference => reference.Path,
        BindingReference reference => Write(
            _bindings.TryGetValue(reference.Name, out var bound) ? bound : throw new ArgumentException($"unknown binding '{reference.Name}'", nameof(expression)),
            measure),
        UseExpression use => WriteUse(use, measure),
        SamplingExpression sampling => WriteSampling(sampling, measure),
        MeasureExpression indexed => Write(indexed.Target, [.. indexed.Measure.Parts]),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "unknown expression"),
    };

    private string WriteUse(UseExpression use, IReadOnlyList<string> measure)
    {
        var padding = new string(' ', 4 + use.Parameter.Length + 3 + 4);
        return $"use({use.Parameter} = {DisplayNames.Indent(Write(use.Value, []), padding)})[\n    {DisplayNames.Indent(Write(use.Body, measure))}\n]";
    }

    private string WriteSampling(SamplingExpression sampling, IReadOnlyList<string> measure)
    {
        var head = measure.Count > 0 ? measure[0] : null;
        var rest = measure.Count > 1 ? measure.Skip(1).ToList() : [];
        var body = DisplayNames.Indent(Write(sampling.Body, rest));
        var strategy = sampling.Strategy switch
        {
            SamplingStrategy.Enumerate => "enumeration_sampling",
            SamplingStrategy.Random => "random_sampling",
            SamplingStrategy.Minimize => "minimizing_sampling",
            _ => "maximizing_sampling",
        };
        var name = head is null ? strategy : $"{head}_{strategy}";
        switch (head)
        {
            case "mean" when sampling.Strategy == SamplingStrategy.Enumerate:
                name = "1/n ∑";
                break;
            case "mean" when sampling.Strategy == SamplingStrategy.Random:
                name = "E";
                break;
            case "std" when sampling.Strategy is SamplingStrategy.Random or SamplingStrategy.Enumerate:
                name = "√ Var";
                break;
            case "min" or "max" or "cdf" or "argmin" or "argmax":
                name = head;
                break;
            case "point_values":
                return $"λ {sampling.Variable} in {sampling.Space} -> (\n    {body}\n)";
        }

        var symbol = sampling.Strategy == SamplingStrategy.Enumerate ? "in" : "~";
        return $"{name}({sampling.Variable} {symbol} {sampling.Space}) [\n    {body}\n]";
    }
}
