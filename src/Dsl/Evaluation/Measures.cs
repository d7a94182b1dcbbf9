using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// The original's <c>setting_result_measurements</c> and <c>setting_result_tree_measurement</c> as pure functions over a
/// sampling node's (setting, result) pairs, with its exact shapes: floats for mean/std/min/max, a sorted list for
/// <c>cdf</c>, <c>point_values</c> as a list of (setting, value) tuples sorted by value, settings for the arg measures.
/// </summary>
public static class Measures
{
    /// <summary>
    /// Every measure of <paramref name="results"/>. Numeric results are measured and sorted; other results (a nested node's
    /// measurements) measure as zeros and keep their order, as in the original. The model measures come from
    /// <paramref name="model"/> (None without one).
    /// </summary>
    public static PyDict Of(IReadOnlyList<SettingResult> results, ModelOptimum? model = null, string? sessionName = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw ExperimentException.Because("a sampling node has no finished point to measure (every trial failed?)");
        }

        double[] values;
        IReadOnlyList<SettingResult> ordered;
        if (IsNumber(results[0].Result))
        {
            values = [.. results.Select((r, i) => Number(r.Result) ?? throw ExperimentException.Because(
                $"point {i} of a sampling node is a {r.Result.TypeName} while the first is a number: results must all be numbers or all be nested measurements"))];
            ordered = [.. results.Select((r, i) => (r, v: values[i])).OrderBy(p => p.v).Select(p => p.r)];
        }
        else
        {
            values = new double[results.Count];
            ordered = results;
        }

        var mean = values.Average();
        var std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        var sorted = values.Order().ToArray();
        var dict = new PyDict
        {
            ["mean"] = mean,
            ["std"] = std,
            ["min"] = sorted[0],
            ["max"] = sorted[^1],
            ["cdf"] = new PyList(sorted.Select(v => (PyValue)v)),
            ["argmin"] = ordered[0].Setting,
            ["argmax"] = ordered[^1].Setting,
            ["point_values"] = new PyList(ordered.Select(r => (PyValue)new PyTuple(r.Setting, r.Result))),
            ["model_argmin"] = model?.ArgMin() ?? PyNone.Instance,
            ["model_argmax"] = model?.ArgMax() ?? PyNone.Instance,
        };
        if (sessionName is not null)
        {
            dict[MeasureNames.SessionName] = sessionName;
        }

        return dict;
    }

    /// <summary>
    /// The original's <c>setting_result_tree_measurement</c>: <c>head:rest</c> measures <c>rest</c> on every point's nested
    /// results (their <c>point_values</c>), then <c>head</c> across the points. The model applies to the outermost level only.
    /// </summary>
    public static PyValue Tree(IReadOnlyList<SettingResult> results, IReadOnlyList<string> spec, ModelOptimum? model = null, string? sessionName = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Count == 0)
        {
            throw new ArgumentException("a measure has at least one part", nameof(spec));
        }

        var head = spec[0];
        if (spec.Count > 1)
        {
            var rest = spec.Skip(1).ToArray();
            results = [.. results.Select(r => new SettingResult(r.Setting, Tree(PointValues(r.Result, spec), rest)))];
        }

        var all = Of(results, head is "model_argmin" or "model_argmax" ? model : null, sessionName);
        return all.TryGetValue(head, out var value)
            ? value
            : throw ExperimentException.Because($"unknown measure '{head}' (known: {string.Join(", ", MeasureNames.All)})");
    }

    /// <summary>The (setting, value) pairs of a nested node's measurements (their <c>point_values</c>).</summary>
    public static IReadOnlyList<SettingResult> PointValues(PyValue nested, IReadOnlyList<string>? spec = null)
    {
        ArgumentNullException.ThrowIfNull(nested);
        if (nested is not PyDict dict || !dict.TryGetValue("point_values", out var points) || points is not (PyList or PyTuple))
        {
            var what = spec is null ? "a nested measure" : $"measure '{string.Join(':', spec)}'";
            throw ExperimentException.Because($"{what} needs a sampling node inside a sampling node, but a point's result is a {nested.TypeName}");
        }

        var items = points is PyList list ? list.Items : ((PyTuple)points).Items;
        return [.. items.Select(p => p switch
        {
            PyTuple { Count: 2 } t => new SettingResult(t[0], t[1]),
            PyList { Count: 2 } l => new SettingResult(l[0], l[1]),
            _ => throw ExperimentException.Because($"a point value is a {p.TypeName}, not a (setting, value) pair"),
        })];
    }

    /// <summary>True for the results the original measured as numbers (int, float, bool).</summary>
    public static bool IsNumber(PyValue value) => value is PyFloat or PyInt or PyBool;

    private static double? Number(PyValue value) => value switch
    {
        PyFloat f => f.Value,
        PyInt i => (double)i.Value,
        PyBool b => b.Value ? 1 : 0,
        _ => null,
    };
}
