namespace SlurmSearch.Dsl.Reports;

/// <summary><c>std_ratio(point_values_cdf)</c>: the original's "Trial STD / HP std" line — run-to-run noise against the spread between settings.</summary>
internal static class StdRatioReport
{
    public static ReportSection Build(ReportCall call, string experimentName)
    {
        var arguments = new CallArguments(call, ["title"], labelledData: false);
        var (label, value) = arguments.Single(SettingRuns.Expected);
        var settings = SettingRuns.Read(call.Kind, label, value);
        var means = settings.Select(s => Statistics.Mean(s.Runs)).ToArray();
        var stds = settings.Select(s => Statistics.PopulationStd(s.Runs)).ToArray();

        // As the original: hp_std = std over settings of each setting's mean; trial_std = mean over settings of each setting's std.
        var hpStd = Statistics.PopulationStd(means);
        var trialStd = Statistics.Mean(stds);
        var line = $"[{experimentName}] Trial STD / HP std = {ReportFormat.Significant(trialStd, 3)} / {ReportFormat.Significant(hpStd, 3)} = {ReportFormat.Significant(trialStd / hpStd, 3)}";

        var columns = new SettingColumns(settings.Select(s => s.Setting));
        var csv = new CsvTable([.. columns.Names, "mean", "std", "runs"]);
        for (var i = 0; i < settings.Count; i++)
        {
            csv.Add([.. columns.Cells(i), ReportFormat.Exact(means[i]), ReportFormat.Exact(stds[i]), ReportFormat.Integer(settings[i].Runs.Length)]);
        }

        return new ReportSection(arguments.String("title") ?? "Trial STD / HP std (per-setting mean and std)", [line], null, csv.ToString());
    }
}
