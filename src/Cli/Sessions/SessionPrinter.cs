using System.Globalization;
using System.Text.Json;
using SlurmSearch.Cli.Output;
using SlurmSearch.Sessions;

namespace SlurmSearch.Cli.Sessions;

/// <summary>Prints a session the way <c>show</c> does, as text or as the JSON contract.</summary>
internal static class SessionPrinter
{
    /// <summary>The original's summary: loss distribution min ≤ mean ± std ≤ max, then best and worst settings.</summary>
    public static void Summary(TextWriter output, SessionView view)
    {
        output.WriteLine($"session {view.Key}: {view.Status}, algo {view.Algo}, {view.Completed}/{view.MaxEvals} done, {view.Running} running, {view.Failed} failed");
        if (view.DisabledReason is { } why)
        {
            output.WriteLine($"disabled: {why}");
        }

        var losses = view.Trials.Where(t => t.Loss is not null).Select(t => t.Loss!.Value).ToList();
        if (losses.Count == 0)
        {
            output.WriteLine("no results yet");
            return;
        }

        var mean = losses.Average();
        var std = Math.Sqrt(losses.Sum(l => (l - mean) * (l - mean)) / losses.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss: {losses.Min():G6} ≤ {mean:G6} ± {std:G6} ≤ {losses.Max():G6} over {losses.Count} results"));
        output.WriteLine($"best  (trial {view.Best!.Tid}, loss {SessionSupport.Number(view.Best.Loss)}): {SessionSupport.Json(view.Best.Parameters)}");
        output.WriteLine($"worst (trial {view.Worst!.Tid}, loss {SessionSupport.Number(view.Worst.Loss)}): {SessionSupport.Json(view.Worst.Parameters)}");
    }

    /// <summary>The best trials as a table.</summary>
    public static void Top(TextWriter output, SessionView view, int count)
    {
        var table = new TextTable("rank", "trial", "loss", "parameters");
        var rank = 1;
        foreach (var trial in view.Trials.Where(t => t.Loss is not null).OrderBy(t => t.Loss).Take(count))
        {
            table.Add(rank++.ToString(CultureInfo.InvariantCulture), trial.Tid.ToString(CultureInfo.InvariantCulture), SessionSupport.Number(trial.Loss), SessionSupport.Json(trial.Parameters));
        }

        table.Write(output);
    }

    /// <summary>The JSON contract of <c>show --json</c>.</summary>
    public static string Json(SessionView view)
    {
        var losses = view.Trials.Where(t => t.Loss is not null).Select(t => t.Loss!.Value).ToList();
        var document = new Dictionary<string, object?>
        {
            ["session"] = view.Key.ToString(),
            ["status"] = view.Status,
            ["algo"] = view.Algo,
            ["max_evals"] = view.MaxEvals,
            ["completed"] = view.Completed,
            ["running"] = view.Running,
            ["failed"] = view.Failed,
            ["space"] = view.Space.ToString(),
            ["objective"] = view.Objective?.Command ?? view.ForeignObjective,
            ["trials"] = view.Trials.Select(Trial).ToList(),
            ["best"] = view.Best is null ? null : Trial(view.Best),
            ["worst"] = view.Worst is null ? null : Trial(view.Worst),
            ["loss"] = losses.Count == 0 ? null : new Dictionary<string, object?>
            {
                ["min"] = losses.Min(),
                ["mean"] = losses.Average(),
                ["std"] = Math.Sqrt(losses.Sum(l => (l - losses.Average()) * (l - losses.Average())) / losses.Count),
                ["max"] = losses.Max(),
            },
        };
        return JsonSerializer.Serialize(document, Indented);
    }

    /// <summary>One trial of the JSON contract.</summary>
    public static Dictionary<string, object?> Trial(TrialView trial) => new()
    {
        ["tid"] = trial.Tid,
        ["status"] = trial.Status.ToString().ToLowerInvariant(),
        ["loss"] = trial.Loss,
        ["params"] = trial.Parameters,
        ["worker"] = trial.Worker,
        ["book_time"] = trial.BookTime?.ToString("O", CultureInfo.InvariantCulture),
        ["refresh_time"] = trial.RefreshTime?.ToString("O", CultureInfo.InvariantCulture),
        ["duration"] = trial.Duration,
        ["result"] = trial.Result,
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
