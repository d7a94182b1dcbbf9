using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch bench workers</c>: end-to-end trials per second (claim + spawn + record) of local workers, beside bare <c>xargs -P</c>.</summary>
public static class BenchWorkersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var trials = new Option<int>("--trials") { Description = "Trials to run", DefaultValueFactory = _ => 1000 };
        var workers = new Option<int>("--workers") { Description = "Local worker processes", DefaultValueFactory = _ => 8 };
        var objective = new Option<string>("--objective") { Description = "Command per trial", DefaultValueFactory = _ => "true" };
        var baseline = new Option<bool>("--baseline") { Description = "Also time 'xargs -P WORKERS' spawning the same command TRIALS times (the floor)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("workers", "Trials per second through local workers, end to end") { trials, workers, objective, baseline, json };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(trials);
            var w = parse.GetValue(workers);
            if (n < 1 || w < 1)
            {
                throw new UsageException("--trials and --workers must be at least 1");
            }

            using var store = context.OpenStore();
            var key = StateKey.Of("bench", $"workers-{Guid.NewGuid():N}"[..20]);
            var session = SearchSession.Create(store, key, new SessionOptions
            {
                Space = StructuredSpace.Parse("{x: uniform(0, 1)}"),
                Algo = "rand",
                MaxEvals = n,
                Objective = new ObjectiveSpec(parse.GetValue(objective)!, AppendArguments: false),
            });
            try
            {
                var report = new LocalProcessExecutor().RunAsync(new ExecutionRequest
                {
                    Session = session,
                    Objective = DelegateObjective.FromLoss(_ => 0), // unused: the worker processes run the command
                    Workers = w,
                    WorkerCommand = context.WorkerCommand(),
                }, CancellationToken.None).GetAwaiter().GetResult();
                var view = session.View();
                var recorded = view.Trials.Count(t => t.Status is TrialStatus.Ok or TrialStatus.Fail);
                var rate = recorded / report.Elapsed.TotalSeconds;
                var result = new Dictionary<string, object?>
                {
                    ["trials"] = recorded,
                    ["workers"] = w,
                    ["seconds"] = Math.Round(report.Elapsed.TotalSeconds, 3),
                    ["trials_per_s"] = Math.Round(rate, 1),
                    ["duplicates"] = view.Trials.Count - view.Trials.Select(t => t.Tid).Distinct().Count(),
                };
                if (parse.GetValue(baseline))
                {
                    result["xargs_trials_per_s"] = Math.Round(Xargs(parse.GetValue(objective)!, n, w), 1);
                }

                context.Output.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(result)
                    : string.Join(", ", result.Select(p => $"{p.Key} {Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")));
                return recorded == n ? 0 : 2;
            }
            finally
            {
                store.Delete(key);
            }
        });
        return command;
    }

    private static double Xargs(string objective, int trials, int workers)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"seq {trials} | xargs -P {workers} -I{{}} /bin/sh -c {CommandObjective.ShellQuote(objective)}");
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return trials / stopwatch.Elapsed.TotalSeconds;
    }
}
