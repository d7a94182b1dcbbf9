using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SlurmSearch.Store.Values;

/// <summary>Renders a <see cref="PyValue"/> as JSON (for <c>ssearch state show --json</c>), keeping what JSON can express and tagging the rest.</summary>
/// <remarks>
/// Mapping: dict → object in insertion order (a non-str key becomes its Python repr, e.g. <c>"1"</c> or
/// <c>"(1, 'a')"</c>); list, tuple, set, frozenset → array; str → string; int → number, exact at any size; float →
/// number in Python's shortest repr, with NaN and infinities as the strings <c>"NaN"</c>, <c>"Infinity"</c>,
/// <c>"-Infinity"</c> (JSON has no such numbers); bool; None → null; bytes → <c>{"__bytes__": base64}</c>, bytearray →
/// <c>{"__bytearray__": base64}</c>; datetime → ISO-8601 with microseconds (and the offset of a
/// <c>datetime.timezone</c>); date, time likewise; timedelta → its total seconds, exact; a global →
/// <c>{"__python__": "module.name"}</c>; an opaque object → <c>{"__python__": "module.Name", "args": […]}</c> plus
/// <c>"kwargs"</c>, <c>"state"</c>, <c>"listitems"</c>, <c>"dictitems"</c> when present. A container met again inside itself
/// is written as the string <c>"&lt;recursive&gt;"</c>; shared (non-recursive) references are written in full each time.
/// </remarks>
public static class PyJson
{
    /// <summary>The JSON text of <paramref name="value"/>, indented (two spaces) or compact.</summary>
    public static string Serialize(PyValue value, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the JSON of <paramref name="value"/> to a stream as UTF-8.</summary>
    public static void Serialize(Stream output, PyValue value, bool indented = true)
    {
        using var writer = new Utf8JsonWriter(output, Options(indented));
        Write(writer, value);
    }

    /// <summary>Writes <paramref name="value"/> as one JSON value into an existing writer (e.g. inside a larger document).</summary>
    public static void Write(Utf8JsonWriter writer, PyValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteValue(writer, value, new HashSet<PyValue>(ReferenceEqualityComparer.Instance));
    }

    private static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,

        // Readable output for a terminal or jq: non-ASCII text stays as is (JSON only requires quotes, \ and controls escaped).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // Depth is bounded by the pickle reader's nesting limit, not by the writer's default of 64.
        MaxDepth = 0x10000,
    };

    private static void WriteValue(Utf8JsonWriter w, PyValue value, HashSet<PyValue> open)
    {
        switch (value)
        {
            case PyNone: w.WriteNullValue(); return;
            case PyBool b: w.WriteBooleanValue(b.Value); return;
            case PyInt i: WriteInt(w, i.Value); return;
            case PyFloat f: WriteFloat(w, f.Value); return;
            case PyStr s: WriteString(w, s.Value); return;
            case PyBytes b:
                w.WriteStartObject();
                w.WriteBase64String("__bytes__", b.Span);
                w.WriteEndObject();
                return;
            case PyByteArray b:
                w.WriteStartObject();
                w.WriteBase64String("__bytearray__", b.Items.ToArray());
                w.WriteEndObject();
                return;
            case PyGlobal g:
                w.WriteStartObject();
                w.WriteString("__python__", g.FullName);
                w.WriteEndObject();
                return;
            case PyDateTime d:
                w.WriteStringValue(d.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + Offset(d.TzInfo));
                return;
            case PyDate d: w.WriteStringValue(d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); return;
            case PyTime t: w.WriteStringValue(t.Value.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + Offset(t.TzInfo)); return;
            case PyTimeDelta t: w.WriteRawValue(TotalSeconds(t.Days, t.Seconds, t.Microseconds), skipInputValidation: true); return;
        }

        if (!open.Add(value))
        {
            w.WriteStringValue("<recursive>");
            return;
        }

        if (!StackGuard.HasRoom)
        {
            StackGuard.RunOnFreshStack(() => WriteContainer(w, value, open));
        }
        else
        {
            WriteContainer(w, value, open);
        }

        open.Remove(value);
    }

