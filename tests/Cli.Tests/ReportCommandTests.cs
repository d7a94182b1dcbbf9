using System.Text.Json;
using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private static readonly double[][] Runs = [[12, 30, 21], [48, 52, 50], [20, 26, 23], [5, 9, 7]];
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Report_StoredExperiment_WritesEveryFigureUnderTheHomeAndPrintsTheSummary()
    {
        WriteExperiment("hp_tuning_effects_1", withCalls: true);

        var result = CliRunner.Run("--home", _home.Path, "report", "exp:hp_tuning_effects_1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Performance for trial best: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Performance for entire space: ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("[hp_tuning_effects_1] Trial STD / HP std = ", StringComparison.Ordinal));
        var directory = _home.Combine("reports", "hp_tuning_effects_1");
        Assert.Equal($"wrote 9 files to {directory}; open {Path.Combine(directory, "index.html")}", lines[^1]);
        foreach (var name in new[] { "performance.csv", "cdfs.svg", "cdfs.csv", "std_ratio.csv", "surface.svg", "surface.csv", "bootstrap.svg", "bootstrap.csv", "index.html" })
        {
            Assert.True(File.Exists(Path.Combine(directory, name)), name);
        }

        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Report_BareNameOutAndJson_WritesWhereAskedAndListsTheFiles()
    {
        WriteExperiment("cmp", withCalls: true);
        var output = _home.Combine("elsewhere");

        var result = CliRunner.Run("--home", _home.Path, "report", "cmp", "--out", output, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("exp:cmp", json.RootElement.GetProperty("key").GetString());
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Equal(9, files.Count);
        Assert.All(files, f => Assert.StartsWith(output, f, StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        Assert.False(Directory.Exists(_home.Combine("reports")));
    }

    [Fact]
    public void Report_StateWithoutReportCalls_IsADomainError()
    {
        WriteExperiment("old", withCalls: false);

        var result = CliRunner.Run("--home", _home.Path, "report", "exp:old");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: exp:old: the state holds no 'report_calls'", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Report_StoredCallWithABadArgument_NamesCallAndArgument()
    {
        var calls = new PyList(new ReportCall(ReportKinds.Surface, [new ReportArgument(null, new PyList(1.0, 2.0))]).ToPyValue());
        Create("bad", new PyDict { ["status"] = "complete", [ReportCall.StateField] = calls });

        var result = CliRunner.Run("--home", _home.Path, "report", "exp:bad");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: report surface(): argument '#1' must be point values of CDFs", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownExperimentOrNonExperimentKey_FailsCleanly()
    {
        var missing = CliRunner.Run("--home", _home.Path, "report", "exp:nope");
        var session = CliRunner.Run("--home", _home.Path, "report", "slurm:x");

        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: ", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, session.ExitCode);
        Assert.Contains("takes exp:NAME", session.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ReportCallsPickledByPython_AreRead()
    {
        // The documented format, written by a plain Python process: a list of (kind, [(name or None, value), …]).
        var directory = _home.Combine("exp", "from_python");
        Directory.CreateDirectory(directory);
        Python.Check(
            """
            import pickle, sys
            cdf = [1.5, 2.0, 4.25]
            state = {"status": "complete", "results": {"cdf": cdf},
                     "report_calls": [("performance", [("best", (3.0, 0.5))]),
                                      ("cdfs", [("space", cdf), ("title", "From Python")])]}
            pickle.dump(state, open(sys.argv[1], "wb"), protocol=2)
            """,
            [Path.Combine(directory, "session_state.pickle")]);

        var result = CliRunner.Run("--home", _home.Path, "report", "exp:from_python");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("Performance for best: 3 ± 0.5\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("From Python", File.ReadAllText(_home.Combine("reports", "from_python", "cdfs.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportHelp_DescribesTheCommand()
    {
        var result = CliRunner.Run("report", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--out", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("exp:NAME", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>An experiment state with the original's fields and results in the shapes the evaluator stores.</summary>
    private void WriteExperiment(string name, bool withCalls)
    {
        var best = Flat(52, 47, 55, 50);
        var worst = Flat(3, 8, 6, 4);
        var space = Nested(Runs);
        var spaceCdf = new PyList(Runs.SelectMany(r => r).Order().Select(v => (PyValue)v));
        var pointValuesCdf = new PyList(Runs.Select((r, i) => (PyValue)new PyTuple(new PyDict { ["lr"] = 0.001 * (i + 1) }, new PyList(r.Order().Select(v => (PyValue)v)))));
        var results = new PyDict
        {
            ["best_hp_results"] = best,
            ["worst_hp_results"] = worst,
            ["space_samples"] = space,
            ["space_returns_mean"] = 26.0,
            ["space_returns_std"] = 15.5,
            ["space_returns_cdf"] = spaceCdf,
            ["space_hp_returns_cdf"] = pointValuesCdf,
        };
        var state = new PyDict
        {
            ["status"] = "complete",
            ["params"] = new PyDict { ["agent"] = "debug" },
            ["base_params"] = new PyDict(),
            ["override_params"] = new PyDict(),
            ["partial_results"] = new PyDict(),
            ["results"] = results,
        };
        if (withCalls)
        {
            ReportCall[] calls =
            [
                Call(ReportKinds.Performance, ("trial best", best), ("entire space", new PyTuple(26.0, 15.5)), ("trial worst", worst)),
                Call(ReportKinds.Cdfs, ("space", spaceCdf), ("trial_best", best["cdf"]), ("trial_worst", worst["cdf"]), ("title", "Performance CDFs of various HPs.")),
                Call(ReportKinds.StdRatio, (null, pointValuesCdf)),
                Call(ReportKinds.Surface, (null, pointValuesCdf), ("zlabel", "Return")),
                Call(ReportKinds.Bootstrap, (null, space), ("resamples", 200)),
            ];
            state[ReportCall.StateField] = ReportCall.ListToPyValue(calls);
        }

        Create(name, state);
    }

    private void Create(string name, PyValue state)
    {
        using var store = new PickleDirectoryStore(_home.Path);
        store.Create(StateKey.Of("exp", name), state);
    }

    private static ReportCall Call(string kind, params (string? Name, PyValue Value)[] arguments) =>
        new(kind, [.. arguments.Select(a => new ReportArgument(a.Name, a.Value))]);

    private static PyDict Flat(params double[] runs)
    {
        var mean = runs.Average();
        return new PyDict
        {
            ["mean"] = mean,
            ["std"] = Math.Sqrt(runs.Select(r => (r - mean) * (r - mean)).Average()),
            ["min"] = runs.Min(),
            ["max"] = runs.Max(),
            ["cdf"] = new PyList(runs.Order().Select(r => (PyValue)r)),
            ["point_values"] = new PyList(runs.Order().Select((r, i) => (PyValue)new PyTuple(new PyDict { ["run_seed"] = i }, r))),
            ["session_name"] = "sampling:inner",
        };
    }

    private static PyDict Nested(double[][] runs) => new()
    {
        ["mean"] = 0.0,
        ["std"] = 0.0,
        ["cdf"] = new PyList(runs.Select(_ => (PyValue)0.0)),
        ["point_values"] = new PyList(runs.Select((r, i) => (PyValue)new PyTuple(new PyDict { ["lr"] = 0.001 * (i + 1) }, Flat(r)))),
        ["session_name"] = "sampling:outer",
    };
}
