using System.Text.Json;

namespace SlurmSearch.Search.Tests;

/// <summary>Turns JSON test data into the plain .NET data the library reads (ordered dictionaries, lists, longs, doubles).</summary>
internal static class Json
{
    public static object? ToPlain(string json) => Convert(JsonDocument.Parse(json).RootElement);

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number when e.TryGetInt64(out var l) => l,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
