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

    /// <summary>Python's repr of a float: shortest round-trip digits, <c>nan</c>, <c>inf</c>, and a trailing <c>.0</c> for integral values.</summary>
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

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            // .NET prints 1E-05; Python prints 1e-05.
            var mantissa = text[..text.IndexOf('E', StringComparison.Ordinal)];
            var exponent = int.Parse(text[(text.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        // Python switches to exponent form at 1e16.
        if (Math.Abs(value) >= 1e16)
        {
            var e = value.ToString("0.################e+00", CultureInfo.InvariantCulture);
            return e;
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
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
            case PyByteArray x: b.Append("bytearray("); WriteBytes(b, "b", x.Items.ToArray()); b.Append(')'); return;
            case PyGlobal x: b.Append('<').Append(x.FullName).Append('>'); return;
            case PyDate x: b.Append(CultureInfo.InvariantCulture, $"datetime.date({x.Value.Year}, {x.Value.Month}, {x.Value.Day})"); return;
            case PyTimeDelta x: b.Append(CultureInfo.InvariantCulture, $"datetime.timedelta(days={x.Days}, seconds={x.Seconds}, microseconds={x.Microseconds})"); return;
            case PyDateTime x:
                var d = x.Value;
                b.Append(CultureInfo.InvariantCulture, $"datetime.datetime({d.Year}, {d.Month}, {d.Day}, {d.Hour}, {d.Minute}, {d.Second}");
                var micro = d.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond;
                if (micro != 0)
                {
                    b.Append(CultureInfo.InvariantCulture, $", {micro}");
                }

                if (x.TzInfo is not null)
                {
                    b.Append(", tzinfo=");
                    Write(b, x.TzInfo, open);
                }

                b.Append(')');
                return;
            case PyTime x:
                b.Append(CultureInfo.InvariantCulture, $"datetime.time({x.Value.Hour}, {x.Value.Minute}, {x.Value.Second}, {x.Value.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond})");
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

    private static void WriteString(StringBuilder b, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        b.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        b.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        b.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        b.Append(quote);
    }

    private static void WriteBytes(StringBuilder b, string prefix, ReadOnlySpan<byte> bytes)
    {
        b.Append(prefix).Append('\'');
        foreach (var c in bytes)
        {
            if (c == '\\' || c == '\'')
            {
                b.Append('\\').Append((char)c);
            }
            else if (c is >= 0x20 and < 0x7f)
            {
                b.Append((char)c);
            }
            else
            {
                b.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}");
            }
        }

        b.Append('\'');
    }
}
