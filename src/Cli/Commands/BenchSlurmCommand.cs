using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary>
/// <c>ssearch bench slurm</c>: from submitting a session's array job (as <c>start --executor slurm</c> does) to every
/// task running, on the Slurm this machine talks to; then the job is cancelled and the scratch session deleted.
/// </summary>
public static class BenchSlurmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var workers = new Option<int>("--workers") { Description = "Array tasks", DefaultValueFactory = _ => 8 };
        var repeat = new Option<int>("--repeat") { Description = "Submissions to time", DefaultValueFactory = _ => 5 };
        var partition = new Option<string?>("--partition") { Description = "Partition to submit to" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("slurm", "Time from sbatch to all array tasks running (one submission per repetition)") { workers, repeat, partition, json };
        command.SetAction(parse =>
        {
            var w = parse.GetValue(workers);
            var r = parse.GetValue(repeat);
            if (w < 1 || r < 1)
            {
                throw new UsageException("--workers and --repeat must be at least 1");
            }

            var client = new SlurmClient(new ProcessSlurmCommandRunner());
            client.EnsureAvailable();
            using var store = context.OpenStore();
            var times = new List<double>();
            for (var i = 0; i < r; i++)
            {
                times.Add(TimeOne(context, store, client, w, parse.GetValue(partition)));
            }

            times.Sort();
            var result = new Dictionary<string, object?>
            {
                ["workers"] = w,
                ["repeat"] = r,
                ["submit_to_running_s"] = Math.Round(times[times.Count / 2], 3),
                ["min_s"] = Math.Round(times[0], 3),
                ["max_s"] = Math.Round(times[^1], 3),
            };
            context.Output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(result)
                : string.Join(", ", result.Select(p => $"{p.Key} {Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")));
            return 0;
        });
        return command;
    }

    private static double TimeOne(CliContext context, StateStore store, SlurmClient client, int workers, string? partition)
    {
        var key = StateKey.Of("bench", $"slurm-{Guid.NewGuid():N}"[..20]);
        var session = SearchSession.Create(store, key, new SessionOptions
        {
            Space = StructuredSpace.Parse("{x: uniform(0, 1)}"),
            Algo = "rand",
            MaxEvals = workers,
            Objective = new ObjectiveSpec("sleep 30", AppendArguments: false),
        });
        var executor = new SlurmExecutor(client, new SlurmExecutorOptions { Wait = false, Resources = SlurmResources.None with { Partition = partition } });
        IReadOnlyList<string> jobs = [];
        try
        {
            var stopwatch = Stopwatch.StartNew();
            executor.RunAsync(new ExecutionRequest { Session = session, Objective = DelegateObjective.FromLoss(_ => 0), Workers = workers, WorkerCommand = context.WorkerCommand() }, CancellationToken.None)
                .GetAwaiter().GetResult();
            jobs = SlurmGenerations.JobIds(session.View());
            while (client.Queue(jobs).Tasks.Count(t => t.State == SlurmJobState.Running) < workers)
            {
                if (stopwatch.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw SessionException.Because($"the {workers} tasks of job {string.Join(',', jobs)} were not all running after 2 minutes");
                }

                Thread.Sleep(20); // polling squeue is what is being timed; 20 ms bounds the error
            }

            return stopwatch.Elapsed.TotalSeconds;
        }
        finally
        {
            client.Cancel(jobs);
            store.Delete(key);
        }
    }
}
