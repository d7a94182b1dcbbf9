using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SlurmSearch.Sessions;

/// <summary>
/// Plain data (what <see cref="PyPlain.FromPy"/> returns: dictionaries with string keys, lists, strings, numbers, bools,
/// null, times) as JSON, written directly with <see cref="Utf8JsonWriter"/>. <see cref="JsonSerializer"/> would do the
/// same by reflection, which in a fresh worker process JIT-compiles some 85 converter methods before the first trial
/// (a third of a ReadyToRun worker's start-up). NaN and infinities are written as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c>, as <see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals"/> does.
/// </summary>
public static class PlainJson
{
    /// <summary>The JSON text of <paramref name="value"/>; other types are written as their invariant string.</summary>
    public static string Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case DateTime t:
                writer.WriteStringValue(t);
                break;
            case IEnumerable<KeyValuePair<string, object?>> dict:
                writer.WriteStartObject();
                foreach (var (name, item) in dict)
                {
                    writer.WritePropertyName(name);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
