using SlurmSearch.Cli.Sessions;
using System.CommandLine;
using SlurmSearch.Sessions.Config;
using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch sweep FILE [KEY=VALUE …] [options]</c>: plan a sweep from a .sweep run description or a NeMo-RL sweep YAML, then launch it (or print it with <c>--dry-run</c>).</summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var options = new SweepCommandOptions();
        var command = new Command("sweep", "Run a grid of commands (Sample Factory run description or NeMo-RL sweep YAML) as a sweep session; --dry-run prints it");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var config = SsearchConfig.LoadFromHome(context.Home);
            var request = options.Read(parse, config, context.Environment);
            SweepPlan plan;
            try
            {
                plan = new SweepPlanner(config, new Random(), History(context)).Plan(request);
            }
            catch (SweepPlanException e) when (e.SourceLine is not null)
            {
                // A positioned error: the line and a caret under the column, then the usual exit code.
                context.Error.WriteLine("error: " + e.ToDisplayString());
                return e.ExitCode;
            }

            if (plan.Options.DryRun)
            {
                var printer = new SweepDryRunPrinter(context.Output);
                if (parse.GetValue(options.Json))
                {
                    printer.WriteJson(plan);
                }
                else
                {
                    printer.Write(plan);
                    if (plan.Options.Backend == SweepBackend.Slurm)
                    {
                        SweepSupport.PrintSlurmPlan(context, plan);
                    }
                }

                return 0;
            }

            if (parse.GetValue(options.Json))
            {
                throw new UsageException("--json applies to --dry-run");
            }

            return Launch(context, plan);
        });
        return command;
    }

    private static ISweepHistory History(CliContext context) => new StoreHistory(context);

    private static int Launch(CliContext context, SweepPlan plan) => SweepSupport.Launch(context, plan);

    /// <summary>Our sweeps answer <c>&amp;last_model WHERE group=ID&amp;</c>; the store is opened only when a command asks.</summary>
    private sealed class StoreHistory(CliContext context) : ISweepHistory
    {
        public string? LatestFinishedRunDirectory(string groupId)
        {
            using var store = context.OpenStore();
            return new SweepSessionHistory(store).LatestFinishedRunDirectory(groupId);
        }
    }
}
