using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Trials;

/// <summary>
/// Converts between a sampler's suggestion (label → value for the active labels; choices as option indices) and hyperopt's
/// <c>misc.vals</c> / <c>misc.idxs</c>: every label of the space present, <c>[value]</c> and <c>[tid]</c> when active, <c>[]</c> when not.
/// </summary>
/// <remarks>
/// Written values are plain .NET data: <c>Dictionary&lt;string, object?&gt;</c> of <c>List&lt;object?&gt;</c>; values of discrete
/// distributions (choice indices, randint) are <see cref="long"/>, others <see cref="double"/>, as hyperopt stores them. Reading
/// tolerates what the original tool's pickles hold once decoded: floats for choice indices (numpy.float64), ints for floats, any
/// sequence type, and labels the space no longer has (ignored, so a session whose space was edited still loads).
/// </remarks>
public static class TrialValues
{
    /// <summary>hyperopt's <c>misc.vals</c> for a suggestion; throws <see cref="ArgumentException"/> when the suggestion does not match the space's active labels.</summary>
    public static Dictionary<string, object?> ToVals(SearchSpace space, IReadOnlyDictionary<string, double> values)
    {
        Validate(space, values);
        var vals = new Dictionary<string, object?>(space.Parameters.Count, StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            vals[parameter.Label] = values.TryGetValue(parameter.Label, out var value)
                ? new List<object?> { parameter.Distribution.IsDiscrete ? (object)(long)value : value }
                : new List<object?>();
        }

        return vals;
    }

    /// <summary>hyperopt's <c>misc.idxs</c> for a suggestion: <c>[tid]</c> for each active label, <c>[]</c> otherwise.</summary>
    public static Dictionary<string, object?> ToIdxs(SearchSpace space, IReadOnlyDictionary<string, double> values, long tid)
    {
        Validate(space, values);
        var idxs = new Dictionary<string, object?>(space.Parameters.Count, StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            idxs[parameter.Label] = values.ContainsKey(parameter.Label) ? new List<object?> { tid } : new List<object?>();
        }

        return idxs;
    }

    /// <summary>A hyperopt <c>misc</c> document core: <c>{tid, idxs, vals}</c> in that order (callers add <c>cmd</c>, <c>workdir</c>).</summary>
    public static Dictionary<string, object?> ToMisc(SearchSpace space, IReadOnlyDictionary<string, double> values, long tid) =>
        new(StringComparer.Ordinal)
        {
            ["tid"] = tid,
            ["idxs"] = ToIdxs(space, values, tid),
            ["vals"] = ToVals(space, values),
        };

    /// <summary>
    /// Reads <c>misc.vals</c> back into label → value for the labels whose list holds a value. Throws <see cref="FormatException"/>
    /// naming the label for a list of more than one value or a value that is not a number.
    /// </summary>
    public static Dictionary<string, double> FromVals(SearchSpace space, object? vals)
    {
        ArgumentNullException.ThrowIfNull(space);
        var map = PlainData.AsMap(vals) ?? throw new FormatException($"misc.vals is not a map of label → list, got {vals?.GetType().Name ?? "null"}");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, entry) in map)
        {
            if (!space.TryGet(label, out var parameter))
            {
                continue;
            }

            var items = PlainData.AsSequence(entry) ?? [entry];
            if (items.Count == 0)
            {
                continue;
            }

            if (items.Count > 1)
            {
                throw new FormatException($"misc.vals['{label}'] holds {items.Count} values; a trial has at most one per label");
            }

            var value = PlainData.AsDouble(items[0]) ?? (items[0] is bool b ? (b ? 1.0 : 0.0) : (double?)null)
                ?? throw new FormatException($"misc.vals['{label}'] is not a number: {items[0] ?? "null"}");
            if (parameter.Distribution.IsDiscrete && value != Math.Floor(value))
            {
                throw new FormatException($"misc.vals['{label}'] = {value} is not a whole number, but '{label}' is discrete");
            }

            result[label] = value;
        }

        return result;
    }

    private static void Validate(SearchSpace space, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var label in values.Keys)
        {
            if (!space.TryGet(label, out _))
            {
                throw new ArgumentException($"the suggestion has a value for '{label}', which is not a label of the space", nameof(values));
            }
        }

        foreach (var parameter in space.Parameters)
        {
            var active = parameter.IsActiveIn(values);
            var present = values.TryGetValue(parameter.Label, out var value);
            if (active && !present)
            {
                throw new ArgumentException($"the suggestion has no value for the active label '{parameter.Label}'", nameof(values));
            }

            if (!active && present)
            {
                throw new ArgumentException($"the suggestion has a value for '{parameter.Label}', which is inactive under it", nameof(values));
            }

            if (present && !double.IsFinite(value))
            {
                throw new ArgumentException($"the value of '{parameter.Label}' is {value}", nameof(values));
            }
        }
    }
}
