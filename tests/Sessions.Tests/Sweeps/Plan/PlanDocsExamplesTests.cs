using System.Text.RegularExpressions;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>The sweep examples in README.md and docs/sweeps.md plan as they say.</summary>
public sealed partial class PlanDocsExamplesTests : IDisposable
{
    private readonly SweepWorkspace _work = new();

    public PlanDocsExamplesTests()
    {
        _work.Write("examples/train_grpo.py", "");
        _work.Write("examples/configs/grpo.yaml", "cluster: {num_nodes: 1}\n");
    }

    [Fact]
    public void Readme_YamlAndSweepExamples_GiveTheRunsTheyAnnounce()
    {
        var blocks = Blocks(File.ReadAllText(Repository.PathOf("README.md")));
        _work.Write("sweep_lr.yaml", blocks.Single(b => b.StartsWith("# sweep_lr.yaml", StringComparison.Ordinal)));
        _work.Write("appo.sweep", blocks.Single(b => b.StartsWith("# appo.sweep", StringComparison.Ordinal)));

        var yaml = _work.Plan("sweep_lr.yaml");
        var sweep = _work.Plan("appo.sweep");

        Assert.Equal([.. Enumerable.Range(1, 8).Select(i => $"train_grpo_sweep_{i}")], yaml.Runs.Select(r => r.Name));
        Assert.Equal(16, sweep.Runs.Count);
        Assert.Equal("00_appo_see_1111_s.mod_True_a.rl_False_u.rnn_False_rec_1", sweep.Runs[0].Name);
    }

    [Fact]
    public void DocsSweeps_MujocoAndYamlExamples_Plan()
    {
        var blocks = Blocks(File.ReadAllText(Repository.PathOf("docs", "sweeps.md")));
        _work.Write("mujoco_all_envs.sweep", blocks.Single(b => b.StartsWith("# mujoco_all_envs.sweep", StringComparison.Ordinal)));
        _work.Write("sweep_lr.yaml", blocks.First(b => b.StartsWith("script_path:", StringComparison.Ordinal)));

        Assert.Equal(90, _work.Plan("mujoco_all_envs.sweep").Runs.Count);
        Assert.Equal("uv run python examples/train_grpo.py --config examples/configs/grpo.yaml optim.lr=1e-6 grpo.kl_penalty=0.01 cluster.num_nodes=2",
            string.Join(" ", _work.Plan("sweep_lr.yaml", new SlurmSearch.Sessions.Sweeps.SweepRequest { File = "", Launch = new SlurmSearch.Sessions.Sweeps.SweepLaunchOptions { Nodes = 2 } }).Runs[0].Command.Split(' ').Take(9)));
    }

    public void Dispose() => _work.Dispose();

    private static List<string> Blocks(string markdown) => [.. Fence().Matches(markdown).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"```[a-z]*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
