using System.Diagnostics;
using System.Text.Json;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests;

public sealed class SessionCommandTests : IDisposable
{
    // loss = (x − 0.5)² + (y + 0.25)², the fixtures' objective, as a real command.
    private const string Objective = "python3 -c \"import sys; a = dict(p[2:].split('=') for p in sys.argv[1:]); print((float(a['x']) - 0.5) ** 2 + (float(a['y']) + 0.25) ** 2)\"";

    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private ProcessResult Ssearch(params string[] args) => CliRunner.Run(["--home", _home.Path, .. args]);

    private string SpaceFile(string text)
    {
        var path = _home.Combine($"space-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    private void CopyFixture(string name)
    {
        var dir = _home.Combine("slurm", name);
        Directory.CreateDirectory(dir);
        File.Copy(Repository.PathOf("tests", "Store.Tests", "Fixtures", "slurm_search", name, "session_state.pickle"), Path.Combine(dir, "session_state.pickle"));
    }

    [Fact]
    public void OriginalFixtures_ListShowAndRestartToCompletion()
    {
        CopyFixture("tpe_objref");
        CopyFixture("rand_complete_plain");

        var list = Ssearch("list", "--all", "--json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        var rows = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("session_name").GetString()!);
        Assert.Equal(("active", 30, 40), (rows["tpe_objref"].GetProperty("status").GetString(), rows["tpe_objref"].GetProperty("completed").GetInt32(), rows["tpe_objref"].GetProperty("max_trials").GetInt32()));
        Assert.Equal(("complete", 10), (rows["rand_complete_plain"].GetProperty("status").GetString(), rows["rand_complete_plain"].GetProperty("completed").GetInt32()));

        var show = Ssearch("show", "tpe_objref", "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        var shown = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.Equal(0.1171, shown.GetProperty("best").GetProperty("loss").GetDouble(), 4);
        Assert.Contains("make_slurm_states.objective", shown.GetProperty("objective").GetString(), StringComparison.Ordinal);
        var bestParams = shown.GetProperty("best").GetProperty("params");
        Assert.Equal(JsonValueKind.Array, bestParams.ValueKind); // the original keeps its space as a one-element list

        // The stored objective is a Python function: restart needs a command, and says so.
        var refused = Ssearch("restart", "tpe_objref");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--objective", refused.Stderr, StringComparison.Ordinal);

        var restart = Ssearch("restart", "tpe_objref", "--objective", Objective, "--executor", "inline");
        Assert.True(restart.ExitCode == 0, restart.Stderr + restart.Stdout);
        Assert.Contains("3 interrupted trial(s) resumable", restart.Stdout, StringComparison.Ordinal);
        var done = JsonDocument.Parse(Ssearch("show", "tpe_objref", "--json").Stdout).RootElement;
        Assert.Equal("complete", done.GetProperty("status").GetString());
        var trials = done.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(40, trials.Count);
        Assert.All(trials, t => Assert.Equal("ok", t.GetProperty("status").GetString()));
        Assert.Equal(40, trials.Select(t => t.GetProperty("tid").GetInt64()).Distinct().Count());
        foreach (var t in trials.Skip(30))
        {
            var p = t.GetProperty("params")[0];
            var expected = Math.Pow(p.GetProperty("x").GetDouble() - 0.5, 2) + Math.Pow(p.GetProperty("y").GetDouble() + 0.25, 2);
            Assert.Equal(expected, t.GetProperty("loss").GetDouble(), 9);
        }

        // Python still reads what we wrote (the opaque pyll objects written back), with a stand-in for hyperopt's classes.
        var pickle = Path.Combine(_home.Path, "slurm", "tpe_objref", "session_state.pickle");
        Ssearch("state", "export", "slurm:tpe_objref", pickle + ".export");
        var python = Python.Check("""
            import pickle, sys
            class Stub:
                def __init__(self, *a, **k): pass
                def __setstate__(self, s): self.state = s
            class Loader(pickle.Unpickler):
                def find_class(self, module, name):
                    return super().find_class(module, name) if module == 'datetime' else Stub
            s = Loader(open(sys.argv[1], 'rb')).load()
            print(s['status'], len(s['trials']), sum(t['result']['status'] == 'ok' for t in s['trials']), s['space'][0]['x'].state['name'])
            """, [pickle + ".export"]);
        Assert.Equal("complete 40 40 float", python.Trim());
    }

    [Fact]
    public void Start_LocalEightWorkers_TpeTwoHundredTrials_EveryTrialRecordedOnce()
    {
        var result = Ssearch("start", "--name", "big", "--space", SpaceFile("{x: uniform(-2, 2), y: uniform(-2, 2)}"), "--objective", Objective,
            "--algo", "tpe", "--max-evals", "200", "--executor", "local", "--workers", "8", "--seed", "5");
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var shown = JsonDocument.Parse(Ssearch("show", "big", "--json").Stdout).RootElement;
        Assert.Equal("complete", shown.GetProperty("status").GetString());
        var trials = shown.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(200, trials.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), trials.Select(t => t.GetProperty("tid").GetInt64()).Order());
        Assert.All(trials, t => Assert.Equal("ok", t.GetProperty("status").GetString()));
        // Eight worker processes ran (each leaves its own log pair) and shared the trials; how many trials each got
        // depends on process start-up under load, so it is not asserted.
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"worker_{i}.err"), Directory.EnumerateFiles(_home.Combine("slurm", "big", "logs"), "worker_*.err").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(trials.Select(t => t.GetProperty("worker").GetString()).Distinct().Count() > 1, "one worker ran every trial");
        Assert.True(shown.GetProperty("best").GetProperty("loss").GetDouble() < 0.01);
    }

    [Fact]
    public void WorkerKilledMidTrial_ItsTrialIsResumedByAnotherWorkerAfterTheLease()
    {
        var marker = _home.Combine("first-run");
        var pidFile = _home.Combine("sleeper.pid");
        // The first run of any trial hangs (until killed); later runs finish at once.
        var objective = $"if [ ! -e {marker} ]; then touch {marker}; echo $$ > {pidFile}; exec sleep 300; fi; echo 0.5";
        var created = Ssearch("start", "--name", "kill", "--space", SpaceFile("{x: uniform(0, 1)}"), "--objective", objective,
            "--algo", "rand", "--max-evals", "3", "--lease", "2", "--no-param-args", "--detach");
        Assert.True(created.ExitCode == 0, created.Stderr);

        using (var doomed = CliRunner.Start("--home", _home.Path, "work_on", "kill", "--worker-id", "doomed"))
        {
            Poll.Until(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, TimeSpan.FromSeconds(60), "the first trial started");
            doomed.Kill(); // SIGKILL: no hand-back
            doomed.WaitForExit();
        }

        try
        {
            var rescue = Ssearch("work_on", "kill", "--worker-id", "rescuer");
            Assert.True(rescue.ExitCode == 0, rescue.Stderr);
            var trials = JsonDocument.Parse(Ssearch("show", "kill", "--json").Stdout).RootElement.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(3, trials.Count);
            Assert.All(trials, t => Assert.Equal(("ok", "rescuer"), (t.GetProperty("status").GetString(), t.GetProperty("worker").GetString())));
            Assert.Equal(0, trials.Single(t => t.GetProperty("tid").GetInt64() == 0).GetProperty("tid").GetInt64());
        }
        finally
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                try
                {
                    Process.GetProcessById(pid).Kill();
                }
                catch (ArgumentException)
                {
                }
            }
        }
    }

