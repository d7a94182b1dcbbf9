using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary><c>bootstrap(sampling_result, trials:, resamples:, runs_per_setting:, seed:, title:)</c>: the original's <c>display_bootstrapped_random_search_runs</c>.</summary>
internal static class BootstrapReport
{
    private const string Expected = ReportShapes.SamplingResult + " whose point values are numbers or nested results";
    private const int DefaultResamples = 1000;

    public static ReportSection Build(ReportCall call)
    {
        var arguments = new CallArguments(call, ["title", "trials", "resamples", "runs_per_setting", "seed"], labelledData: false);
        var (label, value) = arguments.Single(Expected);
        var (means, runs) = Read(call.Kind, label, value);
        if (!means.All(double.IsFinite))
        {
            throw ReportException.BadArgument(call.Kind, label, "finite results (a failed run shows as nan or inf)", "a non-finite value");
        }

        var trials = arguments.Integer("trials", 1, 100_000) ?? means.Length;
        var resamples = arguments.Integer("resamples", 1, 100_000) ?? DefaultResamples;
        var seed = arguments.Integer("seed", 0, int.MaxValue) ?? 0;
        var title = arguments.String("title") ?? "Bootstrapped random search";

        var curves = new List<(string Name, IReadOnlyList<BootstrapPoint> Points)>
        {
            ("judged by true mean", BootstrapCurve.ExpectedBest(means, trials, resamples, seed)),
        };
        if (runs is not null)
        {
            // The original judged each simulated setting by 6 redrawn runs; fewer when the sample has fewer.
            var perSetting = arguments.Integer("runs_per_setting", 1, 10_000) ?? Math.Min(6, runs.Min(r => r.Count));
            curves.Add(($"judged by {perSetting}-run mean", BootstrapCurve.NoisySelection(runs, perSetting, trials, resamples, seed)));
        }
        else if (arguments.Integer("runs_per_setting", 1, 10_000) is not null)
        {
            throw ReportException.BadArgument(call.Kind, "runs_per_setting", "absent when point values are plain numbers (there are no runs to redraw)", "an integer");
        }

        var csv = new CsvTable(["curve", "trials", "mean", "p25", "p75"]);
        foreach (var (name, points) in curves)
        {
            foreach (var p in points)
            {
                csv.Add(name, ReportFormat.Integer(p.Trials), ReportFormat.Exact(p.Mean), ReportFormat.Exact(p.Lower), ReportFormat.Exact(p.Upper));
            }
        }

        var chart = new LineChart
        {
            Title = title,
            XLabel = "Random-search trials (settings tried)",
            YLabel = "Mean result of the setting picked",
            Series = [.. curves.Select(c => new LineSeries(
                c.Name,
                [.. c.Points.Select(p => ((double)p.Trials, p.Mean))],
                [.. c.Points.Select(p => ((double)p.Trials, p.Lower, p.Upper))]))],
            TightX = true,
        };
        var exact = curves[0].Points;
        var marks = Marks(trials).Select(k => $"{k}: {ReportFormat.Significant(exact[k - 1].Mean, 4)}");
        var line = $"Bootstrapped random search ({resamples} resamples): expected best after k trials: {string.Join(", ", marks)}";
        return new ReportSection($"{title} (mean and 25–75th percentile band over {resamples} simulated searches)", [line], chart.Render(), csv.ToString());
    }

    /// <summary>The settings' means and, for a nested sampling, each setting's runs.</summary>
    private static (double[] Means, List<IReadOnlyList<double>>? Runs) Read(string kind, string label, PyValue value)
    {
        var points = value is PyDict dict && dict.TryGetValue("point_values", out var found) ? found : value;
        if (!ReportShapes.TryPairs(points, out var pairs) || pairs.Count == 0)
        {
            throw ReportException.BadArgument(kind, label, Expected, ReportShapes.Describe(value));
        }

        if (pairs.All(p => ReportShapes.TryNumber(p.Value, out _)))
        {
            return ([.. pairs.Select(p => ReportShapes.TryNumber(p.Value, out var v) ? v : double.NaN)], null);
        }

        var runs = new List<IReadOnlyList<double>>();
        foreach (var (_, nested) in pairs)
        {
            if (!SettingRuns.TryRuns(nested, out var settingRuns))
            {
                throw ReportException.BadArgument(kind, label, Expected, $"a sampling result whose point value is {ReportShapes.Describe(nested)}");
            }

            runs.Add(settingRuns);
        }

        return ([.. runs.Select(Statistics.Mean)], runs);
    }

    /// <summary>1, 2, 4, … up to n, and n itself.</summary>
    private static IEnumerable<int> Marks(int trials)
    {
        for (var k = 1; k < trials; k *= 2)
        {
            yield return k;
        }

        yield return trials;
    }
}
