using System.Globalization;
using System.Text;

namespace SlurmSearch.Search.Grid;

/// <summary>
/// Reads the value lists of Hydra's sweep overrides: <c>a,b,c</c>, <c>choice(a, b, c)</c> and <c>range(start, stop, step)</c>.
/// </summary>
/// <remarks>
/// Scalars as Hydra types them: integers (<c>1_000</c> allowed) become <see cref="long"/>, floats (<c>1e-3</c>, <c>inf</c>, <c>nan</c>)
/// <see cref="double"/>, <c>true</c>/<c>false</c> (any case) <see cref="bool"/>, <c>null</c> null, quoted text (<c>'a,b'</c> or
/// <c>"a,b"</c>) and anything else a trimmed string. <c>range</c> follows Hydra: r[i] = start + i·step while below stop (above for a
/// negative step), stop exclusive, step 1 by default, integers when every argument is an integer, floats otherwise; it also
/// accepts Python's one-argument form <c>range(stop)</c> and named arguments <c>start=, stop=, step=</c>.
/// </remarks>
public static class HydraValues
{
    private const int MaxRangeLength = 10_000_000;

    /// <summary>Parses a value list; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="FormatException">An empty list or item, an unterminated quote, or a bad range, naming the parameter.</exception>
    public static IReadOnlyList<object?> Parse(string text, string name = "value")
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (Call(trimmed, "range") is { } rangeArgs)
        {
            return Range(rangeArgs, name);
        }

        var items = Split(Call(trimmed, "choice") ?? trimmed, name);
        if (items.Count == 0 || items.Any(i => i.Length == 0))
        {
            throw new FormatException($"sweep values of '{name}' have an empty item: '{text}'");
        }

        return [.. items.Select(Scalar)];
    }

    /// <summary>Types one scalar as Hydra does (see the remarks).</summary>
    public static object? Scalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length >= 2 && (t[0] == '\'' || t[0] == '"') && t[^1] == t[0])
        {
            return Unquote(t);
        }

        if (t.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (t.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (t.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var digits = t.Replace("_", "", StringComparison.Ordinal);
        if (digits.Length > 0 && !t.StartsWith('_') && !t.EndsWith('_')
            && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        var lower = digits.ToLowerInvariant().TrimStart('+');
        if (lower is "inf" or "-inf" or "nan" or "-nan")
        {
            return lower switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.NaN };
        }

        if (digits.Any(char.IsAsciiDigit) && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        return t;
    }

    private static string? Call(string text, string function) =>
        text.StartsWith(function + "(", StringComparison.Ordinal) && text.EndsWith(')') ? text[(function.Length + 1)..^1] : null;

    private static List<object?> Range(string arguments, string name)
    {
        var positional = new List<object?>();
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var argument in Split(arguments, name))
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                named[argument[..equals].Trim()] = Scalar(argument[(equals + 1)..]);
            }
            else
            {
                positional.Add(Scalar(argument));
            }
        }

        if (positional.Count + named.Count is < 1 or > 3 || named.Keys.Any(k => k is not ("start" or "stop" or "step")))
        {
            throw new FormatException($"range of '{name}' takes start, stop and an optional step: range({arguments})");
        }

        object? start = 0L;
        object? stop;
        object? step = 1L;
        if (positional.Count == 1 && named.Count == 0)
        {
            stop = positional[0];
        }
        else
        {
            start = positional.Count > 0 ? positional[0] : named.GetValueOrDefault("start", 0L);
            stop = positional.Count > 1 ? positional[1] : named.GetValueOrDefault("stop");
            step = positional.Count > 2 ? positional[2] : named.GetValueOrDefault("step", 1L);
        }

        if (start is not (long or double) || stop is not (long or double) || step is not (long or double))
        {
            throw new FormatException($"range of '{name}' needs numbers: range({arguments})");
        }

        var (a, b, s) = (Convert.ToDouble(start, CultureInfo.InvariantCulture), Convert.ToDouble(stop, CultureInfo.InvariantCulture), Convert.ToDouble(step, CultureInfo.InvariantCulture));
        if (s == 0 || !double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(s))
        {
            throw new FormatException($"range of '{name}' needs finite numbers and a non-zero step: range({arguments})");
        }

        var integers = start is long && stop is long && step is long;
        var values = new List<object?>();
        for (var i = 0L; ; i++)
        {
            // start + i·step rather than repeated addition, so float ranges do not accumulate rounding.
            var value = integers ? (object)checked((long)start + (i * (long)step)) : a + (i * s);
            var x = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (s > 0 ? x >= b : x <= b)
            {
                break;
            }

            if (values.Count == MaxRangeLength)
            {
                throw new FormatException($"range of '{name}' has more than {MaxRangeLength} values: range({arguments})");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new FormatException($"range of '{name}' is empty: range({arguments})");
        }

        return values;
    }

    // Splits on commas outside quotes and brackets.
    private static List<string> Split(string text, string name)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                current.Append(c);
                if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    items.Add(current.ToString().Trim());
                    current.Clear();
                    continue;
            }

            current.Append(c);
        }

        if (quote is not null)
        {
            throw new FormatException($"sweep values of '{name}' have an unterminated quote: {text}");
        }

        if (items.Count > 0 || current.Length > 0)
        {
            items.Add(current.ToString().Trim());
        }

        return items;
    }

    private static string Unquote(string quoted)
    {
        var builder = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length - 1)
            {
                i++;
            }

            builder.Append(quoted[i]);
        }

        return builder.ToString();
    }
}
