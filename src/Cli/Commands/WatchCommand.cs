using System.CommandLine;
using System.Globalization;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions;
using Spectre.Console;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch watch SESSION</c>: live progress and best-so-far until the session is complete or disabled.</summary>
public static class WatchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes", DefaultValueFactory = _ => 1 };
        var command = new Command("watch", "Follow a session live: progress bar and best so far, until it is done") { session, interval };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            var every = TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(interval)));
            using var stop = new CancellationTokenSource();
            System.Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            if (context.Environment.IsTerminal)
            {
                AnsiConsole.Progress().AutoClear(false).Start(progress =>
                {
                    var task = progress.AddTask(opened.Key.ToString());
                    Follow(opened, every, stop.Token, view =>
                    {
                        task.MaxValue = Math.Max(1, view.MaxEvals);
                        task.Value = view.Completed;
                        task.Description = $"{view.Key} {view.Status} best {SessionSupport.Number(view.Best?.Loss)}";
                    });
                });
            }
            else
            {
                var last = string.Empty;
                Follow(opened, every, stop.Token, view =>
                {
                    var line = string.Create(CultureInfo.InvariantCulture, $"{view.Key}: {view.Status} {view.Completed}/{view.MaxEvals} done, {view.Running} running, best {SessionSupport.Number(view.Best?.Loss)}");
                    if (line != last)
                    {
                        context.Output.WriteLine(line);
                        context.Output.Flush();
                        last = line;
                    }
                });
            }

            SessionPrinter.Summary(context.Output, opened.View());
            return 0;
        });
        return command;
    }

    private static void Follow(SearchSession session, TimeSpan every, CancellationToken stop, Action<SessionView> show)
    {
        while (true)
        {
            var view = session.View();
            show(view);
            if (view.Status != SessionStatus.Active || stop.IsCancellationRequested)
            {
                return;
            }

            stop.WaitHandle.WaitOne(every);
        }
    }
}
