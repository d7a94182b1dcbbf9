using System.CommandLine;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch stop SESSION…</c> and <c>stopall</c>: disable sessions, so their workers stop after their trial.</summary>
public static class StopCommand
{
    /// <summary>Builds <c>stop</c>.</summary>
    public static Command Build(CliContext context)
    {
        var sessions = new Argument<string[]>("SESSION") { Description = "Sessions to stop", Arity = ArgumentArity.OneOrMore };
        var command = new Command("stop", "Disable sessions (workers stop claiming trials)") { sessions };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            foreach (var name in parse.GetValue(sessions)!)
            {
                var session = SessionSupport.Open(store, name);
                session.SetStatus(SessionStatus.Disabled, "stopped by ssearch stop");
                context.Output.WriteLine($"stopped {session.Key}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Builds <c>stopall</c>.</summary>
    public static Command BuildAll(CliContext context)
    {
        var command = new Command("stopall", "Disable every active session");
        command.SetAction(_ =>
        {
            using var store = context.OpenStore();
            foreach (var key in new[] { "slurm", "search", "sampling", "sweep" }.SelectMany(t => store.List(t)))
            {
                var session = new SearchSession(store, key);
                if (SessionCounts.Read(store, key).Status == SessionStatus.Active)
                {
                    session.SetStatus(SessionStatus.Disabled, "stopped by ssearch stopall");
                    context.Output.WriteLine($"stopped {key}");
                }
            }

            return 0;
        });
        return command;
    }
}
