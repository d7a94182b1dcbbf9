using System.Globalization;

namespace SlurmSearch.Dsl.Reports;

/// <summary><c>surface(point_values_cdf, zlabel:, title:)</c>: the original's <c>display_setting_cdf_surface</c> as a heat map — settings ranked by mean (rows) against run percentile (columns).</summary>
internal static class SurfaceReport
{
    public static ReportSection Build(ReportCall call)
    {
        var arguments = new CallArguments(call, ["title", "zlabel"], labelledData: false);
        var (label, value) = arguments.Single(SettingRuns.Expected);
        var settings = SettingRuns.Read(call.Kind, label, value);
        var title = arguments.String("title") ?? "Per-setting percentile surface";

        // The original needs equal run counts (a numpy matrix); a failed run makes them unequal here, so every row is
        // resampled at the same percentiles (numpy's linear interpolation), which is the identity when counts agree.
        var columns = settings.Max(s => s.Runs.Length);
        var fractions = Enumerable.Range(0, columns).Select(j => columns == 1 ? 0.5 : (double)j / (columns - 1)).ToArray();
        var rows = settings
            .Select(s => (s.Setting, Sorted: s.Runs.Order().ToArray()))
            .Select(s => (s.Setting, Mean: Statistics.Mean(s.Sorted), Cells: fractions.Select(f => Statistics.Quantile(s.Sorted, f)).ToArray()))
            .OrderBy(s => s.Mean)
            .ToList();
        if (rows.Any(r => r.Cells.Any(c => !double.IsFinite(c))))
        {
            throw ReportException.BadArgument(call.Kind, label, "finite results (a failed run shows as nan or inf)", "a non-finite value");
        }

        var settingColumns = new SettingColumns(rows.Select(r => r.Setting));
        var csv = new CsvTable([
            "rank", .. settingColumns.Names, "mean",
            .. fractions.Select(f => "p" + ReportFormat.Significant(100 * f, 4).ToString(CultureInfo.InvariantCulture))]);
        for (var i = 0; i < rows.Count; i++)
        {
            csv.Add([ReportFormat.Integer(i + 1), .. settingColumns.Cells(i), ReportFormat.Exact(rows[i].Mean), .. rows[i].Cells.Select(ReportFormat.Exact)]);
        }

        var map = new HeatMap
        {
            Title = title,
            XLabel = "Percentile of runs",
            YLabel = "Setting (ranked by mean)",
            ZLabel = arguments.String("zlabel") ?? "Result",
            Cells = [.. rows.Select(r => r.Cells)],
            XRange = (0, 100),
        };
        return new ReportSection(title, [], map.Render(), csv.ToString());
    }
}
