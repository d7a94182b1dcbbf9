using System.CommandLine;
using System.Text.Json;
using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch report exp:NAME [--out DIR]</c>: rewrites an experiment's report (figures, CSVs, index.html) from its stored state.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "The experiment, exp:NAME (a bare NAME means exp:NAME)" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the report here (default: HOME/reports/NAME)", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print the summary lines and written files as JSON" };
        var command = new Command("report", "Regenerate an experiment's report from the report calls stored in its exp: state") { experiment, output, json };
        command.SetAction(parse =>
        {
            var key = StateKey.ParseWithDefaultType(parse.GetValue(experiment)!, "exp");
            if (key.Type != "exp")
            {
                throw new UsageException($"'{key}' is not an experiment: ssearch report takes exp:NAME");
            }

            using var store = context.OpenStore();
            var calls = ReadCalls(key, store.Read(key));
            var directory = Path.GetFullPath(parse.GetValue(output) ?? ReportWriter.DefaultDirectory(context.Home, key.Name));
            var report = ReportWriter.Write(directory, key.Name, calls);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new { key = key.ToString(), directory, lines = report.Lines, files = report.Files, index = report.IndexPath }));
                return 0;
            }

            foreach (var line in report.Lines)
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine($"wrote {report.Files.Count} files to {directory}; open {report.IndexPath}");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<ReportCall> ReadCalls(StateKey key, PyValue state)
    {
        if (state is not PyDict dict || !dict.TryGetValue(ReportCall.StateField, out var stored))
        {
            throw ReportException.NoReportCalls(
                key.ToString(),
                $"the state holds no '{ReportCall.StateField}' (run_exp stores them when the experiment has a report section and finishes)");
        }

        var calls = ReportCall.ListFromPyValue(stored);
        return calls.Count > 0 ? calls : throw ReportException.NoReportCalls(key.ToString(), $"'{ReportCall.StateField}' is empty: the experiment has no report section");
    }
}
