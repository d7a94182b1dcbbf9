using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SlurmSearch.Cli.Output;
using SlurmSearch.Locking;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch locks</c>: who holds which lock of the home.</summary>
public static class LocksCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var held = new Option<bool>("--held") { Description = "Only locks held right now" };
        var locks = new Command("locks", "List the locks of the data home: held or free, and the last holder (pid, host, since)") { json, held };
        locks.SetAction(parse =>
        {
            var factory = new FileLockFactory(context.Home);
            var statuses = factory.List().Where(s => !parse.GetValue(held) || s.State == LockState.Held).ToList();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(statuses.Select(s => new
                {
                    name = s.Name,
                    state = s.State.ToString().ToLowerInvariant(),
                    pid = s.LastHolder?.Pid,
                    host = s.LastHolder?.Host,
                    since = s.LastHolder?.Acquired.ToString("O", CultureInfo.InvariantCulture),
                    purpose = s.LastHolder?.Purpose,
                })));
                return 0;
            }

            var table = new TextTable("lock", "state", "pid", "host", "since", "purpose");
            foreach (var s in statuses)
            {
                table.Add(s.Name, s.State.ToString().ToLowerInvariant(), s.LastHolder?.Pid.ToString(CultureInfo.InvariantCulture), s.LastHolder?.Host,
                    s.LastHolder?.Acquired.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), s.LastHolder?.Purpose);
            }

            table.Write(context.Output);
            return 0;
        });
        return locks;
    }
}
