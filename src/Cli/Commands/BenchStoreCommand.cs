using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SlurmSearch.Store;
using SlurmSearch.Store.Benchmarks;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch bench store</c>: transactions per second of P processes on one session of N trials, and a check that none was lost.</summary>
public static class BenchStoreCommand
{
    /// <summary>Builds <c>bench store</c>.</summary>
    public static Command Build(CliContext context)
    {
        var trials = new Option<int>("--trials") { Description = "Trials in the session", DefaultValueFactory = _ => 1000 };
        var procs = new Option<int>("--procs") { Description = "Worker processes", DefaultValueFactory = _ => 4 };
        var seconds = new Option<double>("--seconds") { Description = "How long the workers run", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var keep = new Option<bool>("--keep") { Description = "Keep the benchmark session afterwards" };
        var command = new Command("store", "P processes doing lock/read/modify/commit on a session of N trials: tx/s, and nothing lost")
        {
            trials, procs, seconds, json, keep,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(trials);
            var p = parse.GetValue(procs);
            var duration = parse.GetValue(seconds);
            if (n < 0 || p < 1 || p > 256 || !(duration > 0 && duration <= 3600))
            {
                throw new UsageException("--trials must be ≥ 0, --procs 1..256 and --seconds in (0, 3600]");
            }

            var key = StateKey.Of("bench", $"store-{Guid.NewGuid():N}"[..18]);
            using var store = context.OpenStore();
            StoreWorkload.Create(store, key, n, TimeProvider.System.GetUtcNow().UtcDateTime);
            try
            {
                var (tx, elapsed) = RunWorkers(context, key, p, duration);
                var (finalTrials, commits) = StoreWorkload.Inspect(store, key);
                var lost = tx - commits + Math.Abs(finalTrials - n);
                var rate = tx / elapsed.TotalSeconds;
                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["backend"] = store.BackendName,
                        ["trials"] = n,
                        ["procs"] = p,
                        ["tx"] = tx,
                        ["tx_per_s"] = Math.Round(rate, 1),
                        ["lost"] = lost,
                    }));
                }
                else
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"backend {store.BackendName}, {n} trials, {p} processes: {tx} transactions in {elapsed.TotalSeconds:F2} s = {rate:F0} tx/s; lost {lost}"));
                }

                return lost == 0 ? 0 : 2;
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    store.Delete(key);
                }
            }
        });
        return command;
    }

    /// <summary>Builds the hidden worker command the benchmark (and the reliability tests) spawn.</summary>
    public static Command BuildWorker(CliContext context)
    {
        var key = new Option<string>("--key") { Required = true };
        var worker = new Option<string>("--worker") { Required = true };
        var seconds = new Option<double?>("--seconds") { Description = "Run for this long" };
        var count = new Option<long?>("--count") { Description = "Run this many transactions" };
        var waitGo = new Option<bool>("--wait-go") { Description = "Print 'ready', then wait for 'go' on stdin" };
        var report = new Option<bool>("--report-each") { Description = "Print the count after every committed transaction" };
        var command = new Command("store-worker", "internal: one worker process of 'bench store'") { key, worker, seconds, count, waitGo, report };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var stateKey = StateKey.Parse(parse.GetValue(key)!);
            store.Read(stateKey); // warm the cache: the first load of a large state is not a transaction
            if (parse.GetValue(waitGo))
            {
                context.Output.WriteLine("ready");
                context.Output.Flush();
                if (Console.In.ReadLine() != "go")
                {
                    return 2;
                }
            }

            var stopwatch = Stopwatch.StartNew();
            var limit = parse.GetValue(seconds) is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.MaxValue;
            var maximum = parse.GetValue(count) ?? long.MaxValue;
            var name = parse.GetValue(worker)!;
            var reportEach = parse.GetValue(report);
            long done = 0;
            var total = StoreWorkload.Work(store, stateKey, name, () =>
            {
                if (reportEach && done > 0)
                {
                    context.Output.WriteLine(done.ToString(CultureInfo.InvariantCulture));
                    context.Output.Flush();
                }

                return stopwatch.Elapsed >= limit || done++ >= maximum;
            }, TimeProvider.System, name.GetHashCode(StringComparison.Ordinal));
            context.Output.WriteLine(total.ToString(CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static (long Tx, TimeSpan Elapsed) RunWorkers(CliContext context, StateKey key, int procs, double seconds)
    {
        var children = new List<Process>();
        try
        {
            for (var i = 0; i < procs; i++)
            {
                var psi = new ProcessStartInfo(context.Environment.SelfCommand[0])
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var part in context.Environment.SelfCommand.Skip(1))
                {
                    psi.ArgumentList.Add(part);
                }

                foreach (var part in new[] { "--home", context.Home, "--backend", context.BackendName, "bench", "store-worker", "--wait-go", "--key", key.ToString(), "--worker", $"w{i}", "--seconds", seconds.ToString(CultureInfo.InvariantCulture) })
                {
                    psi.ArgumentList.Add(part);
                }

                children.Add(Process.Start(psi) ?? throw new InvalidOperationException("could not start a benchmark worker"));
            }

            foreach (var child in children)
            {
                var line = child.StandardOutput.ReadLine();
                if (line != "ready")
                {
                    throw new InvalidOperationException($"benchmark worker failed to start: {line} {child.StandardError.ReadToEnd()}");
                }
            }

            var stopwatch = Stopwatch.StartNew();
            foreach (var child in children)
            {
                child.StandardInput.WriteLine("go");
                child.StandardInput.Flush();
            }

            long total = 0;
            foreach (var child in children)
            {
                var output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                if (child.ExitCode != 0 || !long.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var count))
                {
                    throw new InvalidOperationException($"benchmark worker failed ({child.ExitCode}): {child.StandardError.ReadToEnd().Trim()}");
                }

                total += count;
            }

            return (total, stopwatch.Elapsed);
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }

                child.Dispose();
            }
        }
    }
}
