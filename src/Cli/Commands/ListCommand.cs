using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SlurmSearch.Cli.Output;
using SlurmSearch.Sessions;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch list [TYPE] [--all]</c>: the sessions, as the original's table.</summary>
public static class ListCommand
{
    private static readonly string[] SessionTypes = ["slurm", "search", "sampling", "sweep"];

    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var type = new Argument<string?>("TYPE") { Description = "Only this type (slurm, search, sampling, sweep)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Include complete sessions" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List search sessions: name, type, status, running, completed, max trials") { type, all, json };
        list.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var types = parse.GetValue(type) is { } t ? [t] : SessionTypes;
            var rows = new List<SessionListRow>();
            foreach (var key in types.SelectMany(t => store.List(t)))
            {
                rows.Add(SessionListRow.Read(store, key));
            }

            rows = [.. rows.Where(r => parse.GetValue(all) || r.Status != SessionStatus.Complete)];
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(rows.Select(r => new
                {
                    session_name = r.Key.Name,
                    session_type = r.Key.Type,
                    status = r.Status,
                    running = r.Running,
                    completed = r.Completed,
                    max_trials = r.MaxTrials,
                    error = r.Error,
                })));
                return 0;
            }

            var table = new TextTable("session_name", "session_type", "status", "running", "completed", "max_trials");
            foreach (var r in rows)
            {
                table.Add(r.Key.Name, r.Key.Type, r.Status, r.Running.ToString(CultureInfo.InvariantCulture), r.Completed.ToString(CultureInfo.InvariantCulture), r.MaxTrials.ToString(CultureInfo.InvariantCulture));
            }

            table.Write(context.Output);
            return 0;
        });
        return list;
    }
}
