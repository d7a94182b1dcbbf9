using System.Text;
using SlurmSearch.Dsl.Evaluation;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Cli.Experiments;

/// <summary>Prints parameter trees and results readably: one <c>key: value</c> per line, nested maps indented, spaces in their syntax.</summary>
internal static class ValuePrinter
{
    private const int MaxValueChars = 400;

    public static void Tree(TextWriter output, IReadOnlyDictionary<string, object?> tree, int indent = 2)
    {
        foreach (var (key, value) in tree)
        {
            if (value is IReadOnlyDictionary<string, object?> nested)
            {
                output.WriteLine($"{new string(' ', indent)}{key}:");
                Tree(output, nested, indent + 2);
            }
            else
            {
                output.WriteLine($"{new string(' ', indent)}{key}: {Scalar(value)}");
            }
        }
    }

    public static void Results(TextWriter output, PyDict results)
    {
        foreach (var (key, value) in results)
        {
            var text = value is PyDict measures && measures.ContainsKey(MeasureNames.SessionName)
                ? Summary(measures)
                : PyRepr.Format(value);
            output.WriteLine($"  {(key is PyStr s ? s.Value : PyRepr.Format(key))}: {Shorten(text)}");
        }
    }

    private static string Summary(PyDict measures)
    {
        var builder = new StringBuilder("{");
        foreach (var name in new[] { MeasureNames.SessionName, "mean", "std", "min", "max", "argmax" })
        {
            if (measures.TryGetValue(name, out var v))
            {
                builder.Append(builder.Length > 1 ? ", " : string.Empty).Append(name).Append(": ").Append(PyRepr.Format(v));
            }
        }

        return builder.Append(", …}").ToString();
    }

    private static string Scalar(object? value) => value switch
    {
        StructuredSpace space => space.ToString(),
        string s => s,
        _ => PyRepr.Format(ExperimentParams.ToPy(value)),
    };

    private static string Shorten(string text) => text.Length <= MaxValueChars ? text : text[..(MaxValueChars - 1)] + "…";
}
