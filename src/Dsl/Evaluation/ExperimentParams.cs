using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// The original's <c>params.py</c> over plain parameter trees (ordered <see cref="Dictionary{TKey, TValue}"/> of string keys,
/// <see cref="List{T}"/>, string, long, double, bool, null, and <see cref="StructuredSpace"/> for spaces): nested updates,
/// <c>a:b</c> paths, command-line values as <c>params_from_args</c> parses them, and the pickle form.
/// </summary>
public static partial class ExperimentParams
{
    /// <summary>The key of the dict that stands for a space in a stored parameter tree: <c>{"__space__": plain data}</c>.</summary>
    public const string SpaceKey = "__space__";

    /// <summary>The original's <c>updated_params</c>: <paramref name="additions"/> over <paramref name="baseParams"/>, dicts merged recursively.</summary>
    public static Dictionary<string, object?> Updated(IReadOnlyDictionary<string, object?> baseParams, IReadOnlyDictionary<string, object?> additions)
    {
        ArgumentNullException.ThrowIfNull(baseParams);
        ArgumentNullException.ThrowIfNull(additions);
        var result = new Dictionary<string, object?>(baseParams, StringComparer.Ordinal);
        foreach (var (key, value) in additions)
        {
            result[key] = value is IReadOnlyDictionary<string, object?> nested
                ? Updated(result.TryGetValue(key, out var old) && old is IReadOnlyDictionary<string, object?> oldDict ? oldDict : new Dictionary<string, object?>(), nested)
                : value;
        }

        return result;
    }

