using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary>
/// <c>ssearch bench list</c>: wall time of a whole <c>ssearch list --all</c> process (start-up included) over many
/// sessions, the first time (no counts cache) and then warm (median of repetitions).
/// </summary>
public static class BenchListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var sessions = new Option<int>("--sessions") { Description = "Sessions to create", DefaultValueFactory = _ => 1000 };
        var trials = new Option<int>("--trials") { Description = "Finished trials per session", DefaultValueFactory = _ => 10 };
        var repeat = new Option<int>("--repeat") { Description = "Warm listings to time", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("list", "Time 'ssearch list --all' over many sessions in a scratch home (cold, then warm)") { sessions, trials, repeat, json };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(sessions);
            var t = parse.GetValue(trials);
            var r = parse.GetValue(repeat);
            if (n < 1 || t < 0 || r < 1)
            {
                throw new UsageException("--sessions and --repeat must be at least 1, --trials at least 0");
            }

            var home = Path.Combine(Path.GetTempPath(), $"ssearch-bench-list-{Guid.NewGuid():N}");
            try
            {
                Populate(home, n, t);
                var cold = TimeList(home, n);
                var warm = Enumerable.Range(0, r).Select(_ => TimeList(home, n)).Order().ToList();
                var result = new Dictionary<string, object?>
                {
                    ["sessions"] = n,
                    ["trials_per_session"] = t,
                    ["cold_ms"] = Math.Round(cold, 1),
                    ["warm_ms"] = Math.Round(warm[warm.Count / 2], 1),
                    ["warm_min_ms"] = Math.Round(warm[0], 1),
                    ["startup_ms"] = Math.Round(TimeProcess(home, ["list", "no_such_type"]), 1), // start-up and an empty listing
                };
                context.Output.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(result)
                    : string.Join(", ", result.Select(p => $"{p.Key} {Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")));
                return 0;
            }
            finally
            {
                Directory.Delete(home, recursive: true);
            }
        });
        return command;
    }

    private static void Populate(string home, int sessions, int trials)
    {
        using var store = new PickleDirectoryStore(home);
        var space = StructuredSpace.Parse("{x: uniform(0, 1), y: choice(1, 2, 3)}");
        for (var i = 0; i < sessions; i++)
        {
            var session = SearchSession.Create(store, StateKey.Of("slurm", $"bench_{i:D5}"), new SessionOptions { Space = space, Algo = "rand", MaxEvals = trials + 5, Seed = i });
            for (var k = 0; k < trials; k++)
            {
                var claim = session.NextTrial("bench").Claim ?? throw new InvalidOperationException("the session gave no trial");
                session.Record(claim.Tid, "bench", TrialResult.Ok(claim.Values["x"]));
            }
        }
    }

    private static double TimeList(string home, int sessions)
    {
        var elapsed = TimeProcess(home, ["list", "--all", "--json"], out var stdout);
        var listed = JsonDocument.Parse(stdout).RootElement.GetArrayLength();
        return listed == sessions ? elapsed : throw new InvalidOperationException($"list showed {listed} sessions, expected {sessions}");
    }

    private static double TimeProcess(string home, string[] args) => TimeProcess(home, args, out _);

    private static double TimeProcess(string home, string[] args, out string stdout)
    {
        var self = SelfInvocation.Command();
        var psi = new ProcessStartInfo(self[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in self.Skip(1).Concat(["--home", home]).Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var errors = process.StandardError.ReadToEndAsync();
        stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        return process.ExitCode == 0 ? elapsed : throw new InvalidOperationException($"ssearch {string.Join(' ', args)} failed: {errors.Result.Trim()}");
    }
}
