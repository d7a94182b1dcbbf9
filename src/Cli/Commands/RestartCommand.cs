using System.CommandLine;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch restart SESSION</c>: resume interrupted trials, re-enable, and run the workers again.</summary>
public static class RestartCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var objective = new Option<string?>("--objective") { Description = "Replace the objective command (needed for sessions of the original Python tool)", HelpName = "CMD" };
        var prefix = new Option<string>("--param-prefix") { Description = "Prefix of parameter arguments with --objective", DefaultValueFactory = _ => "--" };
        var detach = new Option<bool>("--detach") { Description = "Only reset and re-enable; do not run workers" };
        var run = new ExecutorOptions();
        var command = new Command("restart", "Reset interrupted trials to resumable, re-enable the session and run it") { session, objective, prefix, detach };
        run.AddTo(command);
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            if (SweepSupport.IsSweep(opened.Key))
            {
                // A sweep reruns only its failed or unfinished runs, the way it was launched.
                return SweepSupport.Restart(context, store, opened.Key, parse.GetValue(detach));
            }

            if (run.IsDryRun(parse))
            {
                var stored = opened.View().Extra.TryGetValue("executor", out var s) ? s : null;
                return StartCommand.DryRun(context, opened, run.Read(parse, ExecutorSettings.FromPlain(stored)));
            }

            if (parse.GetValue(objective) is { } text)
            {
                SessionSupport.CheckCommandExists(text);
                opened.SetObjective(new ObjectiveSpec(text, parse.GetValue(prefix)!));
            }

            if (!parse.GetValue(detach))
            {
                // Refuse before changing anything when the workers would have nothing to run.
                SessionSupport.Objective(opened.View());
            }

            var reset = opened.ResetActive();
            opened.SetStatus(SessionStatus.Active);
            var view = opened.View();
            var settings = run.Read(parse, ExecutorSettings.FromPlain(view.Extra.TryGetValue("executor", out var e) ? e : null));
            context.Output.WriteLine($"restarted {opened.Key}: {reset} interrupted trial(s) resumable, {view.Completed}/{view.MaxEvals} done");
            if (parse.GetValue(detach) || view.Status == SessionStatus.Complete)
            {
                return 0;
            }

            return StartCommand.RunAndReport(context, opened, settings);
        });
        return command;
    }
}
