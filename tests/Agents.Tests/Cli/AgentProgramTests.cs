using System.Diagnostics;
using System.Text.Json;
using SlurmSearch.Agents.Cli;
using SlurmSearch.Agents.Learning;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Agents.Tests.Cli;

public sealed class AgentProgramTests
{
    private static readonly string[] ResultKeys = ["return_mean", "return_std", "returns", "frames", "train_seconds", "loss", "status"];

    [Fact]
    public void Run_A2c_LastStdoutLineIsResultJson()
    {
        var run = AgentRun.Invoke("--train_frames=200", "--test_episodes=3", "--seed=5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.LastLine);
        var root = doc.RootElement;
        Assert.All(ResultKeys, k => Assert.True(root.TryGetProperty(k, out _), $"missing {k}"));
        var returns = root.GetProperty("returns").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(3, returns.Length);
        Assert.Equal(returns.Average(), root.GetProperty("return_mean").GetDouble(), 12);
        Assert.Equal(-returns.Average(), root.GetProperty("loss").GetDouble(), 12);
        Assert.Equal(200, root.GetProperty("frames").GetInt64());
        Assert.True(root.GetProperty("train_seconds").GetDouble() >= 0);
        Assert.Equal("ok", root.GetProperty("status").GetString());
    }

    [Fact]
    public void Run_WithResultVariable_WritesSameJsonToFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("result.json");
        var env = new Dictionary<string, string> { ["SSEARCH_RESULT"] = path };
        var run = AgentRun.Invoke(env, "--agent=debug", "--test_episodes=4");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(run.LastLine + "\n", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Run_ResultFileInMissingDirectory_ExitsTwoWithError()
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { ["SSEARCH_RESULT"] = dir.Combine("no", "such", "dir", "r.json") };
        var run = AgentRun.Invoke(env, "--agent=debug");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: cannot write SSEARCH_RESULT file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ParamsFromEnvironment_AreUsedAndArgumentsOverride()
    {
        var env = new Dictionary<string, string>
        {
            ["SSEARCH_PARAMS"] = """{"agent": "debug", "run_params": {"test_episodes": 6}, "run_seed": 3}""",
        };
        var run = AgentRun.Invoke(env, "--test_episodes=2");
        using var doc = JsonDocument.Parse(run.LastLine);
        Assert.Equal(2, doc.RootElement.GetProperty("returns").GetArrayLength());
        Assert.Equal(3, doc.RootElement.GetProperty("seed").GetInt64());
        Assert.Equal("debug", doc.RootElement.GetProperty("agent").GetString());
    }

    [Theory]
    [InlineData("--bogus=1", "error: unknown parameter 'bogus'")]
    [InlineData("--lr=fast", "error: lr = 'fast' is not a finite number")]
    [InlineData("--n_envs", "error: parameter 'n_envs' has no value")]
    public void Run_BadInput_OneErrorLineAndExitTwo(string arg, string expected)
    {
        var run = AgentRun.Invoke(arg);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Run_Help_PrintsUsageAndExitsZero()
    {
        var run = AgentRun.Invoke("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: rl_agent", run.Stdout, StringComparison.Ordinal);
        Assert.All(RunRequest.KnownNames, n => Assert.Contains(n, run.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_DebugAgentSameSeed_SameReturnsDifferentSeed_Different()
    {
        var a = AgentRun.Invoke("--agent=debug", "--seed=1").LastLine;
        var b = AgentRun.Invoke("--agent=debug", "--seed=1").LastLine;
        var c = AgentRun.Invoke("--agent=debug", "--seed=2").LastLine;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void DebugAgent_BetterHyperparameters_HigherMeanAcrossSeeds()
    {
        static double MeanOverSeeds(double lr, double entropy) => Enumerable.Range(0, 20)
            .Average(seed => DebugAgent.Returns(new A2cSettings { Lr = lr, EntropyLossScaling = entropy, Seed = seed, TestEpisodes = 20 }).Average());

        var good = MeanOverSeeds(3e-3, 0.01);
        var bad = MeanOverSeeds(1e-4, 0.1);
        Assert.True(good > bad + 100, $"good {good}, bad {bad}");
        Assert.Equal(300, DebugAgent.MeanReturn(new A2cSettings { Lr = 3e-3, EntropyLossScaling = 0.01, ClipGrad = 0.5 }), 9);
    }

    [Fact]
    public void RunResult_ReturnStd_IsPopulationStandardDeviation()
    {
        var result = new RunResult("a2c", "CartPole-v1", 0, [10, 20, 30, 40], 0, 0, 0);
        Assert.Equal(25, result.ReturnMean);
        Assert.Equal(Math.Sqrt(125), result.ReturnStd, 12);
    }

    [Fact]
    public void Process_RealExecutable_PrintsJsonOrErrorLine()
    {
        var dll = typeof(AgentProgram).Assembly.Location;
        var ok = RunProcess(dll, new Dictionary<string, string> { ["SSEARCH_PARAMS"] = """{"hp": {"lr": 0.002}}""" }, "--agent=debug", "test_episodes=3");
        Assert.Equal(0, ok.ExitCode);
        using (var doc = JsonDocument.Parse(ok.Stdout.TrimEnd('\n').Split('\n')[^1]))
        {
            Assert.Equal(3, doc.RootElement.GetProperty("returns").GetArrayLength());
        }

        var bad = RunProcess(dll, [], "--nope=1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("", bad.Stdout);
        Assert.StartsWith("error: unknown parameter 'nope'", bad.Stderr, StringComparison.Ordinal);
    }

    private static ProcessResult RunProcess(string dll, Dictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("SSEARCH_PARAMS");
        psi.Environment.Remove("SSEARCH_RESULT");
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "rl_agent did not exit");
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
