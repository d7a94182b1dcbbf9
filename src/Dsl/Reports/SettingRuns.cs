using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary>Per-setting run results, read from <c>node["point_values:cdf"]</c> or from a sampling result whose point values are nested results.</summary>
internal sealed record SettingRuns(PyValue Setting, double[] Runs)
{
    public const string Expected = ReportShapes.PointValuesCdf + ", or " + ReportShapes.SamplingResult + " of a nested sampling";

    public static List<SettingRuns> Read(string kind, string label, PyValue value)
    {
        if (ReportShapes.TryPointValuesCdf(value, out var cdfs))
        {
            return [.. cdfs.Select(c => new SettingRuns(c.Setting, c.Values))];
        }

        if (value is PyDict dict && dict.TryGetValue("point_values", out var points) && ReportShapes.TryPairs(points, out var pairs) && pairs.Count > 0)
        {
            var result = new List<SettingRuns>();
            foreach (var (setting, nested) in pairs)
            {
                if (!TryRuns(nested, out var runs))
                {
                    throw ReportException.BadArgument(kind, label, Expected, $"a sampling result whose point value is {ReportShapes.Describe(nested)}");
                }

                result.Add(new SettingRuns(setting, runs));
            }

            return result;
        }

        throw ReportException.BadArgument(kind, label, Expected, ReportShapes.Describe(value));
    }

    /// <summary>A nested result's runs: its <c>cdf</c>, else the numbers of its <c>point_values</c>.</summary>
    public static bool TryRuns(PyValue nested, out double[] runs)
    {
        runs = [];
        if (nested is not PyDict dict)
        {
            return false;
        }

        if (dict.TryGetValue("cdf", out var cdf) && ReportShapes.TryNumbers(cdf, out var values) && values.Length > 0)
        {
            runs = values;
            return true;
        }

        if (dict.TryGetValue("point_values", out var points) && ReportShapes.TryPairs(points, out var pairs) && pairs.Count > 0)
        {
            var numbers = new double[pairs.Count];
            for (var i = 0; i < pairs.Count; i++)
            {
                if (!ReportShapes.TryNumber(pairs[i].Value, out numbers[i]))
                {
                    return false;
                }
            }

            runs = numbers;
            return true;
        }

        return false;
    }
}
