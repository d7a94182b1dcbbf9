namespace SlurmSearch.Dsl.Reports;

/// <summary>Writes an experiment's report: an SVG figure and a CSV per call, and an <c>index.html</c> that shows them all.</summary>
/// <remarks>
/// By convention the directory is <c>ROOT/reports/NAME/</c> under the data home (<see cref="DefaultDirectory"/>), next
/// to the <c>exp:NAME</c> state; <c>run_exp</c> writes it when an experiment finishes and <c>ssearch report exp:NAME</c>
/// rewrites it from the <see cref="ReportCall.StateField"/> stored in the state. Every call is rendered before any
/// file is written, so a bad argument leaves the previous report untouched. Files are named after the call kind
/// (<c>cdfs.svg</c>, <c>cdfs.csv</c>; <c>cdfs-2.*</c> for a second call of a kind); output is deterministic.
/// </remarks>
public static class ReportWriter
{
    /// <summary>The index page's file name.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>The conventional report directory of experiment <paramref name="experimentName"/>: <c>HOME/reports/NAME</c>.</summary>
    public static string DefaultDirectory(string home, string experimentName)
    {
        ArgumentException.ThrowIfNullOrEmpty(home);
        ArgumentException.ThrowIfNullOrEmpty(experimentName);
        return Path.Combine(home, "reports", experimentName);
    }

    /// <summary>Renders <paramref name="calls"/> and writes the figures, CSVs and index page into <paramref name="directory"/> (created if absent).</summary>
    /// <exception cref="ReportException">A call of an unknown kind or with an argument of the wrong shape (nothing is written).</exception>
    public static ReportOutput Write(string directory, string experimentName, IEnumerable<ReportCall> calls)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(experimentName);
        ArgumentNullException.ThrowIfNull(calls);

        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<(string BaseName, ReportSection Section)>();
        foreach (var call in calls)
        {
            var section = Render(call, experimentName);
            used[call.Kind] = used.GetValueOrDefault(call.Kind) + 1;
            entries.Add((used[call.Kind] == 1 ? call.Kind : $"{call.Kind}-{used[call.Kind]}", section));
        }

        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var items = new List<IndexPage.Item>();
        foreach (var (baseName, section) in entries)
        {
            string? svgName = null;
            if (section.Svg is not null)
            {
                svgName = baseName + ".svg";
                files.Add(WriteFile(directory, svgName, section.Svg));
            }

            var csvName = baseName + ".csv";
            files.Add(WriteFile(directory, csvName, section.Csv));
            items.Add(new IndexPage.Item(section.Caption, section.Lines, svgName, csvName));
        }

        var index = WriteFile(directory, IndexFileName, IndexPage.Render(experimentName, items));
        files.Add(index);
        return new ReportOutput([.. entries.SelectMany(e => e.Section.Lines)], files, index);
    }

    private static ReportSection Render(ReportCall call, string experimentName) => call.Kind switch
    {
        ReportKinds.Performance => PerformanceReport.Build(call),
        ReportKinds.Cdfs => CdfsReport.Build(call),
        ReportKinds.StdRatio => StdRatioReport.Build(call, experimentName),
        ReportKinds.Surface => SurfaceReport.Build(call),
        ReportKinds.Bootstrap => BootstrapReport.Build(call),
        _ => throw ReportException.UnknownKind(call.Kind),
    };

    private static string WriteFile(string directory, string name, string text)
    {
        // Write then rename, so a browser showing the report never reads half a file.
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
