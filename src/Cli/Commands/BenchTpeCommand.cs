using System.CommandLine;
using System.Globalization;
using SlurmSearch.Search.Benchmarks;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch bench tpe</c>: final regret on the peers' test functions, or the latency of one suggestion by history size.</summary>
public static class BenchTpeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var func = new Option<string?>("--func") { Description = $"Test function: {string.Join(", ", TestFunctions.All.Select(f => f.Name))} (default: all)" };
        var evals = new Option<int>("--evals") { Description = "Evaluations per run", DefaultValueFactory = _ => 100 };
        var seeds = new Option<int>("--seeds") { Description = "Runs with seeds 0..K-1", DefaultValueFactory = _ => 20 };
        var sampler = new Option<string>("--sampler") { Description = "tpe (ours), tpe-hyperopt or random", DefaultValueFactory = _ => "tpe" };
        sampler.AcceptOnlyFromAmong([.. BenchmarkSamplers.Names]);
        var latency = new Option<bool>("--latency") { Description = "Time one suggestion given a history of N random trials instead" };
        var dims = new Option<int>("--dims") { Description = "Dimensions of the latency space", DefaultValueFactory = _ => 6 };
        var history = new Option<string>("--history") { Description = "History sizes for --latency", DefaultValueFactory = _ => "10,100,1000,10000" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line" };
        var command = new Command("tpe", "Tuning quality (median final regret over seeds) or suggestion latency of a sampler")
        {
            func, evals, seeds, sampler, latency, dims, history, json,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(sampler)!;
            if (parse.GetValue(latency))
            {
                var sizes = parse.GetValue(history)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new UsageException($"--history: '{s}' is not a positive integer"))
                    .ToList();
                var result = TpeBenchmark.Latency(BenchmarkSamplers.Create(name, modelFromStart: true), sizes, parse.GetValue(dims));
                context.Output.WriteLine(parse.GetValue(json)
                    ? result.ToJson()
                    : $"{name}, {result.Dimensions} dims: " + string.Join(", ", result.MedianMs.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} trials {p.Value:G3} ms"))));
                return 0;
            }

            if (parse.GetValue(evals) < 1 || parse.GetValue(seeds) < 1)
            {
                throw new UsageException("--evals and --seeds must be at least 1");
            }

            IEnumerable<TestFunction> functions;
            try
            {
                functions = parse.GetValue(func) is { } f ? [TestFunctions.Get(f)] : TestFunctions.All;
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
            }

            foreach (var function in functions)
            {
                var result = TpeBenchmark.Tune(BenchmarkSamplers.Create(name), function, parse.GetValue(evals), parse.GetValue(seeds));
                context.Output.WriteLine(parse.GetValue(json)
                    ? result.ToJson()
                    : string.Create(CultureInfo.InvariantCulture, $"{function.Name,-15} {name,-13} regret median {result.FinalRegret.Median:G3} [{result.FinalRegret.Q25:G3}, {result.FinalRegret.Q75:G3}]  suggest {result.SuggestMedianMs:G3} ms"));
                context.Output.Flush();
            }

            return 0;
        });
        return command;
    }
}
