using System.CommandLine;
using SlurmSearch.Cli.Output;
using SlurmSearch.Cli.Sessions;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch logs SESSION [WORKER]</c>: list a session's logs, or print a worker's (or a trial's with <c>--trial</c>).</summary>
public static class LogsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var worker = new Argument<string?>("WORKER") { Description = "Worker (or Slurm task) index or log name to print", Arity = ArgumentArity.ZeroOrOne };
        var trial = new Option<long?>("--trial") { Description = "Print this trial's stdout and stderr" };
        var command = new Command("logs", "List or print the logs of a session") { session, worker, trial };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            var dir = Path.Combine(store.DirectoryOf(opened.Key), "logs");
            var files = Directory.Exists(dir) ? Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal).ToList() : [];
            IEnumerable<string> chosen;
            if (parse.GetValue(trial) is { } tid)
            {
                chosen = files.Where(f => Path.GetFileName(f).StartsWith($"trial_{tid}.", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal));
            }
            else if (parse.GetValue(worker) is { } w)
            {
                chosen = files.Where(f => Path.GetFileNameWithoutExtension(f) is var n && (n == w || n == $"worker_{w}" || n.StartsWith($"worker_{w}_", StringComparison.Ordinal) || n.EndsWith($"_{w}", StringComparison.Ordinal)));
            }
            else
            {
                var table = new TextTable("log", "bytes", "modified");
                foreach (var f in files)
                {
                    var info = new FileInfo(f);
                    table.Add(info.Name, info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), info.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                }

                table.Write(context.Output);
                return 0;
            }

            var list = chosen.ToList();
            if (list.Count == 0)
            {
                throw SlurmSearch.Sessions.SessionException.Because($"no such log for {opened.Key} in {dir}");
            }

            foreach (var file in list)
            {
                context.Output.WriteLine($"==> {Path.GetFileName(file)} <==");
                context.Output.Write(File.ReadAllText(file));
            }

            return 0;
        });
        return command;
    }
}
