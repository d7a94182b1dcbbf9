using System.Globalization;
using System.Numerics;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions;

/// <summary>
/// Converts between plain .NET data (what the search engine speaks: ordered <see cref="Dictionary{TKey, TValue}"/> of string
/// keys, <see cref="List{T}"/>, string, double, long, bool, null) and Python values (what the store keeps).
/// </summary>
public static class PyPlain
{
    /// <summary>Plain .NET data to a Python value; throws <see cref="ArgumentException"/> for other types.</summary>
    public static PyValue ToPy(object? value) => value switch
    {
        null => PyNone.Instance,
        PyValue py => py,
        string s => new PyStr(s),
        bool b => PyBool.Of(b),
        double d => new PyFloat(d),
        float f => new PyFloat(f),
        long l => PyInt.Of(l),
        int i => PyInt.Of(i),
        BigInteger big => new PyInt(big),
        DateTime t => new PyDateTime(new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified)),
        IDictionary<string, object?> dict => new PyDict(dict.Select(p => KeyValuePair.Create((PyValue)new PyStr(p.Key), ToPy(p.Value)))),
        IReadOnlyDictionary<string, object?> dict => new PyDict(dict.Select(p => KeyValuePair.Create((PyValue)new PyStr(p.Key), ToPy(p.Value)))),
        System.Collections.IEnumerable items => new PyList(items.Cast<object?>().Select(ToPy)),
        _ => throw new ArgumentException($"cannot store a {value.GetType().Name} in a session state", nameof(value)),
    };

    /// <summary>A Python value to plain .NET data: dicts with non-string keys use the key's repr; tuples and sets become lists.</summary>
    public static object? FromPy(PyValue value) => value switch
    {
        PyNone => null,
        PyBool b => b.Value,
        PyInt i => i.FitsInt64 ? (object)i.ToInt64() : (double)i.Value, // (object): a long/double conditional would make every int a double
        PyFloat f => f.Value,
        PyStr s => s.Value,
        PyDict d => d.ToDictionary(p => p.Key is PyStr k ? k.Value : p.Key.ToString(), p => FromPy(p.Value)),
        PyList l => l.Items.Select(FromPy).ToList(),
        PyTuple t => t.Items.Select(FromPy).ToList(),
        PySet s => s.Select(FromPy).ToList(),
        PyDateTime t => t.Value,
        _ => value.ToString(),
    };

    /// <summary>A Python number as a double, or null when it is not a number.</summary>
    public static double? AsDouble(PyValue? value) => value switch
    {
        PyFloat f => f.Value,
        PyInt i => (double)i.Value,
        PyBool b => b.Value ? 1 : 0,
        _ => null,
    };

    /// <summary>A Python int as a long, or null.</summary>
    public static long? AsLong(PyValue? value) => value switch
    {
        PyInt { FitsInt64: true } i => i.ToInt64(),
        PyFloat f when f.Value == Math.Floor(f.Value) && Math.Abs(f.Value) < 9e15 => (long)f.Value,
        _ => null,
    };

    /// <summary>A Python str, or null.</summary>
    public static string? AsString(PyValue? value) => (value as PyStr)?.Value;

    /// <summary>Formats a parameter value for a command line: integers plain, floats round-trippable, bools lower-case like YAML/Hydra.</summary>
    public static string FormatArgument(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => PlainJson.Serialize(value),
    };
}
