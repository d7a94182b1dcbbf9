using System.Collections;
using System.Numerics;

namespace SlurmSearch.Search;

/// <summary>Reads the plain .NET data (decoded pickles, JSON) the search engine accepts: maps, sequences and numbers of any CLR numeric type.</summary>
internal static class PlainData
{
    /// <summary>A string-keyed map as ordered pairs, or null when <paramref name="value"/> is not one.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>>? AsMap(object? value)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return [.. pairs];
            case IDictionary dictionary:
                var result = new List<KeyValuePair<string, object?>>(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string key)
                    {
                        return null;
                    }

                    result.Add(KeyValuePair.Create(key, entry.Value));
                }

                return result;
            default:
                return null;
        }
    }

    /// <summary>The items of a sequence (list, array, tuple-like enumerable that is not a string or map), or null.</summary>
    public static IReadOnlyList<object?>? AsSequence(object? value) => value switch
    {
        string or IDictionary => null,
        IEnumerable<KeyValuePair<string, object?>> => null,
        IEnumerable sequence => [.. sequence.Cast<object?>()],
        _ => null,
    };

    /// <summary>The value as a double when it is any CLR number (bool is not a number here).</summary>
    public static double? AsDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u => u,
        decimal m => (double)m,
        BigInteger b => (double)b,
        _ => null,
    };

    /// <summary>The value as a long when it is an integer type, or a double holding a whole number within range.</summary>
    public static long? AsInt64(object? value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        sbyte s => s,
        byte b => b,
        ushort u => u,
        uint u => u,
        ulong u when u <= long.MaxValue => (long)u,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9.2233720368547758e18 => (long)d,
        float f when f == MathF.Floor(f) && Math.Abs(f) < 9.2233720368547758e18 => (long)f,
        _ => null,
    };
}
