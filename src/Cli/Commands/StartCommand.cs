using System.CommandLine;
using System.Globalization;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Spaces.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch start</c>: creates a session and runs it to completion (unless <c>--detach</c>).</summary>
public static class StartCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var name = new Option<string?>("--name") { Description = "Session name (default: a random phrase); a bare name means slurm:NAME" };
        var space = new Option<string>("--space") { Description = "File with the space in the text form, e.g. {lr: loguniform(log(1e-5), log(1e-1))}", Required = true, HelpName = "FILE" };
        var objective = new Option<string>("--objective") { Description = "Command run per trial (/bin/sh -c); parameters as --name=value, {name} and $SSEARCH_PARAMS", Required = true, HelpName = "CMD" };
        var algo = new Option<string>("--algo") { Description = "rand, tpe, tpe-hyperopt or grid", DefaultValueFactory = _ => "tpe" };
        algo.AcceptOnlyFromAmong([.. SamplerRegistry.Names]);
        var maxEvals = new Option<int>("--max-evals") { Description = "Results that complete the session (grid: 0 = the whole grid)", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Seed of the suggestions", DefaultValueFactory = _ => 0 };
        var prefix = new Option<string>("--param-prefix") { Description = "Prefix of parameter arguments ('' for Hydra's name=value)", DefaultValueFactory = _ => "--" };
        var lease = new Option<double>("--lease") { Description = "Seconds a claim lasts unless its worker renews it", DefaultValueFactory = _ => 60 };
        var trialTimeout = new Option<double?>("--trial-timeout") { Description = "Seconds before a trial is killed and failed" };
        var maxFailures = new Option<int?>("--max-failures") { Description = "Disable the session after this many failures in a row" };
        var noArgs = new Option<bool>("--no-param-args") { Description = "Do not append parameters as arguments (use {name} or $SSEARCH_PARAMS)" };
        var detach = new Option<bool>("--detach") { Description = "Create the session only; run workers later with work_on or restart" };
        var run = new ExecutorOptions();
        var command = new Command("start", "Create a search session and run it to completion")
        {
            name, space, objective, algo, maxEvals, seed, prefix, noArgs, lease, trialTimeout, maxFailures, detach,
        };
        run.AddTo(command);
        command.SetAction(parse =>
        {
            var spaceFile = parse.GetValue(space)!;
            if (!File.Exists(spaceFile))
            {
                throw new UsageException($"space file '{spaceFile}' does not exist");
            }

            StructuredSpace parsed;
            try
            {
                parsed = StructuredSpace.Parse(File.ReadAllText(spaceFile), spaceFile);
            }
            catch (SpaceParseException e)
            {
                throw SessionException.Because(e.Message, e);
            }

            var objectiveText = parse.GetValue(objective)!;
            SessionSupport.CheckCommandExists(objectiveText);
            using var store = context.OpenStore();
            var key = parse.GetValue(name) is { } given
                ? SessionSupport.Key(given)
                : StateKey.Of("slurm", RandomPhrase.Unused(new Random(), n => store.Exists(StateKey.Of("slurm", n))));
            var settings = run.Read(parse);
            if (run.IsDryRun(parse))
            {
                // Nothing is created: the plan only needs the session's key and directory.
                return DryRun(context, new SearchSession(store, key), settings);
            }

            var session = SearchSession.Create(store, key, new SessionOptions
            {
                Space = parsed,
                Algo = parse.GetValue(algo)!,
                MaxEvals = parse.GetValue(maxEvals),
                Seed = parse.GetValue(seed),
                Objective = new ObjectiveSpec(objectiveText, parse.GetValue(prefix)!, parse.GetValue(noArgs) ? false : null),
                Lease = TimeSpan.FromSeconds(parse.GetValue(lease)),
                TrialTimeout = parse.GetValue(trialTimeout) is { } t ? TimeSpan.FromSeconds(t) : null,
                MaxFailures = parse.GetValue(maxFailures),
                Executor = settings.ToPlain(),
            });
            context.Output.WriteLine($"created session {key} ({parse.GetValue(algo)}, max_evals {session.View().MaxEvals})");
            if (parse.GetValue(detach))
            {
                return 0;
            }

            return RunAndReport(context, session, settings);
        });
        return command;
    }

    /// <summary>Prints the batch script and the sbatch command the Slurm executor would run for <paramref name="session"/>; runs and changes nothing.</summary>
    internal static int DryRun(CliContext context, SearchSession session, ExecutorSettings settings)
    {
        var plan = settings.CreateSlurm(context, new DryRunSlurmCommandRunner()).Plan(session, context.WorkerCommand(), settings.Workers);
        context.Output.Write(plan.Script.Text);
        context.Output.WriteLine($"# dry run: nothing was written or submitted; ssearch would write {plan.ScriptPath} and run:");
        context.Output.WriteLine(plan.Command.ToString());
        return 0;
    }

    /// <summary>Runs a session's workers with the given settings and prints the outcome; exit 0 when complete.</summary>
    internal static int RunAndReport(CliContext context, SearchSession session, ExecutorSettings settings)
    {
        var view = session.View();
        var executor = settings.Create(context);
        var report = SessionSupport.Run(executor, new ExecutionRequest
        {
            Session = session,
            Objective = SessionSupport.Objective(view),
            Workers = settings.Workers,
            Gpus = settings.Gpus,
            PauseBetween = settings.PauseBetween,
            WorkerCommand = context.WorkerCommand(),
            Progress = SessionSupport.Printer(context.Output),
        });
        view = session.View();
        if (settings.NoWait)
        {
            var jobs = SlurmGenerations.JobIds(view);
            context.Output.WriteLine($"submitted {settings.Workers} Slurm task(s) as job {(jobs.Count > 0 ? jobs[^1] : "?")}; follow with: ssearch watch {view.Key}");
            return 0;
        }

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Workers} {executor.Name} worker(s) ran {report.Trials} trial(s) in {report.Elapsed.TotalSeconds:F1} s"));
        SessionPrinter.Top(context.Output, view, 5);
        SessionPrinter.Summary(context.Output, view);
        return view.Status switch
        {
            SessionStatus.Complete => 0,
            SessionStatus.Disabled when view.DisabledReason is { } why => throw SessionException.Because($"{view.Key} was disabled: {why}"),
            _ => 0,
        };
    }
}
