using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SlurmSearch.Cli.Experiments;
using SlurmSearch.Cli.Output;
using SlurmSearch.Dsl.Evaluation;
using SlurmSearch.Dsl.Parsing;
using SlurmSearch.Dsl.Printing;
using SlurmSearch.Dsl.Reports;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Cli.Commands;

/// <summary>
/// <c>run_exp [NAME [--a:b=value …]] [--resume=exp:N] [--show=exp:N] [--stop=exp:N] [--debug=true] [--display-ast=true|abstract]</c>:
/// lists, runs, resumes, shows and stops experiments (the original's <c>display_experiment</c>).
/// </summary>
public static class RunExpCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C or a signal (the shell's 128 + SIGINT); the experiment stays resumable.</summary>
    public const int Interrupted = 130;

    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var name = new Argument<string?>("NAME") { Description = "The experiment (experiments/NAME.exp); none lists them", Arity = ArgumentArity.ZeroOrOne };
        var parameters = new Argument<string[]>("PARAMS") { Description = "Parameter overrides --a:b=value (nested with ':', comma lists, numbers as the original's params_from_args)", Arity = ArgumentArity.ZeroOrMore };
        var resume = new Option<string?>("--resume") { Description = "Resume exp:NAME: finished sub-sessions are reused, interrupted trials re-queued", HelpName = "exp:NAME" };
        var show = new Option<string?>("--show") { Description = "Show the progress of exp:NAME's sub-sessions", HelpName = "exp:NAME" };
        var stop = new Option<string?>("--stop") { Description = "Stop exp:NAME and all its sub-sessions (and their Slurm jobs)", HelpName = "exp:NAME" };
        var debug = new Option<string?>("--debug") { Description = "true: apply the experiment's debug overrides", HelpName = "true" };
        var displayAst = new Option<string?>("--display-ast") { Description = "Print the experiment as written (true) or as mathematics (abstract) and exit", HelpName = "true|abstract" };
        var experiments = new Option<string?>("--experiments") { Description = "Experiments directory (default: $SSEARCH_EXPERIMENTS, else ./experiments, else beside the executable)", HelpName = "DIR" };
        var seed = new Option<long?>("--seed") { Description = "Seed of the sub-sessions' samplers (default: random)" };
        var json = new Option<bool>("--json") { Description = "JSON output for the listing and --show" };
        var evalTrial = new Option<bool>("--eval-trial") { Description = "Internal: evaluate the trial $SSEARCH_TRIAL_ID of $SSEARCH_SESSION (cpu/slurm workers)", Hidden = true };
        var command = new Command("run_exp", "Run, resume, show or stop experiments; with no NAME, list them")
        {
            name, parameters, resume, show, stop, debug, displayAst, experiments, seed, json, evalTrial,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var run = new RunExp(context);
            if (parse.GetValue(evalTrial))
            {
                return run.EvaluateTrial();
            }

            if (parse.GetValue(stop) is { } stopKey)
            {
                return run.Stop(ExperimentKey(stopKey));
            }

            if (parse.GetValue(show) is { } showKey)
            {
                return run.Show(ExperimentKey(showKey), parse.GetValue(json));
            }

            var directory = ExperimentFiles.Directory(parse.GetValue(experiments), context.Environment.GetVariable);
            if (parse.GetValue(name) is not { } experiment)
            {
                return run.List(directory, parse.GetValue(json));
            }

            var arguments = (parse.GetValue(parameters) ?? []).Concat(parse.UnmatchedTokens).ToList();
            if (arguments.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=', StringComparison.Ordinal)) is { } bad)
            {
                throw new UsageException($"'{bad}' is not a parameter override (--name=value, nested with ':')");
            }

            var isDebug = parse.GetValue(debug) switch
            {
                null or "false" => false,
                "true" => true,
                var other => throw new UsageException($"--debug={other}: use --debug=true"),
            };
            var display = parse.GetValue(displayAst);
            if (display is not (null or "true" or "abstract" or "false"))
            {
                throw new UsageException($"--display-ast={display}: use true or abstract");
            }

            return run.Run(
                directory,
                experiment,
                ExperimentParams.FromArguments(arguments),
                isDebug,
                display is "true" or "abstract" ? display : null,
                parse.GetValue(resume) is { } r ? ExperimentKey(r) : null,
                parse.GetValue(seed));
        });
        return command;
    }

    private static StateKey ExperimentKey(string text)
    {
        var key = StateKey.ParseWithDefaultType(text, ExperimentState.KeyType);
        return key.Type == ExperimentState.KeyType ? key : throw new UsageException($"'{text}' is not an experiment (exp:NAME)");
    }

    /// <summary>One invocation: the store, the runner options and the output.</summary>
    private sealed class RunExp(CliContext context)
    {
        public int List(string directory, bool json)
        {
            var names = ExperimentFiles.Names(directory);
            if (json)
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new { directory, experiments = names }));
                return 0;
            }

            context.Output.WriteLine($"Experiments ({directory}):");
            foreach (var experiment in names)
            {
                context.Output.WriteLine($"  {experiment}");
            }

            return 0;
        }

        public int Show(StateKey key, bool json)
        {
            using var store = context.OpenStore();
            if (!store.Exists(key))
            {
                throw StateNotFoundException.For(key);
            }

            var experiment = new ExperimentState(store, key);
            var status = experiment.Status();
            var rows = experiment.SubSessions().Select(sub => (Key: sub, Counts: store.Exists(sub) ? SessionCounts.Read(store, sub) : null)).ToList();
            if (json)
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    experiment = key.ToString(),
                    status,
                    sessions = rows.Select(r => new
                    {
                        session_name = r.Key.Name,
                        session_type = r.Key.Type,
                        status = r.Counts?.Status ?? "missing",
                        running = r.Counts?.Running ?? 0,
                        completed = r.Counts?.Completed ?? 0,
                        max_trials = r.Counts?.MaxEvals ?? 0,
                    }),
                }));
                return 0;
            }

            context.Output.WriteLine($"{key}: {status}, {rows.Count} sub-session(s)");
            var table = new TextTable(["session_name", "session_type", "status", "running", "completed", "max_trials"]);
            foreach (var (sub, counts) in rows)
            {
                table.Add([sub.Name, sub.Type, counts?.Status ?? "missing", Text(counts?.Running ?? 0), Text(counts?.Completed ?? 0), Text(counts?.MaxEvals ?? 0)]);
            }

            table.Write(context.Output);
            return 0;
        }

        public int Stop(StateKey key)
        {
            using var store = context.OpenStore();
            var subSessions = new ExperimentRunner(store, Options()).Stop(key);
            var jobs = subSessions.Where(store.Exists).SelectMany(s => SlurmGenerations.JobIds(store, s)).ToList();
            context.Output.WriteLine($"stopped {key} and {subSessions.Count} sub-session(s)");
            StopCommand.CancelSlurmJobs(context, jobs);
            return 0;
        }

        public int Run(string directory, string name, Dictionary<string, object?> overrides, bool debug, string? display, StateKey? resume, long? seed)
        {
            var file = ExperimentFiles.PathOf(directory, name);
            var source = File.ReadAllText(file);
            var definition = Parse(source, name, file);
            if (definition is null)
            {
                return 2;
            }

            var record = ExperimentRunner.Prepare(definition, source, file, overrides, debug, seed ?? new Random().NextInt64(0, int.MaxValue));
            context.Output.WriteLine("Override params:");
            ValuePrinter.Tree(context.Output, record.OverrideParams);
            context.Output.WriteLine("All params:");
            ValuePrinter.Tree(context.Output, record.Params);
            if (display is not null)
            {
                context.Output.WriteLine(display == "abstract" ? AbstractPrinter.Print(definition) : TreePrinter.Print(definition));
                return 0;
            }

            using var store = context.OpenStore();
            var runner = new ExperimentRunner(store, Options());
            ExperimentState experiment;
            if (resume is { } key)
            {
                experiment = runner.OpenForResume(key, record);
                context.Output.WriteLine($"Resuming experiment {key}...");
            }
            else
            {
                experiment = runner.Create(record, new Random());
                context.Output.WriteLine($"Creating experiment {experiment.Key}...");
            }

            context.Output.Flush();
            PyDict results;
            using (var stop = new CancellationTokenSource())
            using (Signals(stop))
            {
                try
                {
                    results = runner.RunAsync(experiment, definition, stop.Token).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    var again = string.Join(' ', new[] { "run_exp", name }.Concat(ExperimentParams.ToArguments(overrides).Select(CommandObjective.ShellQuote))
                        .Concat(debug ? ["--debug=true"] : []).Append($"--resume={experiment.Key}"));
                    context.Error.WriteLine($"interrupted: {experiment.Key} is resumable: {again}");
                    return Interrupted;
                }
            }

            context.Output.WriteLine("Results:");
            ValuePrinter.Results(context.Output, results);
            if (definition.Report.Count > 0)
            {
                var calls = ReportEvaluation.Evaluate(definition, results);
                experiment.SetReportCalls(calls);
                var report = ReportWriter.Write(ReportWriter.DefaultDirectory(context.Home, experiment.Key.Name), experiment.Key.Name, calls);
                foreach (var line in report.Lines)
                {
                    context.Output.WriteLine(line);
                }

                context.Output.WriteLine($"Report: {report.IndexPath}");
            }

            context.Output.WriteLine(experiment.Key.ToString());
            return 0;
        }

        public int EvaluateTrial()
        {
            string Variable(string variable) => context.Environment.GetVariable(variable) is { Length: > 0 } value
                ? value
                : throw new UsageException($"--eval-trial runs inside a worker: ${variable} is not set");
            var session = StateKey.Parse(Variable("SSEARCH_SESSION"));
            var tid = long.Parse(Variable("SSEARCH_TRIAL_ID"), CultureInfo.InvariantCulture);
            var worker = Variable("SSEARCH_WORKER_ID");
            var resultPath = Variable("SSEARCH_RESULT");
            using var store = context.OpenStore();
            var logs = Path.Combine(store.DirectoryOf(session), "logs", $"trial_{tid.ToString(CultureInfo.InvariantCulture)}.calls");
            var runner = new ExperimentRunner(store, Options());
            TrialResult result;
            using (var stop = new CancellationTokenSource())
            using (Signals(stop))
            {
                try
                {
                    result = runner.EvaluateTrialAsync(session, tid, worker, logs, r => Parse(r.Source, r.Name, r.File) ?? throw ExperimentException.Because($"the source of {r.Name} stored in the experiment does not parse"), stop.Token)
                        .GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    // The worker stopping this trial (SIGTERM): nested trials were handed back; the worker hands this one back.
                    context.Error.WriteLine($"interrupted: trial {tid.ToString(CultureInfo.InvariantCulture)} of {session} handed back");
                    return Interrupted;
                }
            }

            var document = new PyDict { ["status"] = result.IsOk ? "ok" : "fail" };
            if (result.Loss is { } loss)
            {
                document["loss"] = loss;
            }

            if (result.Error is { } error)
            {
                document["error"] = error;
            }

            if (result.Extra.TryGetValue("result", out var value) && value is PyValue py)
            {
                document["result"] = py;
            }

            File.WriteAllText(resultPath, PyJson.Serialize(document, indented: false));
            return result.IsOk ? 0 : 2;
        }

        private ExperimentRunnerOptions Options()
        {
            var worker = context.WorkerCommand();
            return new ExperimentRunnerOptions
            {
                WorkerCommand = worker,
                PointCommand = string.Join(' ', worker.Select(CommandObjective.ShellQuote)) + " run_exp --eval-trial",
                ResolveCommand = ResolveCommand,
                SlurmExecutor = () => new SlurmExecutor(new SlurmClient(new ProcessSlurmCommandRunner())),
                Progress = new LineProgress(context.Output),
            };
        }

        /// <summary><c>rl_agent</c> (the shipped experiments' objective) is found as the demo finds it when it is not on PATH.</summary>
        private string ResolveCommand(string command)
        {
            const string Agent = "rl_agent";
            var trimmed = command.TrimStart();
            if (!(trimmed == Agent || trimmed.StartsWith(Agent + " ", StringComparison.Ordinal)))
            {
                return command;
            }

            var onPath = (context.Environment.GetVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, Agent)));
            return onPath && context.Environment.GetVariable(AgentLocator.EnvironmentVariable) is null
                ? command
                : AgentLocator.Command(context.Environment.GetVariable) + trimmed[Agent.Length..];
        }

        private ExperimentDefinition? Parse(string source, string name, string file)
        {
            try
            {
                return ExperimentParser.Parse(source, name, file);
            }
            catch (DslParseException e)
            {
                context.Error.WriteLine(e.ToDisplayString());
                return null;
            }
        }

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static IDisposable Signals(CancellationTokenSource stop)
        {
            var registrations = new List<PosixSignalRegistration>();
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
                {
                    registrations.Add(PosixSignalRegistration.Create(signal, c =>
                    {
                        c.Cancel = true;
                        stop.Cancel();
                    }));
                }
            }

            return new Registrations(registrations);
        }
    }

    private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }

    private sealed class LineProgress(TextWriter output) : IProgress<ExperimentEvent>
    {
        public void Report(ExperimentEvent value)
        {
            lock (output)
            {
                output.WriteLine(value.ToString());
                output.Flush();
            }
        }
    }
}
