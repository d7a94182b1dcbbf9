using System.Diagnostics;
using System.Text.Json;
using SlurmSearch.Cli;
using SlurmSearch.Cli.Commands;
using SlurmSearch.Dsl.Evaluation;
using SlurmSearch.Sessions;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Dsl.Tests.Evaluation;

/// <summary><c>run_exp</c> end to end: the shipped flagship with the debug agent, cpu workers, Ctrl-C and resume in real processes.</summary>
public sealed class RunExpCommandTests : IDisposable
{
    private static readonly IReadOnlyList<string> SelfCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "ssearch.dll")];
    private readonly TempDirectory _home = new();
    private readonly TempDirectory _experiments = new("ssearch-exp");

    public RunExpCommandTests()
    {
        File.WriteAllText(_experiments.Combine("objective.sh"), """
            y=0
            for a in "$@"; do case "$a" in --y=*) y="${a#--y=}";; esac; done
            sleep "$PAUSE"
            echo "$y" >> "$RUNS"
            echo "{\"loss\": 0, \"value\": $y}"
            """);
        File.WriteAllText(_experiments.Combine("slow.exp"), $$"""
            config {
                x_space: uniform(0, 9)
                y_space: uniform(0, 1)
                pause: 0
                search: { method: "inline", threads: 2, outer: 3, inner: 3 }
            }

            objective f(y, pause) = command "RUNS={{_experiments.Combine("runs.txt")}} PAUSE={pause} sh {{_experiments.Combine("objective.sh")}}" field "value"

            experiment {
                outer = random x ~ x_space samples search:outer method search:method threads search:threads [
                    random y ~ y_space samples search:inner method inline [ f(y, pause) ]
                ]
            }

            results {
                m: outer["mean:mean"]
            }
            """);
    }

    public void Dispose()
    {
        _home.Dispose();
        _experiments.Dispose();
    }

    private int Runs => File.Exists(_experiments.Combine("runs.txt")) ? File.ReadAllLines(_experiments.Combine("runs.txt")).Length : 0;

    private static string AgentCommand()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
        return "dotnet " + Repository.PathOf("src", "Cli", "bin", configuration, "net10.0", "agents", "rl_agent.dll");
    }

    private ProcessResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(
            name => name switch
            {
                "SSEARCH_RL_AGENT" => AgentCommand(),
                "SSEARCH_HOME" or "SSEARCH_BACKEND" or "SSEARCH_EXPERIMENTS" => null,
                _ => Environment.GetEnvironmentVariable(name),
            },
            SelfCommand,
            IsTerminal: false);
        var code = CliApp.Run(["--home", _home.Path, .. args], stdout, stderr, environment);
        return new ProcessResult(code, stdout.ToString(), stderr.ToString());
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();

    private JsonElement Show(string key)
    {
        var show = Run("run_exp", $"--show={key}", "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        return JsonDocument.Parse(show.Stdout).RootElement;
    }

    [Fact]
    public void RunExp_Alone_ListsTheShippedExperiments()
    {
        var result = Run("run_exp", "--experiments", Repository.PathOf("experiments"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hp_tuning_effects", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("compare_agents", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RunExp_HpTuningEffectsWithTheDebugAgent_FinishesShowsResumesAndRefusesOtherParameters()
    {
        string[] args = ["run_exp", "hp_tuning_effects", "--experiments", Repository.PathOf("experiments"), "--agent=debug", "--search:method=inline",
            "--search:setting_samples=3", "--search:run_samples_per_setting=2", "--eval:run_samples=2"];

        var first = Run(args);

        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        var key = LastLine(first.Stdout);
        Assert.StartsWith("exp:", key, StringComparison.Ordinal);
        Assert.Contains("Performance for trial best", first.Stdout, StringComparison.Ordinal);
        var shown = Show(key);
        Assert.Equal("complete", shown.GetProperty("status").GetString());
        var sessions = shown.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(1 + 3 + 2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("complete", s.GetProperty("status").GetString()));
        var trials = sessions.Sum(s => s.GetProperty("completed").GetInt32());
        Assert.Equal(3 + (3 * 2) + 2 + 2, trials);

        var resumed = Run([.. args, $"--resume={key}"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        var again = Show(key).GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(sessions.Count, again.Count);
        Assert.Equal(trials, again.Sum(s => s.GetProperty("completed").GetInt32()));

        var refused = Run([.. args[..^1], "--eval:run_samples=5", $"--resume={key}"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"resume it with: run_exp hp_tuning_effects --agent=debug --search:method=inline --search:setting_samples=3", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"--eval:run_samples=2 --resume={key}", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void RunExp_CpuMethod_RunsTheOuterPointsInWorkerProcesses()
    {
        var result = Run("run_exp", "slow", "--experiments", _experiments.Path, "--search:method=cpu", "--search:outer=2", "--search:inner=2");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.Equal(4, Runs);
        using var store = new PickleDirectoryStore(_home.Path);
        var experiment = new ExperimentState(store, StateKey.Parse(LastLine(result.Stdout)));
        var outer = new SearchSession(store, experiment.SubSessions()[0]).View();
        Assert.Equal(2, outer.Completed);
        Assert.All(outer.Trials, t => Assert.Contains(":local", t.Worker, StringComparison.Ordinal));
        Assert.Equal(3, experiment.SubSessions().Count);
    }

    [Fact]
    public async Task RunExp_InterruptedBySigint_IsResumedWithoutRedoingFinishedTrials()
    {
        var psi = new ProcessStartInfo(SelfCommand[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var part in SelfCommand.Skip(1).Concat(["--home", _home.Path, "run_exp", "slow", "--experiments", _experiments.Path, "--pause=0.3"]))
        {
            psi.ArgumentList.Add(part);
        }

        using var child = Process.Start(psi)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        Poll.Until(() => Runs >= 3 || child.HasExited, TimeSpan.FromSeconds(60), "three objective runs");
        Assert.False(child.HasExited, "the run ended before it was interrupted");
        Assert.True(ProcessSignals.Send(child.Id, 2), "SIGINT not delivered");
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(60)), "run_exp did not stop on SIGINT");
        var output = await stdout;
        var errors = await stderr;

        Assert.Equal(RunExpCommand.Interrupted, child.ExitCode);
        Assert.Contains("resumable", errors, StringComparison.Ordinal);
        var key = Assert.Single(output.Split('\n').Select(l => l.Trim()), l => l.StartsWith("Creating experiment ", StringComparison.Ordinal))["Creating experiment ".Length..].TrimEnd('.');
        int finished;
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            var experiment = new ExperimentState(store, StateKey.Parse(key));
            Assert.Equal(ExperimentStatus.Interrupted, experiment.Status());
            finished = experiment.SubSessions().Skip(1).Sum(s => new SearchSession(store, s).View().Completed);
        }

        var before = Runs;
        var resumed = Run("run_exp", "slow", "--experiments", _experiments.Path, "--pause=0.3", $"--resume={key}");

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal((3 * 3) - finished, Runs - before);
        Assert.Equal(key, LastLine(resumed.Stdout));
    }

    [SlurmFact]
    public void RunExp_SlurmMethod_RunsTheOuterPointsAsArrayTasks()
    {
        SlurmEnvironment.RequireAvailable();

        var result = Run("run_exp", "slow", "--experiments", _experiments.Path, "--search:method=slurm", "--search:outer=2", "--search:inner=2");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.Equal(4, Runs);
        using var store = new PickleDirectoryStore(_home.Path);
        var outer = new ExperimentState(store, StateKey.Parse(LastLine(result.Stdout))).SubSessions()[0];
        Assert.Equal("slurm", outer.Type);
        Assert.All(new SearchSession(store, outer).View().Trials, t => Assert.Contains(":slurm", t.Worker, StringComparison.Ordinal));
    }

    [Fact]
    public void RunExp_DisplayAst_PrintsTheExperimentWithoutRunningIt()
    {
        var result = Run("run_exp", "hp_tuning_effects", "--experiments", Repository.PathOf("experiments"), "--display-ast=abstract");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("All params:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("E(run_seed ~ run_seed_space)", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_home.Path, "exp")), "--display-ast created an experiment");
    }

    [Fact]
    public void RunExp_StopAndShowOfAnUnknownExperiment_AreOneLineErrors()
    {
        var result = Run("run_exp", "--stop=exp:no_such_thing");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