    private static void WriteContainer(Utf8JsonWriter w, PyValue value, HashSet<PyValue> open)
    {
        switch (value)
        {
            case PyTuple t: WriteArray(w, t.Items, open); break;
            case PyList l: WriteArray(w, l.Items, open); break;
            case PySet s: WriteArray(w, [.. s], open); break;
            case PyDict d: WriteObject(w, d, open); break;
            case PyOpaque o:
                w.WriteStartObject();
                w.WriteString("__python__", o.Callable.FullName);
                w.WritePropertyName("args");
                WriteArray(w, o.Args.Items, open);
                if (o.Kwargs is not null)
                {
                    w.WritePropertyName("kwargs");
                    WriteObject(w, o.Kwargs, open);
                }

                if (o.State is not null)
                {
                    w.WritePropertyName("state");
                    WriteValue(w, o.State, open);
                }

                if (o.ListItems.Count > 0)
                {
                    w.WritePropertyName("listitems");
                    WriteArray(w, o.ListItems, open);
                }

                if (o.DictItems.Count > 0)
                {
                    w.WritePropertyName("dictitems");
                    WriteObject(w, o.DictItems, open);
                }

                w.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"cannot render a {value.GetType().Name} as JSON");
        }
    }

    private static void WriteArray(Utf8JsonWriter w, IEnumerable<PyValue> items, HashSet<PyValue> open)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            WriteValue(w, item, open);
        }

        w.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter w, IEnumerable<KeyValuePair<PyValue, PyValue>> pairs, HashSet<PyValue> open)
    {
        w.WriteStartObject();
        foreach (var (key, item) in pairs)
        {
            var name = key is PyStr s ? s.Value : PyRepr.Format(key);

            // Utf8JsonWriter rejects lone surrogates (which Python strings may hold) in names; spell them as Python would.
            w.WritePropertyName(IsWellFormed(name) ? name : EscapeSurrogates(name));
            WriteValue(w, item, open);
        }

        w.WriteEndObject();
    }

    private static void WriteInt(Utf8JsonWriter w, BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            w.WriteNumberValue((long)value);
        }
        else
        {
            w.WriteRawValue(value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }

    private static void WriteFloat(Utf8JsonWriter w, double value)
    {
        if (double.IsNaN(value))
        {
            w.WriteStringValue("NaN");
        }
        else if (double.IsInfinity(value))
        {
            w.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            // Python's repr (1.0, 1e-05, 1e+16) is valid JSON and keeps a float looking like a float.
            w.WriteRawValue(PyRepr.FormatFloat(value), skipInputValidation: true);
        }
    }

    private static void WriteString(Utf8JsonWriter w, string value)
    {
        if (IsWellFormed(value))
        {
            w.WriteStringValue(value);
            return;
        }

        // JSON carries a lone surrogate as a \u escape, but Utf8JsonWriter refuses one: write this literal by hand.
        var json = new StringBuilder(value.Length + 16).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                json.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
            }
        }

        w.WriteRawValue(json.Append('"').ToString(), skipInputValidation: true);
    }

    // Names with lone surrogates cannot go through Utf8JsonWriter; spell those as Python's repr would (\udc80).
    private static string EscapeSurrogates(string value)
    {
        var b = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                b.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string TotalSeconds(int days, int seconds, int microseconds)
    {
        var micros = (((BigInteger)days * 86_400) + seconds) * 1_000_000 + microseconds;
        var negative = micros < 0;
        var abs = BigInteger.Abs(micros);
        var whole = (abs / 1_000_000).ToString(CultureInfo.InvariantCulture);
        var fraction = (int)(abs % 1_000_000);
        var text = fraction == 0 ? whole : whole + "." + fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return negative ? "-" + text : text;
    }

    // The UTC offset of a datetime.timezone(timedelta) tzinfo; other tzinfo objects (pytz, zoneinfo) carry no offset we can know.
    private static string Offset(PyValue? tz)
    {
        if (tz is not PyOpaque { Callable: { Module: "datetime", Name: "timezone" } } zone || zone.Args.Count == 0 || zone.Args[0] is not PyTimeDelta delta)
        {
            return string.Empty;
        }

        var total = ((long)delta.Days * 86_400) + delta.Seconds;
        var sign = total < 0 ? '-' : '+';
        total = Math.Abs(total);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{total / 3600:00}:{total / 60 % 60:00}");
    }
}
