using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

/// <summary>Builds measured values in the original's shapes (experiment.py's setting_result_measurements).</summary>
public static class SomeResults
{
    /// <summary>A flat sampling result over settings {name: i} with the given numeric results.</summary>
    public static PyDict Flat(string variable, params double[] results)
    {
        var pairs = results.Select((r, i) => (Setting: (PyValue)Setting(variable, i), Value: (PyValue)r)).ToList();
        return Result(pairs, results);
    }

    /// <summary>A nested sampling result: outer settings {hp: {lr: …}}, each a random sampling over run_seed with the given runs.</summary>
    public static PyDict Nested(params double[][] runsPerSetting)
    {
        var pairs = runsPerSetting
            .Select((runs, i) => (Setting: (PyValue)new PyDict { ["lr"] = 0.001 * (i + 1), ["n_steps"] = i + 5 }, Value: (PyValue)Flat("run_seed", runs)))
            .ToList();
        var result = new PyDict
        {
            ["mean"] = 0.0,
            ["std"] = 0.0,
            ["min"] = 0.0,
            ["max"] = 0.0,
            ["cdf"] = new PyList(runsPerSetting.Select(_ => (PyValue)0.0)),
            ["argmin"] = pairs[0].Setting,
            ["argmax"] = pairs[^1].Setting,
            // A nested result is not a number, so the original leaves the pairs in trial order.
            ["point_values"] = new PyList(pairs.Select(p => (PyValue)new PyTuple(p.Setting, p.Value))),
            ["model_argmin"] = PyNone.Instance,
            ["model_argmax"] = PyNone.Instance,
            ["session_name"] = "sampling:test_outer",
        };
        return result;
    }

    /// <summary>node["point_values:cdf"]: (setting, sorted runs) tuples.</summary>
    public static PyList PointValuesCdf(params double[][] runsPerSetting) =>
        new(runsPerSetting.Select((runs, i) => (PyValue)new PyTuple(new PyDict { ["lr"] = 0.001 * (i + 1) }, new PyList(runs.Order().Select(r => (PyValue)r)))));

    public static ReportCall Call(string kind, params (string? Name, PyValue Value)[] arguments) =>
        new(kind, [.. arguments.Select(a => new ReportArgument(a.Name, a.Value))]);

    private static PyDict Setting(string variable, int index) => new() { [variable] = index };

    private static PyDict Result(List<(PyValue Setting, PyValue Value)> pairs, double[] results)
    {
        var sorted = pairs.OrderBy(p => ((PyFloat)p.Value).Value).ToList();
        var mean = results.Average();
        return new PyDict
        {
            ["mean"] = mean,
            ["std"] = Math.Sqrt(results.Select(r => (r - mean) * (r - mean)).Average()),
            ["min"] = results.Min(),
            ["max"] = results.Max(),
            ["cdf"] = new PyList(results.Order().Select(r => (PyValue)r)),
            ["argmin"] = sorted[0].Setting,
            ["argmax"] = sorted[^1].Setting,
            ["point_values"] = new PyList(sorted.Select(p => (PyValue)new PyTuple(p.Setting, p.Value))),
            ["model_argmin"] = PyNone.Instance,
            ["model_argmax"] = PyNone.Instance,
            ["session_name"] = "sampling:test",
        };
    }
}
