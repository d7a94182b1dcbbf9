using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary><c>performance(label: value, …)</c>: the original's "Performance for LABEL: mean +/- std" lines.</summary>
internal static class PerformanceReport
{
    private const string Expected = ReportShapes.SamplingResult + " or a (mean, std) pair";

    public static ReportSection Build(ReportCall call)
    {
        var arguments = new CallArguments(call, ["title"], labelledData: true);
        var lines = new List<string>();
        var csv = new CsvTable(["label", "mean", "std", "samples"]);
        foreach (var (label, value) in arguments.Many(Expected))
        {
            var (mean, std, samples) = Read(call.Kind, label, value);
            lines.Add($"Performance for {label}: {ReportFormat.Significant(mean, 4)} ± {ReportFormat.Significant(std, 4)}");
            csv.Add(label, ReportFormat.Exact(mean), ReportFormat.Exact(std), samples is { } n ? ReportFormat.Integer(n) : string.Empty);
        }

        return new ReportSection(arguments.String("title") ?? "Performance (mean ± std)", lines, null, csv.ToString());
    }

    private static (double Mean, double Std, int? Samples) Read(string kind, string label, PyValue value)
    {
        if (ReportShapes.TrySamplingResult(value, out var result)
            && ReportShapes.TryNumber(result["mean"], out var mean)
            && ReportShapes.TryNumber(result["std"], out var std))
        {
            int? samples = result.TryGetValue("cdf", out var cdf) && cdf is PyList or PyTuple ? ReportShapes.Items(cdf).Count : null;
            return (mean, std, samples);
        }

        if (ReportShapes.TryNumbers(value, out var pair) && pair.Length == 2)
        {
            return (pair[0], pair[1], null);
        }

        throw ReportException.BadArgument(kind, label, Expected, ReportShapes.Describe(value));
    }
}