    /// <summary>The original's <c>unflattened_params</c>: <c>a:b = v</c> entries to nested dicts; a path that is both a value and a dict is an error.</summary>
    public static Dictionary<string, object?> Unflattened(IEnumerable<KeyValuePair<string, object?>> flat, char delimiter = ':')
    {
        ArgumentNullException.ThrowIfNull(flat);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, value) in flat)
        {
            var parts = path.Split(delimiter);
            var node = result;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var next))
                {
                    next = new Dictionary<string, object?>(StringComparer.Ordinal);
                    node[parts[i]] = next;
                }

                node = next as Dictionary<string, object?>
                    ?? throw ExperimentException.Because($"parameter '{path}' conflicts with '{string.Join(delimiter, parts[..(i + 1)])}', which is a value");
            }

            if (node.TryGetValue(parts[^1], out var existing) && existing is Dictionary<string, object?>)
            {
                throw ExperimentException.Because($"parameter '{path}' conflicts with the nested parameters under it");
            }

            node[parts[^1]] = value;
        }

        return result;
    }

    /// <summary>The original's <c>flattened_params</c>: leaf paths (parts joined with <paramref name="delimiter"/>) to values, in tree order.</summary>
    public static Dictionary<string, object?> Flattened(IReadOnlyDictionary<string, object?> tree, char delimiter = ':')
    {
        ArgumentNullException.ThrowIfNull(tree);
        var flat = new Dictionary<string, object?>(StringComparer.Ordinal);
        Flatten(tree, string.Empty, delimiter, flat);
        return flat;
    }

    /// <summary>
    /// The original's <c>params_from_args</c>: <c>--a:b=value</c> arguments to nested parameters; values with commas are
    /// lists, then an integer, a float (incl. <c>inf</c>, <c>nan</c>, <c>1e-3</c>) or else the text.
    /// </summary>
    public static Dictionary<string, object?> FromArguments(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var flat = new List<KeyValuePair<string, object?>>();
        foreach (var argument in arguments)
        {
            var text = argument.Trim();
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? string.Empty : text[..eq].TrimStart('-');
            if (key.Length == 0 || key.Split(':').Any(p => p.Length == 0))
            {
                throw ExperimentException.Because($"argument '{argument}' is not --name=value (nested names with ':', e.g. --search:threads=4)");
            }

            flat.Add(KeyValuePair.Create(key, ParseValue(text[(eq + 1)..])));
        }

        return Unflattened(flat);
    }

    /// <summary>The original's <c>parsed_value</c>.</summary>
    public static object? ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains(',', StringComparison.Ordinal))
        {
            return text.Split(',').Select(ParseValue).ToList();
        }

        var trimmed = text.Trim();
        if (PythonInteger().IsMatch(trimmed)
            && BigInteger.TryParse(trimmed.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer >= long.MinValue && integer <= long.MaxValue ? (object)(long)integer : integer;
        }

        if (PythonFloat(text.Trim()) is { } number)
        {
            return number;
        }

        return text;
    }

    /// <summary>The value at <c>a:b:c</c>, or null (the original's <c>param(name)</c>).</summary>
    public static object? Get(IReadOnlyDictionary<string, object?> tree, string path)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(path);
        object? node = tree;
        foreach (var part in path.Split(':'))
        {
            if (node is not IReadOnlyDictionary<string, object?> dict || !dict.TryGetValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The original's <c>params_equal</c>: the same leaf paths with equal values (numbers compare by value, as in Python).</summary>
    public static bool Equal(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b)
    {
        var fa = Flattened(a);
        var fb = Flattened(b);
        return fa.Count == fb.Count && fa.All(p => fb.TryGetValue(p.Key, out var other) && ValueEqual(p.Value, other));
    }

    /// <summary>The <c>--a:b=value</c> arguments that reproduce <paramref name="overrides"/> (what a refused resume prints).</summary>
    public static IReadOnlyList<string> ToArguments(IReadOnlyDictionary<string, object?> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return [.. Flattened(overrides).Select(p => $"--{p.Key}={ArgumentText(p.Value)}")];
    }

    /// <summary>A stable text naming a point (the original's <c>params_str</c>): the repr of its flattened, sorted form.</summary>
    public static string PointKey(object? setting)
    {
        if (setting is IReadOnlyDictionary<string, object?> dict)
        {
            var flat = Flattened(dict, '/');
            var sorted = new PyDict(flat.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create((PyValue)new PyStr(p.Key), ToPy(p.Value))));
            return PyRepr.Format(sorted);
        }

        return PyRepr.Format(ToPy(setting));
    }

    /// <summary>A parameter tree as stored in the pickle: plain Python values, a space as <c>{"__space__": its plain data}</c>.</summary>
    public static PyValue ToPy(object? value) => value switch
    {
        StructuredSpace space => new PyDict { [SpaceKey] = PyPlain.ToPy(space.ToPlainData()) },
        IReadOnlyDictionary<string, object?> dict => new PyDict(dict.Select(p => KeyValuePair.Create((PyValue)new PyStr(p.Key), ToPy(p.Value)))),
        IList<object?> list => new PyList(list.Select(ToPy)),
        _ => PyPlain.ToPy(value),
    };

    /// <summary>A stored parameter tree back to plain data and spaces; tuples become lists.</summary>
    public static object? FromPy(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            PyDict d when d.Count == 1 && d.TryGetValue(SpaceKey, out var plain) => ReadSpace(plain),
            PyDict d => d.ToDictionary(p => p.Key is PyStr k ? k.Value : p.Key.ToString(), p => FromPy(p.Value), StringComparer.Ordinal),
            PyList l => l.Items.Select(FromPy).ToList(),
            PyTuple t => t.Items.Select(FromPy).ToList(),
            _ => PyPlain.FromPy(value),
        };
    }

    /// <summary>A stored dict parameter tree (an empty one for anything else).</summary>
    public static Dictionary<string, object?> TreeFromPy(PyValue? value) =>
        value is not null && FromPy(value) is Dictionary<string, object?> tree ? tree : new Dictionary<string, object?>(StringComparer.Ordinal);

    private static StructuredSpace ReadSpace(PyValue plain)
    {
        try
        {
            return StructuredSpace.FromPlainData(PyPlain.FromPy(plain));
        }
        catch (FormatException e)
        {
            throw ExperimentException.Because($"a stored space cannot be read: {e.Message}", e);
        }
    }

    private static void Flatten(IReadOnlyDictionary<string, object?> tree, string prefix, char delimiter, Dictionary<string, object?> flat)
    {
        foreach (var (key, value) in tree)
        {
            var path = prefix.Length == 0 ? key : prefix + delimiter + key;
            if (value is IReadOnlyDictionary<string, object?> nested)
            {
                Flatten(nested, path, delimiter, flat);
            }
            else
            {
                flat[path] = value;
            }
        }
    }

    private static bool ValueEqual(object? a, object? b)
    {
        if (Numeric(a) is { } x && Numeric(b) is { } y)
        {
            return x == y || (double.IsNaN(x) && double.IsNaN(y));
        }

        return (a, b) switch
        {
            (null, null) => true,
            (string s, string t) => s == t,
            (StructuredSpace s, StructuredSpace t) => s.Equals(t),
            (IList<object?> l, IList<object?> m) => l.Count == m.Count && l.Zip(m).All(p => ValueEqual(p.First, p.Second)),
            (IReadOnlyDictionary<string, object?> d, IReadOnlyDictionary<string, object?> e) => Equal(d, e),
            _ => false,
        };
    }

    private static double? Numeric(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        bool b => b ? 1 : 0,
        BigInteger big => (double)big,
        _ => null,
    };

    private static string ArgumentText(object? value) => value switch
    {
        IList<object?> list => string.Join(',', list.Select(ArgumentText)),
        double d => PyRepr.FormatFloat(d),
        StructuredSpace s => s.ToString(),
        _ => PyPlain.FormatArgument(value),
    };

    [GeneratedRegex(@"^[+-]?[0-9]+(_[0-9]+)*$")]
    private static partial Regex PythonInteger();

    /// <summary>Python's <c>float(text)</c>: decimal and exponent forms, <c>inf</c>/<c>infinity</c>/<c>nan</c> in any case, with a sign.</summary>
    private static double? PythonFloat(string text)
    {
        var body = text.TrimStart('+', '-');
        var negative = text.StartsWith('-');
        if (text.Length - body.Length > 1)
        {
            return null;
        }

        switch (body.ToLowerInvariant())
        {
            case "inf" or "infinity":
                return negative ? double.NegativeInfinity : double.PositiveInfinity;
            case "nan":
                return double.NaN;
        }

        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.') || body.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-' or '_')))
        {
            return null;
        }

        return double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
