using System.Text;
using System.Text.Json;

namespace SlurmSearch.Agents.Cli;

/// <summary>
/// The objective's report. <c>loss</c> = −return_mean and <c>status</c> = "ok" are added so a
/// hyperopt-style minimiser can use the object as it is.
/// </summary>
internal sealed record RunResult(
    string Agent,
    string Env,
    long Seed,
    IReadOnlyList<double> Returns,
    long Frames,
    long TrainEpisodes,
    double TrainSeconds)
{
    public double ReturnMean => Returns.Count == 0 ? double.NaN : Returns.Average();

    /// <summary>Population standard deviation, as numpy's <c>std()</c> that the original reported.</summary>
    public double ReturnStd
    {
        get
        {
            if (Returns.Count == 0)
            {
                return double.NaN;
            }

            var mean = ReturnMean;
            return Math.Sqrt(Returns.Sum(r => (r - mean) * (r - mean)) / Returns.Count);
        }
    }

    /// <summary>One line of JSON, without a line break.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("return_mean", ReturnMean);
            writer.WriteNumber("return_std", ReturnStd);
            writer.WriteStartArray("returns");
            foreach (var r in Returns)
            {
                writer.WriteNumberValue(r);
            }

            writer.WriteEndArray();
            writer.WriteNumber("frames", Frames);
            writer.WriteNumber("train_seconds", Math.Round(TrainSeconds, 3));
            writer.WriteNumber("loss", -ReturnMean);
            writer.WriteString("status", "ok");
            writer.WriteString("agent", Agent);
            writer.WriteString("env", Env);
            writer.WriteNumber("seed", Seed);
            writer.WriteNumber("train_episodes", TrainEpisodes);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
