using System.Globalization;
using System.Text.Json;

namespace SlurmSearch.Locking;

/// <summary>Who took a lock, as recorded in the lock file: process id, host, acquisition time (UTC), purpose, and the release time once released.</summary>
/// <remarks>
/// The file holds one JSON object, e.g. <c>{"pid":4242,"host":"node7","acquired":"2026-01-02T03:04:05.678901Z","purpose":"claim trial","released":null}</c>.
/// The record is advisory: the original Python tool opens lock files with mode "w", which empties them,
/// and records nothing itself, so an empty file or a record with <see cref="Released"/> set can belong
/// to a lock that some process holds right now.
/// </remarks>
public sealed record LockHolder(int Pid, string Host, DateTimeOffset Acquired, string Purpose, DateTimeOffset? Released = null)
{
    /// <summary>Records are padded with spaces (before the final newline) to a multiple of this many bytes.</summary>
    public const int RecordBlock = 256;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>A one-line description for messages and listings, e.g. <c>pid 4242 on node7 since 2026-01-02T03:04:05Z (claim trial)</c>.</summary>
    public string Describe()
    {
        var who = $"pid {Pid.ToString(CultureInfo.InvariantCulture)} on {Host}";
        var purpose = Purpose.Length == 0 ? string.Empty : $" ({Purpose})";
        return Released is { } released
            ? $"{who}, {Format(Acquired, seconds: true)} to {Format(released, seconds: true)}{purpose}"
            : $"{who} since {Format(Acquired, seconds: true)}{purpose}";
    }

    /// <summary>The bytes written into the lock file: one line of UTF-8 JSON, padded with spaces to a multiple of <see cref="RecordBlock"/> bytes.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("pid", Pid);
            json.WriteString("host", Host);
            json.WriteString("acquired", Format(Acquired, seconds: false));
            json.WriteString("purpose", Purpose);
            if (Released is { } released)
            {
                json.WriteString("released", Format(released, seconds: false));
            }
            else
            {
                json.WriteNull("released");
            }

            json.WriteEndObject();
        }

        // JSON allows trailing whitespace: Python's json.load reads the padded record as is.
        var padded = ((int)buffer.Length / RecordBlock + 1) * RecordBlock;
        while (buffer.Length < padded - 1)
        {
            buffer.WriteByte((byte)' ');
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a record written by <see cref="ToBytes"/>; null for an empty file (Python's), a torn write or anything else.</summary>
    public static LockHolder? TryParse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("pid", out var pid) || pid.ValueKind != JsonValueKind.Number || !pid.TryGetInt32(out var pidValue)
                || !TryGetString(root, "host", out var host)
                || !TryGetTime(root, "acquired", out var acquired))
            {
                return null;
            }

            var purpose = TryGetString(root, "purpose", out var p) ? p : string.Empty;
            DateTimeOffset? released = TryGetTime(root, "released", out var r) ? r : null;
            return new LockHolder(pidValue, host, acquired, purpose, released);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryGetString(JsonElement root, string property, out string value)
    {
        value = string.Empty;
        if (root.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString() ?? string.Empty;
            return true;
        }

        return false;
    }

    private static bool TryGetTime(JsonElement root, string property, out DateTimeOffset value)
    {
        value = default;
        return TryGetString(root, property, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static string Format(DateTimeOffset time, bool seconds) =>
        time.UtcDateTime.ToString(seconds ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : TimeFormat, CultureInfo.InvariantCulture);
}
