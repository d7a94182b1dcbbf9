using System.Globalization;
using System.Text;
using SlurmSearch.Dsl.Config;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Printing;

/// <summary>
/// The canonical text of an experiment: <see cref="SlurmSearch.Dsl.Parsing.ExperimentParser"/> reads it back to an equal
/// definition. Blocks in a fixed order, one config entry, binding, result and report per line, nested bodies indented by four.
/// </summary>
public static class SourcePrinter
{
    /// <summary>The canonical text of <paramref name="definition"/>.</summary>
    public static string Print(ExperimentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder();
        WriteMap(text, "config", definition.Config);
        if (definition.DebugOverrides.Entries.Count > 0)
        {
            WriteMap(text, "debug", definition.DebugOverrides);
        }

        foreach (var objective in definition.Objectives)
        {
            text.Append($"objective {objective.Name}({string.Join(", ", objective.Parameters)}) = command {SpacePrinter.Quote(objective.Command)} field {SpacePrinter.Quote(objective.ResultField)}\n\n");
        }

        text.Append("experiment {\n");
        foreach (var binding in definition.Bindings)
        {
            text.Append($"    {binding.Name} = {DisplayNames.Indent(Expression(binding.Value))}\n");
        }

        text.Append("}\n\nresults {\n");
        foreach (var result in definition.Results)
        {
            text.Append(result.Value is BindingReference reference && reference.Name == result.Name
                ? $"    {result.Name}\n"
                : $"    {result.Name}: {DisplayNames.Indent(Expression(result.Value))}\n");
        }

        text.Append("}\n");
        if (definition.Report.Count > 0)
        {
            text.Append("\nreport {\n");
            foreach (var call in definition.Report)
            {
                var arguments = call.Arguments.Select(a => a.Name is null ? Report(a.Value) : $"{Key(a.Name)}: {Report(a.Value)}");
                text.Append($"    {ReportCall.KeywordOf(call.Kind)}({string.Join(", ", arguments)})\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    /// <summary>The canonical text of one expression (multi-line when it has bodies).</summary>
    public static string Expression(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            ObjectiveCall call => $"{call.Objective}({string.Join(", ", call.Arguments.Select(Expression))})",
            ParameterReference reference => reference.Path,
            BindingReference reference => reference.Name,
            UseExpression use => $"use({use.Parameter} = {Expression(use.Value)})[\n    {DisplayNames.Indent(Expression(use.Body))}\n]",
            SamplingExpression sampling => Sampling(sampling),
            MeasureExpression measure => $"{Expression(measure.Target)}[{SpacePrinter.Quote(measure.Measure.ToString())}]",
            _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "unknown expression"),
        };
    }

    /// <summary>The canonical text of one config value (spaces in the space syntax).</summary>
    public static string Value(ConfigValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            ConfigScalar scalar => Scalar(scalar.Value),
            ConfigList list => $"[{string.Join(", ", list.Items.Select(Value))}]",
            ConfigMap map => map.Entries.Count == 0 ? "{}" : $"{{ {string.Join(", ", map.Entries.Select(e => $"{Key(e.Key)}: {Value(e.Value)}"))} }}",
            ConfigSpace space => SpacePrinter.Print(space.Space),
            _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown config value"),
        };
    }

    private static void WriteMap(StringBuilder text, string block, ConfigMap map)
    {
        text.Append(block).Append(" {\n");
        foreach (var entry in map.Entries)
        {
            text.Append($"    {Key(entry.Key)}: {Value(entry.Value)}\n");
        }

        text.Append("}\n\n");
    }


    private static string Sampling(SamplingExpression sampling)
    {
        var text = new StringBuilder(DisplayNames.Keyword(sampling.Strategy)).Append(' ').Append(sampling.Variable);
        text.Append(" ~ ").Append(sampling.Space);
        if (sampling.Measure is { } measure)
        {
            text.Append(" by ").Append(measure.ConfigPath ?? SpacePrinter.Quote(measure.Literal!.Value.ToString()));
        }

        if (sampling.Samples is { } samples)
        {
            text.Append(" samples ").Append(samples.ConfigPath ?? samples.Literal!.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (sampling.Method is { } method)
        {
            text.Append(" method ").Append(method.ConfigPath ?? DisplayNames.Keyword(method.Literal!.Value));
        }

        if (sampling.Threads is { } threads)
        {
            text.Append(" threads ").Append(threads.ConfigPath ?? threads.Literal!.Value.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(" [\n    ").Append(DisplayNames.Indent(Expression(sampling.Body))).Append("\n]").ToString();
    }

    private static string Report(ReportValue value) => value switch
    {
        ResultReference reference => reference.Name,
        ReportIndex index => $"{Report(index.Target)}[{SpacePrinter.Quote(index.Key.ToString())}]",
        ReportTuple tuple => $"({string.Join(", ", tuple.Items.Select(Report))})",
        ReportLiteral literal => Scalar(literal.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown report value"),
    };

    private static string Scalar(PyValue value) => value switch
    {
        PyStr s => SpacePrinter.Quote(s.Value),
        PyInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        PyFloat f => SpacePrinter.FormatFloat(f.Value),
        PyBool b => b.Value ? "true" : "false",
        PyNone => "null",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a scalar"),
    };

    private static string Key(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? key : SpacePrinter.Quote(key);
}
