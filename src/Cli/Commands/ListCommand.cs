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
            var cache = SessionCountsCache.Load(CachePath(store));
            var rows = new List<SessionListRow>();
            foreach (var key in types.SelectMany(t => store.List(t)))
            {
                rows.Add(SessionListRow.Read(store, key, cache));
            }

            cache.Save(prune: parse.GetValue(type) is null);

            rows = [.. rows.Where(r => parse.GetValue(all) || r.Status != SessionStatus.Complete)];
            var slurm = SlurmTaskCounts.Read(rows);
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
                    slurm_pending = slurm?.Pending(r.Key),
                    slurm_running = slurm?.Running(r.Key),
                })));
                return 0;
            }

            string[] columns = ["session_name", "session_type", "status", "running", "completed", "max_trials"];
            var table = new TextTable(slurm is null ? columns : [.. columns, "slurm_pending", "slurm_running"]);
            foreach (var r in rows)
            {
                string[] cells = [r.Key.Name, r.Key.Type, r.Status, r.Running.ToString(CultureInfo.InvariantCulture), r.Completed.ToString(CultureInfo.InvariantCulture), r.MaxTrials.ToString(CultureInfo.InvariantCulture)];
                table.Add(slurm is null ? cells : [.. cells, slurm.Show(slurm.Pending(r.Key)), slurm.Show(slurm.Running(r.Key))]);
            }

            table.Write(context.Output);
            return 0;
        });
        return list;
    }

    /// <summary>Where <c>list</c> keeps its per-session counts between runs (see <see cref="SessionCountsCache"/>).</summary>
    public static string CachePath(StateStore store) => Path.Combine(store.Root, ".cache", "session_counts.json");
}
