using System.Globalization;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary>Recognises the value shapes the experiment's measures produce (numbers, sorted result lists, sampling results, point values).</summary>
internal static class ReportShapes
{
    public const string SamplingResult = "a sampling result (a dict with mean, std, cdf and point_values)";

    public const string PointValuesCdf = "point values of CDFs: a list of (setting, [numbers]) pairs, as node[\"point_values:cdf\"] gives";

    public static bool TryNumber(PyValue value, out double number)
    {
        switch (value)
        {
            case PyFloat f:
                number = f.Value;
                return true;
            case PyInt i:
                number = (double)i.Value;
                return true;
            default:
                number = double.NaN;
                return false;
        }
    }

    public static bool TryNumbers(PyValue value, out double[] numbers)
    {
        numbers = [];
        if (value is not (PyList or PyTuple))
        {
            return false;
        }

        var items = Items(value);
        var result = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (!TryNumber(items[i], out result[i]))
            {
                return false;
            }
        }

        numbers = result;
        return true;
    }

    /// <summary>A sampling node's result dict; a bare <c>point_values</c> list is enough for what needs only that.</summary>
    public static bool TrySamplingResult(PyValue value, out PyDict result)
    {
        result = value as PyDict ?? new PyDict();
        return value is PyDict dict && dict.ContainsKey("mean") && dict.ContainsKey("std");
    }

    /// <summary>A list of (setting, value) pairs; pairs may be tuples or two-item lists (JSON round trips make lists).</summary>
    public static bool TryPairs(PyValue value, out List<(PyValue Setting, PyValue Value)> pairs)
    {
        pairs = [];
        if (value is not (PyList or PyTuple))
        {
            return false;
        }

        foreach (var item in Items(value))
        {
            if (item is not (PyTuple { Count: 2 } or PyList { Count: 2 }))
            {
                return false;
            }

            var pair = Items(item);
            pairs.Add((pair[0], pair[1]));
        }

        return true;
    }

    public static bool TryPointValuesCdf(PyValue value, out List<(PyValue Setting, double[] Values)> settings)
    {
        settings = [];
        if (!TryPairs(value, out var pairs) || pairs.Count == 0)
        {
            return false;
        }

        foreach (var (setting, result) in pairs)
        {
            if (!TryNumbers(result, out var numbers) || numbers.Length == 0)
            {
                return false;
            }

            settings.Add((setting, numbers));
        }

        return true;
    }

    public static IReadOnlyList<PyValue> Items(PyValue sequence) => sequence switch
    {
        PyList list => list.Items,
        PyTuple tuple => tuple.Items,
        _ => [],
    };

    /// <summary>A short description of what was found, for error messages: "str", "list of 3 str", "dict with keys a, b".</summary>
    public static string Describe(PyValue value) => value switch
    {
        PyList or PyTuple when Items(value).Count == 0 => $"an empty {value.TypeName}",
        PyList or PyTuple => $"a {value.TypeName} of {Items(value).Count.ToString(CultureInfo.InvariantCulture)} items starting with {Inner(Items(value)[0])}",
        PyDict dict => dict.Count == 0 ? "an empty dict" : $"a dict with keys {string.Join(", ", dict.Keys.Take(6).Select(k => k is PyStr s ? s.Value : k.ToString()))}{(dict.Count > 6 ? ", …" : string.Empty)}",
        _ => Inner(value),
    };

    private static string Inner(PyValue value) => value switch
    {
        PyList or PyTuple => $"a {value.TypeName} of {Items(value).Count.ToString(CultureInfo.InvariantCulture)} items",
        PyDict => "a dict",
        PyStr s => $"str {Truncate(s.Value)}",
        PyFloat or PyInt or PyBool or PyNone => $"{value.TypeName} {value}",
        _ => value.TypeName,
    };

    private static string Truncate(string text) => text.Length <= 30 ? $"'{text}'" : $"'{text[..30]}…'";
}
