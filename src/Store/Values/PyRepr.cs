using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SlurmSearch.Store.Values;

/// <summary>Formats a value the way Python's <c>repr</c> would, with opaque objects shown as <c>&lt;module.Name …&gt;</c>.</summary>
public static class PyRepr
{
    /// <summary>The repr of a value; recursive references print as <c>[...]</c> / <c>{...}</c> as in Python.</summary>
    public static string Format(PyValue value)
    {
        var builder = new StringBuilder();
        Write(builder, value, new HashSet<PyValue>(ReferenceEqualityComparer.Instance));
        return builder.ToString();
    }

    /// <summary>Python's repr of a float: shortest round-trip digits, <c>nan</c>, <c>inf</c>, a trailing <c>.0</c> for integral values, exponent form outside 1e-4 ≤ |x| &lt; 1e16.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0.0";
        }

        // .NET's "R" gives the shortest round-trip digits; re-lay them out by CPython's rule (float_repr_style 'short').
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leading;

        if (point is > -4 and <= 16)
        {
            var fixedText = point <= 0 ? "0." + new string('0', -point) + digits
                : point >= digits.Length ? digits + new string('0', point - digits.Length) + ".0"
                : digits[..point] + "." + digits[point..];
            return sign + fixedText;
        }

        var scientific = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        var power = point - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{scientific}e{(power < 0 ? '-' : '+')}{Math.Abs(power):00}");
    }

    private static void Write(StringBuilder b, PyValue value, HashSet<PyValue> open)
    {
        switch (value)
        {
            case PyNone: b.Append("None"); return;
            case PyBool x: b.Append(x.Value ? "True" : "False"); return;
            case PyInt x: b.Append(x.Value.ToString(CultureInfo.InvariantCulture)); return;
            case PyFloat x: b.Append(FormatFloat(x.Value)); return;
            case PyStr x: WriteString(b, x.Value); return;
            case PyBytes x: WriteBytes(b, "b", x.Span); return;
            case PyByteArray x: b.Append("bytearray("); WriteBytes(b, "b", x.Items.ToArray(), byteArray: true); b.Append(')'); return;
            case PyGlobal x: b.Append('<').Append(x.FullName).Append('>'); return;
            case PyDate x: b.Append(CultureInfo.InvariantCulture, $"datetime.date({x.Value.Year}, {x.Value.Month}, {x.Value.Day})"); return;
            case PyTimeDelta x: WriteTimeDelta(b, x); return;
            case PyDateTime x:
                var d = x.Value;
                b.Append(CultureInfo.InvariantCulture, $"datetime.datetime({d.Year}, {d.Month}, {d.Day}, {d.Hour}, {d.Minute}");
                WriteSecondsAndZone(b, d.Second, (int)(d.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond), x.Fold, x.TzInfo, open);
                return;
            case PyTime x:
                b.Append(CultureInfo.InvariantCulture, $"datetime.time({x.Value.Hour}, {x.Value.Minute}");
                WriteSecondsAndZone(b, x.Value.Second, (int)(x.Value.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond), x.Fold, x.TzInfo, open);
                return;
        }

        if (!StackGuard.HasRoom)
        {
            StackGuard.RunOnFreshStack(() => Write(b, value, open));
            return;
        }

        if (!open.Add(value))
        {
            b.Append(value is PyDict or PyOpaque ? "{...}" : "[...]");
            return;
        }

        try
        {
            switch (value)
            {
                case PyTuple x:
                    b.Append('(');
                    WriteItems(b, x.Items, open);
                    b.Append(x.Count == 1 ? ",)" : ")");
                    break;
                case PyList x:
                    b.Append('[');
                    WriteItems(b, x.Items, open);
                    b.Append(']');
                    break;
                case PySet x when x.Count == 0:
                    b.Append(x.Frozen ? "frozenset()" : "set()");
                    break;
                case PySet x:
                    b.Append(x.Frozen ? "frozenset({" : "{");
                    WriteItems(b, [.. x], open);
                    b.Append(x.Frozen ? "})" : "}");
                    break;
                case PyDict x:
                    b.Append('{');
                    var first = true;
                    foreach (var (k, v) in x)
                    {
                        b.Append(first ? string.Empty : ", ");
                        first = false;
                        Write(b, k, open);
                        b.Append(": ");
                        Write(b, v, open);
                    }

                    b.Append('}');
                    break;
                case PyOpaque x:
                    b.Append('<').Append(x.Callable.FullName);
                    if (x.Args.Count > 0)
                    {
                        b.Append(" args=");
                        Write(b, x.Args, open);
                    }

                    if (x.State is not null)
                    {
                        b.Append(" state=");
                        Write(b, x.State, open);
                    }

                    b.Append('>');
                    break;
                default:
                    throw new SwitchExpressionException(value);
            }
        }
        finally
        {
            open.Remove(value);
        }
    }

    private static void WriteItems(StringBuilder b, IReadOnlyList<PyValue> items, HashSet<PyValue> open)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                b.Append(", ");
            }

            Write(b, items[i], open);
        }
    }

    // Python omits trailing zero fields: datetime(2020, 1, 2, 3, 4), (…, 5), (…, 5, 6); then fold and tzinfo.
    private static void WriteSecondsAndZone(StringBuilder b, int second, int micro, bool fold, PyValue? tz, HashSet<PyValue> open)
    {
        if (second != 0 || micro != 0)
        {
            b.Append(CultureInfo.InvariantCulture, $", {second}");
        }

        if (micro != 0)
        {
            b.Append(CultureInfo.InvariantCulture, $", {micro}");
        }

        if (fold)
        {
            b.Append(", fold=1");
        }

        if (tz is not null)
        {
            b.Append(", tzinfo=");
            Write(b, tz, open);
        }

        b.Append(')');
    }

    private static void WriteTimeDelta(StringBuilder b, PyTimeDelta x)
    {
        var parts = new List<string>(3);
        if (x.Days != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"days={x.Days}"));
        }

        if (x.Seconds != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"seconds={x.Seconds}"));
        }

        if (x.Microseconds != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"microseconds={x.Microseconds}"));
        }

        b.Append("datetime.timedelta(").Append(parts.Count == 0 ? "0" : string.Join(", ", parts)).Append(')');
    }

    // Python's str repr: printable characters as they are, the rest as \xhh, \uhhhh or \Uhhhhhhhh (lone surrogates included).
    private static void WriteString(StringBuilder b, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        b.Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            int c = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                c = char.ConvertToUtf32(s[i], s[++i]);
            }

            switch (c)
            {
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case var _ when c == quote: b.Append('\\').Append((char)c); break;
                case < 0x20 or 0x7f: b.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}"); break;
                case < 0x7f: b.Append((char)c); break;
                case var _ when IsPrintable(c): b.Append(char.ConvertFromUtf32(c)); break;
                case <= 0xff: b.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}"); break;
                case <= 0xffff: b.Append(CultureInfo.InvariantCulture, $"\\u{c:x4}"); break;
                default: b.Append(CultureInfo.InvariantCulture, $"\\U{c:x8}"); break;
            }
        }

        b.Append(quote);
    }

    // Python's str.isprintable: everything but control, format, surrogate, private-use, unassigned and separators (space excepted).
    private static bool IsPrintable(int codePoint) =>
        CharUnicodeInfo.GetUnicodeCategory(codePoint) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);

    // CPython's bytearray repr escapes a single quote even inside double quotes; bytes does not.
    private static void WriteBytes(StringBuilder b, string prefix, ReadOnlySpan<byte> bytes, bool byteArray = false)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        b.Append(prefix).Append(quote);
        foreach (var c in bytes)
        {
            switch (c)
            {
                case (byte)'\\': b.Append("\\\\"); break;
                case (byte)'\n': b.Append("\\n"); break;
                case (byte)'\r': b.Append("\\r"); break;
                case (byte)'\t': b.Append("\\t"); break;
                case var _ when c == quote || (byteArray && c == '\''): b.Append('\\').Append((char)c); break;
                case >= 0x20 and < 0x7f: b.Append((char)c); break;
                default: b.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}"); break;
            }
        }

        b.Append(quote);
    }
}
