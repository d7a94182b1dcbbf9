using System.CommandLine;
using System.Globalization;
using System.Text;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch export SESSION --format csv|json</c>: one row per trial (tid, status, loss, every parameter, worker, times).</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout" };
        var command = new Command("export", "Export every trial as CSV or JSON") { session, format, output };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var view = SessionSupport.Open(store, parse.GetValue(session)!).View();
            var text = parse.GetValue(format) == "json"
                ? System.Text.Json.JsonSerializer.Serialize(view.Trials.Select(SessionPrinter.Trial))
                : Csv(view);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, text);
                context.Output.WriteLine($"exported {view.Trials.Count} trials of {view.Key} to {file}");
            }
            else
            {
                context.Output.Write(text);
            }

            return 0;
        });
        return command;
    }

    private static string Csv(SessionView view)
    {
        var flat = view.Trials.Select(t => CommandObjective.Flatten(t.Parameters)).ToList();
        var names = flat.SelectMany(f => f.Keys).Distinct(StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        builder.AppendLine(string.Join(",", new[] { "tid", "status", "loss" }.Concat(names).Concat(["worker", "book_time", "refresh_time", "duration"]).Select(Cell)));
        for (var i = 0; i < view.Trials.Count; i++)
        {
            var t = view.Trials[i];
            var cells = new List<string?> { t.Tid.ToString(CultureInfo.InvariantCulture), t.Status.ToString().ToLowerInvariant(), t.Loss?.ToString("R", CultureInfo.InvariantCulture) };
            cells.AddRange(names.Select(n => flat[i].TryGetValue(n, out var v) ? v : null));
            cells.Add(t.Worker);
            cells.Add(t.BookTime?.ToString("O", CultureInfo.InvariantCulture));
            cells.Add(t.RefreshTime?.ToString("O", CultureInfo.InvariantCulture));
            cells.Add(t.Duration?.ToString("R", CultureInfo.InvariantCulture));
            builder.AppendLine(string.Join(",", cells.Select(Cell)));
        }

        return builder.ToString();
    }

    private static string Cell(string? value) =>
        value is null ? string.Empty
        : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
