using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>A sampling node's options resolved against the parameters (the original's <c>bind_params</c>).</summary>
/// <param name="Space">The space of the sampling variable (a choice over the items for a list).</param>
/// <param name="SpaceValue">The parameter the space came from (a space or a list), as recorded in the sub-session.</param>
/// <param name="Algo">The sampler: rand, grid or tpe.</param>
/// <param name="Count">How many points (0 = every point of an enumeration).</param>
/// <param name="Method">Where the trials run.</param>
/// <param name="Threads">Parallel workers of cpu / slurm.</param>
/// <param name="Measure">The optimised measure, or null.</param>
public sealed record SamplingSettings(
    StructuredSpace Space,
    object? SpaceValue,
    string Algo,
    int Count,
    SamplingMethod Method,
    int Threads,
    IReadOnlyList<string>? Measure)
{
    /// <summary>Resolves <paramref name="node"/>'s options in <paramref name="parameters"/>; a missing or ill-typed one is a clear error.</summary>
    public static SamplingSettings Resolve(SamplingExpression node, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(parameters);
        var spaceValue = ExperimentParams.Get(parameters, node.Space)
            ?? throw ExperimentException.Because($"{At(node)}: the space '{node.Space}' of sampling variable '{node.Variable}' is not a parameter");
        var space = spaceValue switch
        {
            StructuredSpace s => s,
            IList<object?> { Count: > 0 } list => Choice(node.Variable, list),
            _ => throw ExperimentException.Because($"{At(node)}: '{node.Space}' is {Describe(spaceValue)}, not a space or a non-empty list"),
        };
        var algo = node.Strategy switch
        {
            SamplingStrategy.Random => "rand",
            SamplingStrategy.Enumerate => "grid",
            _ => "tpe",
        };
        int count;
        if (node.Strategy == SamplingStrategy.Enumerate && spaceValue is IList<object?> items)
        {
            count = items.Count;
        }
        else if (node.Samples is null)
        {
            count = node.Strategy == SamplingStrategy.Enumerate ? 0
                : throw ExperimentException.Because($"{At(node)}: sampling '{node.Variable}' needs a sample count (samples N or samples config:path)");
        }
        else
        {
            count = Integer(node.Samples.Literal, node.Samples.ConfigPath, parameters, node, "samples");
            if (count < 1)
            {
                throw ExperimentException.Because($"{At(node)}: samples of '{node.Variable}' is {count}; it must be at least 1");
            }
        }

        var method = node.Method is null ? SamplingMethod.Inline : node.Method.Literal ?? ParseMethod(ExperimentParams.Get(parameters, node.Method.ConfigPath!), node);
        var threads = node.Threads is null ? 1 : Integer(node.Threads.Literal, node.Threads.ConfigPath, parameters, node, "threads");
        if (threads < 1)
        {
            throw ExperimentException.Because($"{At(node)}: threads is {threads}; it must be at least 1");
        }

        IReadOnlyList<string>? measure = null;
        if (node.Measure is { } by)
        {
            var text = by.Literal?.ToString() ?? ExperimentParams.Get(parameters, by.ConfigPath!) as string
                ?? throw ExperimentException.Because($"{At(node)}: the measure parameter '{by.ConfigPath}' is not a string");
            measure = MeasureNames.Parse(text);
        }

        return new SamplingSettings(space, spaceValue, algo, count, method, threads, measure);
    }

    private static string At(SamplingExpression node) => node.Position.IsKnown ? $"line {node.Position.Line}" : "sampling node";

    private static StructuredSpace Choice(string label, IList<object?> items)
    {
        try
        {
            return new StructuredSpace(new ChoiceNode(label, items.Select(Constant)));
        }
        catch (ArgumentException e)
        {
            throw ExperimentException.Because($"cannot enumerate '{label}': {e.Message}", e);
        }
    }

    private static SpaceNode Constant(object? value) => value switch
    {
        StructuredSpace s => s.Root,
        IReadOnlyDictionary<string, object?> dict => new DictNode(dict.Select(p => KeyValuePair.Create(p.Key, Constant(p.Value)))),
        IList<object?> list => new ListNode(list.Select(Constant)),
        _ => new ConstantNode(value),
    };

    private static int Integer(long? literal, string? path, IReadOnlyDictionary<string, object?> parameters, SamplingExpression node, string what)
    {
        if (literal is { } l)
        {
            return checked((int)l);
        }

        var value = ExperimentParams.Get(parameters, path!);
        return value switch
        {
            long n when n is >= int.MinValue and <= int.MaxValue => (int)n,
            double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (int)d,
            string s when int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw ExperimentException.Because($"{At(node)}: {what} comes from '{path}', which is {Describe(value)}, not an integer"),
        };
    }

    private static SamplingMethod ParseMethod(object? value, SamplingExpression node) => value switch
    {
        "inline" => SamplingMethod.Inline,
        "cpu" => SamplingMethod.Cpu,
        "slurm" => SamplingMethod.Slurm,
        _ => throw ExperimentException.Because($"{At(node)}: method comes from '{node.Method!.ConfigPath}', which is {Describe(value)}; it must be inline, cpu or slurm"),
    };

    private static string Describe(object? value) => value switch
    {
        null => "not set",
        string s => $"\"{s}\"",
        StructuredSpace => "a space",
        IReadOnlyDictionary<string, object?> => "a map",
        IList<object?> => "a list",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
