using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary><c>cdfs(label: values, …, title:, xlabel:)</c>: one empirical CDF per group (the original's <c>display_cdfs</c>, axes as a CDF is usually drawn).</summary>
internal static class CdfsReport
{
    private const string Expected = "a list of numbers (a CDF, as node[\"cdf\"] gives), " + ReportShapes.SamplingResult + ", or " + ReportShapes.PointValuesCdf + " (one group per setting)";

    public static ReportSection Build(ReportCall call)
    {
        // ylabel is the original's name for the value axis (its CDFs had values on y); ours puts values on x.
        var arguments = new CallArguments(call, ["title", "xlabel", "ylabel"], labelledData: true);
        var title = arguments.String("title") ?? "Return CDFs";
        var lines = new List<string>();
        var csv = new CsvTable(["group", "value", "cumulative_fraction"]);
        var series = new List<LineSeries>();
        foreach (var (label, values) in arguments.Many(Expected).SelectMany(a => Groups(call.Kind, a.Label, a.Value)))
        {
            var finite = values.Where(double.IsFinite).Order().ToArray();
            if (finite.Length < values.Length)
            {
                lines.Add($"{call.Kind}: {label}: {values.Length - finite.Length} non-finite value(s) left out of the CDF");
            }

            if (finite.Length == 0)
            {
                throw ReportException.BadArgument(call.Kind, label, Expected, "no finite value");
            }

            // The empirical CDF is a step function: F jumps by 1/n at each value.
            var points = new List<(double X, double Y)>();
            for (var i = 0; i < finite.Length; i++)
            {
                var fraction = (double)(i + 1) / finite.Length;
                points.Add((finite[i], (double)i / finite.Length));
                points.Add((finite[i], fraction));
                csv.Add(label, ReportFormat.Exact(finite[i]), ReportFormat.Exact(fraction));
            }

            series.Add(new LineSeries(label, points));
        }

        var chart = new LineChart
        {
            Title = title,
            XLabel = arguments.String("xlabel") ?? arguments.String("ylabel") ?? "Return",
            YLabel = "Cumulative fraction",
            Series = series,
            YRange = (0, 1),
        };
        return new ReportSection(title, lines, chart.Render(), csv.ToString());
    }

    /// <summary>One group per argument, or, for point values of CDFs (<c>node["point_values:cdf"]</c>), one per setting.</summary>
    private static IEnumerable<(string Label, double[] Values)> Groups(string kind, string label, PyValue value)
    {
        if (!ReportShapes.TryNumbers(value, out _) && ReportShapes.TryPointValuesCdf(value, out var settings))
        {
            return settings.Select(s => (SettingLabel(s.Setting), s.Values));
        }

        return [(label, Read(kind, label, value))];
    }

    /// <summary>A setting as a legend label: the bare value of a one-key dict ("a2c"), else "k=v, k=v".</summary>
    private static string SettingLabel(PyValue setting) => setting switch
    {
        PyDict { Count: 1 } one => Scalar(one.Values.First()),
        PyDict many => string.Join(", ", many.Select(p => $"{Scalar(p.Key)}={Scalar(p.Value)}")),
        _ => Scalar(setting),
    };

    private static string Scalar(PyValue value) =>
        value is PyStr s ? s.Value : ReportShapes.TryNumber(value, out var n) ? ReportFormat.Significant(n, 6) : value.ToString();

    private static double[] Read(string kind, string label, PyValue value)
    {
        if (ReportShapes.TryNumbers(value, out var numbers) && numbers.Length > 0)
        {
            return numbers;
        }

        if (value is PyDict dict && dict.TryGetValue("cdf", out var cdf) && ReportShapes.TryNumbers(cdf, out numbers) && numbers.Length > 0)
        {
            return numbers;
        }

        throw ReportException.BadArgument(kind, label, Expected, ReportShapes.Describe(value));
    }
}
