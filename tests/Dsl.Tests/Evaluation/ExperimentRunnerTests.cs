using SlurmSearch.Dsl.Evaluation;
using SlurmSearch.Dsl.Parsing;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Dsl.Tests.Evaluation;

/// <summary>The evaluator on a real store with a real command objective (a shell script that logs every run).</summary>
public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly PickleDirectoryStore _store;

    public ExperimentRunnerTests()
    {
        _store = new PickleDirectoryStore(_home.Path);
        File.WriteAllText(_home.Combine("objective.sh"), """
            x=0; y=0
            for a in "$@"; do case "$a" in --x=*) x="${a#--x=}";; --y=*) y="${a#--y=}";; esac; done
            echo "$x $y" >> "$RUNS"
            python3 -c "import sys; print('{\"loss\": 0, \"value\": %r}' % (float(sys.argv[1]) * 10 + float(sys.argv[2])))" "$x" "$y"
            """);
    }

    public void Dispose()
    {
        _store.Dispose();
        _home.Dispose();
    }

    private string Runs => _home.Combine("runs.txt");

    private int RunCount => File.Exists(Runs) ? File.ReadAllLines(Runs).Length : 0;

    private ExperimentDefinition Define(string experiment, string results) => ExperimentParser.Parse($$"""
        config {
            x_space: uniform(0, 9)
            y_space: uniform(0, 1)
            n: 3
            x: 0
        }

        objective f(x, y) = command "RUNS={{_home.Combine("runs.txt")}} sh {{_home.Combine("objective.sh")}}" field "value"

        experiment {
        {{experiment}}
        }

        results {
        {{results}}
        }
        """, "unit");

    private ExperimentRunner Runner(IProgress<ExperimentEvent>? progress = null) =>
        new(_store, new ExperimentRunnerOptions { Progress = progress, PollInterval = TimeSpan.FromMilliseconds(50) });

    private (ExperimentRunner Runner, ExperimentState State, ExperimentRecord Record) Start(ExperimentDefinition definition, IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var runner = Runner();
        var record = ExperimentRunner.Prepare(definition, "source", "unit.exp", overrides ?? new Dictionary<string, object?>(), debug: false, seed: 5);
        return (runner, runner.Create(record, new Random(1)), record);
    }

    [Fact]
    public async Task RunAsync_RandomNodeInline_MeasuresTheObjectiveAndRegistersTheSubSession()
    {
        var definition = Define("s = random y ~ y_space samples n [ f(x, y) ]", "s\nbest: s[\"argmax\"]");
        var (runner, state, _) = Start(definition, new Dictionary<string, object?> { ["x"] = 2L });

        var results = await runner.RunAsync(state, definition, CancellationToken.None);

        var measures = (PyDict)results["s"];
        var cdf = ((PyList)measures["cdf"]).Items.Select(v => ((PyFloat)v).Value).ToList();
        Assert.Equal(3, cdf.Count);
        Assert.All(cdf, v => Assert.InRange(v, 20, 21));
        Assert.Equal(3, RunCount);
        // Results run in sorted name order (the original's mapped_params): "best" reaches the node first, at best/argmax.
        Assert.Null(state.PartialResult(["s"]));
        var session = Assert.IsType<PyStr>(state.PartialResult(["best", "argmax"]));
        Assert.Equal(((PyStr)measures["session_name"]).Value, session.Value);
        Assert.StartsWith("sampling:", session.Value, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Complete, state.Status());
        var best = ((PyFloat)results["best"]).Value;
        Assert.Equal(cdf.Max(), 20 + best, 9);
    }

    [Fact]
    public async Task RunAsync_NestedNodes_ArePointsOfTheOuterSessionAndMeasureAsTheOriginal()
    {
        var definition = Define(
            "outer = maximize x ~ x_space by \"mean\" samples 3 [ random y ~ y_space samples 2 [ f(x, y) ] ]",
            "best: outer[\"argmax:mean\"]\nmeans: outer[\"point_values:mean\"]");
        var (runner, state, _) = Start(definition);

        var results = await runner.RunAsync(state, definition, CancellationToken.None);

        var means = ((PyList)results["means"]).Items.Cast<PyTuple>().Select(t => (X: PyPlain.AsDouble(t[0])!.Value, Mean: ((PyFloat)t[1]).Value)).ToList();
        Assert.Equal(3, means.Count);
        Assert.Equal(means.OrderBy(m => m.Mean).Select(m => m.Mean), means.Select(m => m.Mean));
        Assert.All(means, m => Assert.InRange(m.Mean - (10 * m.X), 0, 1));
        Assert.Equal(means[^1].X, PyPlain.AsDouble(results["best"]));
        Assert.Equal(6, RunCount);
        Assert.Equal(4, state.SubSessions().Count);
        Assert.All(state.SubSessions().Skip(1), sub => Assert.Equal(SessionStatus.Complete, new SearchSession(_store, sub).View().Status));
    }

    [Fact]
    public async Task RunAsync_CancelledThenResumed_RunsOnlyTheTrialsThatDidNotFinish()
    {
        var definition = Define("outer = random x ~ x_space samples 3 [ random y ~ y_space samples 3 [ f(x, y) ] ]", "m: outer[\"mean:mean\"]");
        var (_, state, record) = Start(definition);
        using var stop = new CancellationTokenSource();
        var recorded = 0;
        var cancelling = Runner(new InlineProgress(e =>
        {
            if (e.Message.Contains("loss", StringComparison.Ordinal) && Interlocked.Increment(ref recorded) == 4)
            {
                stop.Cancel();
            }
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelling.RunAsync(state, definition, stop.Token));
        Assert.Equal(ExperimentStatus.Interrupted, state.Status());
        var finished = state.SubSessions().Skip(1).Sum(sub => new SearchSession(_store, sub).View().Completed);
        var before = RunCount;

        var resumed = Runner().OpenForResume(state.Key, record);
        var results = await Runner().RunAsync(resumed, definition, CancellationToken.None);

        Assert.IsType<PyFloat>(results["m"]);
        Assert.Equal(9 - finished, RunCount - before);
        Assert.Equal(ExperimentStatus.Complete, state.Status());
    }

    [Fact]
    public void OpenForResume_OtherParameters_RefusesNamingTheCommandLine()
    {
        var definition = Define("s = random y ~ y_space samples n [ f(x, y) ]", "s");
        var (runner, state, _) = Start(definition, ExperimentParams.FromArguments(["--x=2", "--n=2"]));
        var other = ExperimentRunner.Prepare(definition, "source", "unit.exp", ExperimentParams.FromArguments(["--x=3", "--n=2"]), false, 5);

        var error = Assert.Throws<ParameterMismatchException>(() => runner.OpenForResume(state.Key, other));

        Assert.Equal($"run_exp unit --x=2 --n=2 --resume={state.Key}", error.CommandLine);
        Assert.Contains("x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_DisablesTheExperimentAndEverySubSession()
    {
        var definition = Define("s = random y ~ y_space samples n [ f(x, y) ]", "s");
        var (runner, state, _) = Start(definition, new Dictionary<string, object?> { ["x"] = 1L, ["n"] = 30L });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => runner.RunAsync(state, definition, stop.Token));
        Poll.Until(() => state.SubSessions().Count == 1, TimeSpan.FromSeconds(30), "the sub-session to be registered");

        var stopped = runner.Stop(state.Key);

        Assert.Single(stopped);
        var error = await Assert.ThrowsAsync<ExperimentException>(() => run);
        Assert.Contains("stopped", error.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Disabled, new SearchSession(_store, stopped[0]).View().Status);
        Assert.Equal(ExperimentStatus.Disabled, state.Status());
    }

    [Fact]
    public async Task State_WrittenByARun_LoadsInPythonWithTheOriginalShapes()
    {
        var definition = Define("s = random y ~ y_space samples n [ f(x, y) ]", "s\nv: s[\"point_values\"]");
        var (runner, state, _) = Start(definition, new Dictionary<string, object?> { ["x"] = 1L });
        await runner.RunAsync(state, definition, CancellationToken.None);
        var exported = _home.Combine("exp.pickle");
        _store.Export(state.Key, exported);

        var output = Python.Check("""
            import pickle, sys
            s = pickle.load(open(sys.argv[1], 'rb'))
            assert s['status'] == 'complete', s['status']
            assert s['params']['x'] == 1
            pv = s['results']['v']
            assert all(type(p) is tuple and len(p) == 2 for p in pv), pv
            assert [v for _, v in pv] == sorted(v for _, v in pv)
            name = s['partial_results']['s']['partial_result']
            assert name.startswith('sampling:'), name
            print(len(pv))
            """, [exported]);

        Assert.Equal("3", output.Trim());
    }

    private sealed class InlineProgress(Action<ExperimentEvent> report) : IProgress<ExperimentEvent>
    {
        public void Report(ExperimentEvent value) => report(value);
    }
}
