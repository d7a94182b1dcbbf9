using System.Text;
using SlurmSearch.Dsl.Syntax;

namespace SlurmSearch.Dsl.Printing;

/// <summary>
/// <c>--display-ast=true</c>: each result's expression tree as written, in the style of the original's <c>Node.__str__</c>
/// (<c>Sampling[hp ~ hp_space](…)</c>, <c>argmax:mean(…)</c>, <c>use(hp = …)[…]</c>), bindings expanded in place as the
/// original's Python variables were; settings show their config paths, not their values.
/// </summary>
public sealed class TreePrinter
{
    private readonly IReadOnlyDictionary<string, Expression> _bindings;

    private TreePrinter(ExperimentDefinition definition) =>
        _bindings = definition.Bindings.ToDictionary(b => b.Name, b => b.Value, StringComparer.Ordinal);

    /// <summary>Every result as <c>name:</c> and its tree, in the order of the results block.</summary>
    public static string Print(ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var printer = new TreePrinter(definition);
        var text = new StringBuilder();
        foreach (var result in definition.Results)
        {
            text.Append(result.Name).Append(":\n").Append(printer.Write(result.Value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One expression's tree; bindings of <paramref name="definition"/> are expanded.</summary>
    public static string Print(Expression expression, ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(definition);
        return new TreePrinter(definition).Write(expression);
    }

    private string Write(Expression expression) => expression switch
    {
        ObjectiveCall call => $"{call.Objective}({string.Join(", ", call.Arguments.Select(Write))})",
        ParameterReference reference => reference.Path,
        BindingReference reference => Write(Expand(reference)),
        UseExpression use => WriteUse(use),
        SamplingExpression sampling => WriteSampling(sampling),
        MeasureExpression measure => WriteMeasure(measure.Target, measure.Measure),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "unknown expression"),
    };

    private Expression Expand(BindingReference reference) =>
        _bindings.TryGetValue(reference.Name, out var bound) ? bound : throw new ArgumentException($"unknown binding '{reference.Name}'", nameof(reference));

    // Indexing a use indexes its body, as the original's UseNode.__getitem__ did.
    private string WriteMeasure(Expression target, MeasurePath measure) => target switch
    {
        BindingReference reference => WriteMeasure(Expand(reference), measure),
        UseExpression use => WriteUse(use, WriteMeasure(use.Body, measure)),
        _ => $"{measure}({Write(target)})",
    };

    private string WriteUse(UseExpression use, string? body = null)
    {
        var padding = new string(' ', 4 + use.Parameter.Length + 3 + 4);
        return $"use({use.Parameter} = {DisplayNames.Indent(Write(use.Value), padding)})[\n    {DisplayNames.Indent(body ?? Write(use.Body))}\n]";
    }

    private string WriteSampling(SamplingExpression sampling)
    {
        var text = new StringBuilder()
            .Append($"Sampling[{sampling.Variable} ~ {sampling.Space}](\n")
            .Append($"    {DisplayNames.Indent(Write(sampling.Body))},\n")
            .Append($"    sample_count={DisplayNames.Setting(sampling.Samples)},\n")
            .Append($"    method={DisplayNames.Setting(sampling.Method)},\n")
            .Append($"    threads={DisplayNames.Setting(sampling.Threads)},\n")
            .Append($"    strategy={DisplayNames.OriginalStrategy(sampling.Strategy)},\n");
        if (sampling.Measure is not null)
        {
            text.Append($"    {DisplayNames.OriginalStrategy(sampling.Strategy)}_measure={DisplayNames.Setting(sampling.Measure)},\n");
        }

        return text.Append(')').ToString();
    }
}