    [Fact]
    public void BadInput_OneLineErrors_WithExitCodes()
    {
        var unknown = Ssearch("show", "nope");
        Assert.Equal((2, "error: no state 'slurm:nope' in the store"), (unknown.ExitCode, unknown.Stderr.Trim()));

        var malformed = Ssearch("start", "--name", "m", "--space", SpaceFile("{x: uniform(0, 1),\n y: uniform(0 1)}"), "--objective", "true");
        Assert.Equal(2, malformed.ExitCode);
        Assert.Matches(@"^error: .*space-[0-9a-f]+\.txt:2:\d+: ", malformed.Stderr);
        Assert.Single(malformed.Stderr.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(_home.Combine("slurm", "m")), "nothing created");

        var missing = Ssearch("start", "--name", "n", "--space", SpaceFile("{x: uniform(0, 1)}"), "--objective", "no-such-program-xyz --flag");
        Assert.Equal((2, "error: objective command 'no-such-program-xyz' not found (not a file, not on PATH)"), (missing.ExitCode, missing.Stderr.Trim()));

        Assert.Equal(0, Ssearch("start", "--name", "d", "--space", SpaceFile("{x: uniform(0, 1)}"), "--objective", "echo 1", "--no-param-args", "--max-evals", "1", "--executor", "inline").ExitCode);
        var range = Ssearch("del_trial", "d", "4");
        Assert.Equal(2, range.ExitCode);
        Assert.Contains("no trial at index 4 (the session has 1 trials: 0..0)", range.Stderr, StringComparison.Ordinal);

        var notJson = Ssearch("start", "--name", "j", "--space", SpaceFile("{x: uniform(0, 1)}"), "--objective", "echo done", "--no-param-args", "--max-evals", "3", "--executor", "inline", "--max-failures", "2");
        Assert.Equal(2, notJson.ExitCode);
        Assert.StartsWith("error: slurm:j was disabled: 2 failures in a row", notJson.Stderr, StringComparison.Ordinal);
        Assert.Contains("neither JSON nor a number: done", notJson.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void StopThenRestart_FinishesTheSession()
    {
        Assert.Equal(0, Ssearch("start", "--name", "s", "--space", SpaceFile("{x: uniform(0, 1)}"), "--objective", "echo {x}", "--max-evals", "4", "--detach").ExitCode);
        Assert.Equal(0, Ssearch("stop", "s").ExitCode);
        var work = Ssearch("work_on", "s");
        Assert.Contains("stopped: disabled", work.Stdout, StringComparison.Ordinal);
        var restart = Ssearch("restart", "s");
        Assert.True(restart.ExitCode == 0, restart.Stderr);
        Assert.Contains("complete", Ssearch("list", "--all").Stdout, StringComparison.Ordinal);
        var csv = Ssearch("export", "s", "--format", "csv").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("tid,status,loss,x,worker,book_time,refresh_time,duration", csv[0]);
        Assert.Equal(5, csv.Length);
        Assert.All(csv.Skip(1), row => Assert.Equal(row.Split(',')[3], row.Split(',')[2])); // echo {x}: the loss is x
    }
}
