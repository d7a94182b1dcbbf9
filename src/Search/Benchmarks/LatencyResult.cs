using System.Globalization;
using System.Text.Json.Nodes;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>Median time of one suggestion per history size, in a space of <see cref="Dimensions"/> U(0, 1) parameters.</summary>
public sealed record LatencyResult(string Sampler, int Dimensions, IReadOnlyDictionary<int, double> MedianMs)
{
    /// <summary><c>{"sampler":…, "dims":6, "latency_ms":{"10":…, "100":…, "1000":…, "10000":…}}</c>.</summary>
    public string ToJson()
    {
        var latency = new JsonObject();
        foreach (var (size, ms) in MedianMs.OrderBy(p => p.Key))
        {
            latency[size.ToString(CultureInfo.InvariantCulture)] = ms;
        }

        return new JsonObject
        {
            ["sampler"] = Sampler,
            ["dims"] = Dimensions,
            ["latency_ms"] = latency,
        }.ToJsonString();
    }
}
