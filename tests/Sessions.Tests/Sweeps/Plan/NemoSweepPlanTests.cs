using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>Seed 001 (NeMo-RL launcher): its documented sweep examples, reproduced at the plan level.</summary>
public sealed class NemoSweepPlanTests : IDisposable
{
    private const string SweepLr = """
        script_path: examples/train_grpo.py
        config_path: examples/configs/grpo.yaml
        optim.lr: [1e-6, 5e-6, 1e-5, 2e-5]
        grpo.kl_penalty: [0.01, 0.02]
        """;

    private readonly SweepWorkspace _work = new();

    public NemoSweepPlanTests()
    {
        _work.Write("examples/train_grpo.py", "print('train')\n");
        _work.Write("examples/configs/grpo.yaml", "cluster:\n  num_nodes: 3\n  gpus_per_node: 8\n");
    }

    [Fact]
    public void Plan_SeedExample2_EightJobsNamedBaseSweepIndexInProductOrder()
    {
        _work.Write("sweep_lr.yaml", SweepLr);

        var plan = _work.Plan("sweep_lr.yaml", new SweepRequest { File = "", Launch = new SweepLaunchOptions { Nodes = 2 } });

        Assert.Equal("train_grpo", plan.BaseName);
        Assert.Equal([.. Enumerable.Range(1, 8).Select(i => $"train_grpo_sweep_{i}")], plan.Runs.Select(r => r.Name));
        string[] lr = ["1e-6", "5e-6", "1e-5", "2e-5"];
        string[] kl = ["0.01", "0.02"];
        var expected = lr.SelectMany(l => kl.Select(k => new KeyValuePair<string, string>[] { new("optim.lr", l), new("grpo.kl_penalty", k) })).ToList();
        Assert.Equal(expected, plan.Runs.Select(r => r.Parameters.ToArray()));
        Assert.Equal(Enumerable.Range(0, 8), plan.Runs.Select(r => r.Index));
        Assert.Equal(2, plan.Options.Nodes);
    }

    [Fact]
    public void Plan_SeedExample2_CommandCarriesValuesAsWrittenAndTheAutomaticSetup()
    {
        _work.Write("sweep_lr.yaml", SweepLr);

        var run = _work.Plan("sweep_lr.yaml", new SweepRequest { File = "", Launch = new SweepLaunchOptions { Nodes = 2 } }).Runs[2];

        var dir = _work.PathOf("train_dir/train_grpo_sweep_3");
        Assert.Equal(dir, run.Directory);
        Assert.Equal(Path.Combine(dir, "logs"), run.LogsDirectory);
        Assert.Equal(Path.Combine(dir, "checkpoints"), run.CheckpointsDirectory);
        Assert.Equal(
            "uv run python examples/train_grpo.py --config examples/configs/grpo.yaml optim.lr=5e-6 grpo.kl_penalty=0.01 cluster.num_nodes=2 "
            + $"logger.log_dir={dir}/logs checkpointing.checkpoint_dir={dir}/checkpoints logger.wandb_enabled=True logger.wandb.name=train_grpo_sweep_3",
            run.Command);
        Assert.Equal("train_grpo_sweep_3", run.Environment["WANDB_NAME"]);
        Assert.Equal(dir, run.Environment["WANDB_DIR"]);
    }

