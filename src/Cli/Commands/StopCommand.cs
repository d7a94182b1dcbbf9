using System.CommandLine;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;

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
            var jobs = new List<string>();
            foreach (var name in parse.GetValue(sessions)!)
            {
                var session = SessionSupport.Open(store, name);
                session.SetStatus(SessionStatus.Disabled, "stopped by ssearch stop");
                jobs.AddRange(SlurmGenerations.JobIds(store, session.Key));
                context.Output.WriteLine($"stopped {session.Key}");
                if (SweepSupport.IsSweep(session.Key))
                {
                    SweepSupport.Stop(context, store, session.Key);
                }
            }

            CancelSlurmJobs(context, jobs);
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
            var jobs = new List<string>();
            foreach (var key in new[] { "slurm", "search", "sampling", "sweep" }.SelectMany(t => store.List(t)))
            {
                var session = new SearchSession(store, key);
                if (SessionCounts.Read(store, key).Status == SessionStatus.Active)
                {
                    session.SetStatus(SessionStatus.Disabled, "stopped by ssearch stopall");
                    jobs.AddRange(SlurmGenerations.JobIds(store, key));
                    context.Output.WriteLine($"stopped {key}");
                    if (SweepSupport.IsSweep(key))
                    {
                        SweepSupport.Stop(context, store, key);
                    }
                }
            }

            CancelSlurmJobs(context, jobs);
            return 0;
        });
        return command;
    }

    /// <summary>Stops the tasks of <paramref name="jobs"/> still in the queue (see <see cref="SlurmGenerations.Stop"/>); the session is already disabled, so no worker resubmits.</summary>
    internal static void CancelSlurmJobs(CliContext context, List<string> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        var client = new SlurmClient(new ProcessSlurmCommandRunner());
        try
        {
            var stopped = SlurmGenerations.Stop(client, jobs);
            if (stopped.Count > 0)
            {
                context.Output.WriteLine($"stopped Slurm task(s) {string.Join(", ", stopped)}");
            }
        }
        catch (SearchException e) when (e is SlurmUnavailableException or SlurmCommandException)
        {
            context.Error.WriteLine($"warning: sessions disabled, but their Slurm jobs ({string.Join(", ", jobs)}) could not be cancelled: {e.Message}");
        }
    }
}
