using System.Globalization;
using System.Text.Json;

namespace SlurmSearch.Sessions.Objectives;

/// <summary>
/// Reads what a command objective reported: JSON written to <c>$SSEARCH_RESULT</c>, else the last non-empty stdout line
/// if it is JSON, else a bare number (the loss). <c>{"loss": …}</c> plus any extra fields (kept); <c>{"status": "fail"}</c> fails.
/// </summary>
public static class ResultParser
{
    /// <summary>Parses the result file's text (may be null) and the tail of stdout; a failure names what was wrong.</summary>
    public static TrialResult Parse(string? resultFile, string stdoutTail)
    {
        ArgumentNullException.ThrowIfNull(stdoutTail);
        if (!string.IsNullOrWhiteSpace(resultFile))
        {
            return FromText(resultFile.Trim(), "$SSEARCH_RESULT");
        }

        var last = stdoutTail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        if (last is null)
        {
            return TrialResult.Fail("no result: nothing written to $SSEARCH_RESULT and no output on stdout");
        }

        return FromText(last, "the last line of stdout");
    }

    private static TrialResult FromText(string text, string where)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            return double.IsNaN(bare) ? TrialResult.Fail($"{where} is NaN") : TrialResult.Ok(bare);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return TrialResult.Fail($"no result: {where} is neither JSON nor a number: {Shorten(text)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Number)
            {
                return TrialResult.Ok(root.GetDouble());
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return TrialResult.Fail($"{where} is JSON but not an object or a number: {Shorten(text)}");
            }

            var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
            double? loss = null;
            string? status = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "loss" when property.Value.ValueKind == JsonValueKind.Number:
                        loss = property.Value.GetDouble();
                        break;
                    case "loss" when property.Value.ValueKind == JsonValueKind.String && double.TryParse(property.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var l):
                        loss = l;
                        break;
                    case "status" when property.Value.ValueKind == JsonValueKind.String:
                        status = property.Value.GetString();
                        break;
                    default:
                        extra[property.Name] = Plain(property.Value);
                        break;
                }
            }

            if (status is "fail" or "failed" or "error")
            {
                return TrialResult.Fail(extra.TryGetValue("error", out var e) ? e?.ToString() ?? "failed" : "the objective reported status fail", extra: extra);
            }

            if (loss is not { } value || double.IsNaN(value))
            {
                return TrialResult.Fail($"{where} has no numeric \"loss\": {Shorten(text)}", extra: extra);
            }

            return TrialResult.Ok(value, extra);
        }
    }

    /// <summary>JSON to plain .NET data (ordered dicts, lists, string, long or double, bool, null).</summary>
    public static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(), // (object): else every number would be a double
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