    [Fact]
    public void Plan_SeedExample3_JobNameAndQuotedModelNames()
    {
        _work.Write("sweep_models.yaml", """
            script_path: examples/train_grpo.py
            config_path: examples/configs/grpo.yaml
            model.model_name: 
              - "meta-llama/Llama-3.2-1B"
              - "meta-llama/Llama-3.2-3B"
              - "microsoft/DialoGPT-medium"
            grpo.learning_rate: [1e-6, 5e-6]
            """);

        var plan = _work.Plan("sweep_models.yaml", new SweepRequest { File = "", JobName = "model_comparison" });

        Assert.Equal([.. Enumerable.Range(1, 6).Select(i => $"model_comparison_sweep_{i}")], plan.Runs.Select(r => r.Name));
        Assert.Equal(
            ["meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-3B", "meta-llama/Llama-3.2-3B", "microsoft/DialoGPT-medium", "microsoft/DialoGPT-medium"],
            plan.Runs.Select(r => r.Parameters[0].Value));
        Assert.Contains(" model.model_name=microsoft/DialoGPT-medium grpo.learning_rate=5e-6 ", plan.Runs[5].Command, StringComparison.Ordinal);
        Assert.Equal(3, plan.Options.Nodes); // the base config's cluster.num_nodes
        Assert.DoesNotContain("cluster.num_nodes=", plan.Runs[0].Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ReadmeSweep_ThreeByThreeByThreeByTwoIs54Runs()
    {
        _work.Write("grpo_sweep.yaml", """
            # Required: Specify the script to run
            script_path: examples/train_grpo.py

            # Optional: Specify the config file to use for all experiments
            config_path: examples/configs/grpo.yaml

            # Parameters to sweep over
            grpo.kl_penalty: [0.01, 0.02, 0.05]
            grpo.learning_rate: [1e-6, 5e-6, 1e-5]
            optim.lr: [1e-6, 5e-6, 1e-5]
            model.model_name: ["meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-3B"]
            """);

        var plan = _work.Plan("grpo_sweep.yaml");

        Assert.Equal(54, plan.Runs.Count);
        Assert.Equal("train_grpo_sweep_54", plan.Runs[^1].Name);
        Assert.Equal(["0.05", "1e-5", "1e-5", "meta-llama/Llama-3.2-3B"], plan.Runs[^1].Parameters.Select(p => p.Value));
        Assert.Equal(["0.01", "1e-6", "1e-6", "meta-llama/Llama-3.2-3B"], plan.Runs[1].Parameters.Select(p => p.Value));
    }

    [Fact]
    public void Plan_ExtraOverridesASweptParameter_ItsValuesAreReplaced()
    {
        _work.Write("sweep_lr.yaml", SweepLr);

        var plan = _work.Plan("sweep_lr.yaml", new SweepRequest { File = "", Overrides = ["optim.lr=3e-6", "logger.wandb.project=my_project"] });

        Assert.Equal(2, plan.Runs.Count);
        Assert.All(plan.Runs, r => Assert.Equal(new KeyValuePair<string, string>("optim.lr", "3e-6"), r.Parameters[0]));
        Assert.Contains("optim.lr=3e-6 grpo.kl_penalty=0.02 logger.wandb.project=my_project logger.log_dir=", plan.Runs[1].Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ExtraWithSpacesAndQuotes_IsOneShellWord()
    {
        _work.Write("sweep_lr.yaml", SweepLr);

        var run = _work.Plan("sweep_lr.yaml", new SweepRequest { File = "", Overrides = ["logger.wandb.tags=[\"experiment1\", \"baseline\"]"] }).Runs[0];

        Assert.Contains(" \"logger.wandb.tags=[\\\"experiment1\\\", \\\"baseline\\\"]\" ", run.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ConfigDiffersFromFile_ErrorNamesBoth()
    {
        _work.Write("sweep_lr.yaml", SweepLr);

        var error = _work.PlanFails("sweep_lr.yaml", new SweepRequest { File = "", ConfigPath = "configs/custom.yaml" });

        Assert.Contains("command line config 'configs/custom.yaml' does not match sweep config config_path 'examples/configs/grpo.yaml'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SameConfigOnBothSides_IsAccepted()
    {
        _work.Write("sweep_lr.yaml", SweepLr);

        Assert.Equal(8, _work.Plan("sweep_lr.yaml", new SweepRequest { File = "", ConfigPath = "examples/configs/grpo.yaml" }).Runs.Count);
    }

    [Fact]
    public void Plan_NoScriptAnywhere_ErrorSaysWhereToGiveIt()
    {
        _work.Write("s.yaml", "optim.lr: [1e-6]\n");

        var error = _work.PlanFails("s.yaml");

        Assert.Contains("no script to run: add 'script_path: path/to/script.py' to the sweep file or give --script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ScriptFromCommandLineWithoutConfig_RunsWithoutBaseConfig()
    {
        _work.Write("s.yaml", "optim.lr: [1e-6, 1e-5]\n");

        var plan = _work.Plan("s.yaml", new SweepRequest { File = "", ScriptPath = "examples/train_grpo.py", ExperimentSuffix = "try2" });

        Assert.Equal(["train_grpo_try2_sweep_1", "train_grpo_try2_sweep_2"], plan.Runs.Select(r => r.Name));
        Assert.StartsWith("uv run python examples/train_grpo.py optim.lr=1e-6 logger.log_dir=", plan.Runs[0].Command, StringComparison.Ordinal);
        Assert.Null(plan.Options.Nodes);
    }

    [Fact]
    public void Plan_LogVariableSet_RunsGoUnderLogNemoRl()
    {
        _work.Write("sweep_lr.yaml", SweepLr);
        var log = _work.PathOf("logs");

        var plan = _work.Plan("sweep_lr.yaml", new SweepRequest { File = "", Environment = name => name == "LOG" ? log : null });

        Assert.Equal(Path.Combine(log, "nemo-rl", "train_grpo_sweep_1"), plan.Runs[0].Directory);
        Assert.Equal(Path.Combine(log, "nemo-rl"), plan.Options.TrainDirectory);
    }

    [Fact]
    public void Plan_MissingScriptFile_IsAnError()
    {
        _work.Write("s.yaml", "script_path: nowhere.py\nx: [1]\n");

        Assert.Contains("script 'nowhere.py' does not exist", _work.PlanFails("s.yaml").Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
