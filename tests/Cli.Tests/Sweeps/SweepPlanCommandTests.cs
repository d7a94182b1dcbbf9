using System.Text.Json;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests.Sweeps;

/// <summary><c>ssearch sweep</c> parsing and <c>--dry-run</c>: the seeds' examples print in launch order, bad input is one line and launches nothing.</summary>
public sealed class SweepPlanCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("ssearch-sweepcli");

    public SweepPlanCommandTests()
    {
        Write("examples/train_grpo.py", "");
        Write("examples/configs/grpo.yaml", "cluster:\n  num_nodes: 2\n");
        Write("sweep_lr.yaml", "script_path: examples/train_grpo.py\nconfig_path: examples/configs/grpo.yaml\noptim.lr: [1e-6, 5e-6, 1e-5, 2e-5]\ngrpo.kl_penalty: [0.01, 0.02]\n");
        Write("mujoco.sweep", """
            run mujoco_all_envs {
                experiment mujoco_all_envs {
                    command = "python -m sf_examples.mujoco.train_mujoco --algo=APPO --with_wandb=True --wandb_tags mujoco"
                    grid {
                        seed: [0, 1111, 2222, 3333, 4444, 5555, 6666, 7777, 8888, 9999]
                        env: [mujoco_ant, mujoco_halfcheetah, mujoco_hopper, mujoco_humanoid, mujoco_doublependulum, mujoco_pendulum, mujoco_reacher, mujoco_swimmer, mujoco_walker]
                    }
                }
            }
            """);
    }

    private string Home => _work.Combine("home");

    [Fact]
    public void DryRun_NemoSeedExample_PrintsEightCommandsInOrderAndCreatesNothing()
    {
        var result = Sweep("sweep_lr.yaml", "--nodes", "2", "--dry-run", "--group-id", "G1");

        Assert.Equal(0, result.ExitCode);
        var commands = result.Stdout.Split('\n').Where(l => l.StartsWith("uv run", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, commands.Count);
        Assert.All(commands.Select((c, i) => (c, i)), x => Assert.EndsWith($"logger.wandb.name=train_grpo_sweep_{x.i + 1}", x.c, StringComparison.Ordinal));
        Assert.Contains("optim.lr=5e-6 grpo.kl_penalty=0.02 cluster.num_nodes=2", commands[3], StringComparison.Ordinal);
        Assert.StartsWith("# sweep train_grpo: 8 runs, group G1, executor local", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.Combine("train_dir")));
        Assert.False(Directory.Exists(Path.Combine(Home, "sweep")));
    }

    [Fact]
    public void DryRunJson_MujocoSeedExample_NinetyRunsWithNamesCommandsAndEnvironment()
    {
        var result = Sweep("mujoco.sweep", "--dry-run", "--json", "--max-parallel", "8", "--num-gpus", "4", "--experiments-per-gpu", "2", "--experiment-suffix", "slurm");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var runs = json.RootElement.GetProperty("runs");
        Assert.Equal(90, runs.GetArrayLength());
        var last = runs[89];
        Assert.Equal("89_mujoco_all_envs_see_9999_env_mujoco_walker", last.GetProperty("name").GetString());
        Assert.EndsWith($"--train_dir={_work.Combine("train_dir", "mujoco_all_envs", "mujoco_all_envs_slurm")}", last.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Equal("9999", last.GetProperty("parameters").GetProperty("seed").GetString());
        Assert.Equal(json.RootElement.GetProperty("group_id").GetString(), last.GetProperty("environment").GetProperty("WANDB_RUN_GROUP").GetString());
    }

    [Fact]
    public void DryRun_SlurmWithContainer_MatchesGolden()
    {
        var result = Sweep("sweep_lr.yaml", "optim.lr=1e-6", "--executor", "slurm", "--partition", "batch", "--time", "4:0:0", "--nodes", "2",
            "--container", "nvcr.io/nvidia/nemo:24.07", "--mounts", "/lustre:/lustre,/home/me:/root", "--group-id", "Gc0ffee00", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        // The batch script starts this build's ssearch: its path depends on the checkout, so it is normalised.
        var actual = System.Text.RegularExpressions.Regex.Replace(
            result.Stdout.Replace(_work.Path, "WORK", StringComparison.Ordinal), @"^\S*dotnet \S*ssearch\.dll", "SSEARCH", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Contains("srun --container-image=nvcr.io/nvidia/nemo:24.07 --container-mounts=/lustre:/lustre,/home/me:/root bash -c 'uv run python", actual, StringComparison.Ordinal);
        Golden("slurm-container.txt", actual);
    }

    [Fact]
    public void DryRun_Ngc_PrintsOneNgcCommandPerRun()
    {
        Write("ngc_job_16g_1gpu.template", "ngc batch run \\\n  --name \"{{ name }}\" --instance dgx1v.16g.1.norm \\\n  --commandline \"{{ experiment_cmd }}\"\n");

        var result = Sweep("mujoco.sweep", "--executor", "ngc", "--ngc-job-template", "ngc_job_16g_1gpu.template", "--train-dir", "/workspace/train_dir", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n').Where(l => l.StartsWith("ngc batch run", StringComparison.Ordinal)).ToList();
        Assert.Equal(90, lines.Count);
        Assert.Equal(
            "ngc batch run --name \"00_mujoco_all_envs_see_0_env_mujoco_ant\" --instance dgx1v.16g.1.norm --commandline \"python -m sf_examples.mujoco.train_mujoco --algo=APPO "
            + "--with_wandb=True --wandb_tags mujoco --seed=0 --env=mujoco_ant --experiment=00_mujoco_all_envs_see_0_env_mujoco_ant --train_dir=/workspace/train_dir/mujoco_all_envs/mujoco_all_envs\"",
            lines[0]);
    }

    [Fact]
    public void DryRun_ConfigDefaultsAndProjDat_AreApplied()
    {
        Directory.CreateDirectory(Home);
        File.WriteAllText(Path.Combine(Home, "config.yaml"), "proj_dat:\n  eval: \"load_checkpoint=last\"\nsweep:\n  train_dir: /scratch/runs\n  num_gpus: 2\n  experiments_per_gpu: 2\n");

        var result = Sweep("mujoco.sweep", "--proj-dat", "eval", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("executor local (at most 4 at once, 2 GPUs × 2)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--train_dir=/scratch/runs/mujoco_all_envs/mujoco_all_envs load_checkpoint=last\n", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-parallel 9 --num-gpus 4 --experiments-per-gpu 2", "error: --max-parallel 9 is more than the GPUs allow")]
    [InlineData("--proj-dat nope", "error: unknown --proj-dat 'nope'")]
    [InlineData("--config configs/custom.yaml", "does not match sweep config config_path 'examples/configs/grpo.yaml'")]
    [InlineData("bad", "error: 'bad' is not key=value")]
    [InlineData("--executor tmux", "error: --executor tmux needs --sess-name NAME or --sess-id N")]
    public void Sweep_BadOptions_OneLineErrorExitTwoNothingLaunched(string args, string message)
    {
        var file = args.StartsWith("--config", StringComparison.Ordinal) ? "sweep_lr.yaml" : "mujoco.sweep";

        var result = Sweep([file, .. args.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal("", result.Stdout);
        Assert.False(Directory.Exists(Path.Combine(Home, "sweep")));
    }

    [Theory]
    [InlineData("bad.yaml", "a: [1, 2\nb: [3]\n", "bad.yaml:1:4: YAML error: this '[' is never closed", "a: [1, 2", "   ^")]
    [InlineData("bad.yaml", "script_path: examples/train_grpo.py\nlr: []\n", "bad.yaml:2:5: sweep values of 'lr' are an empty list; give at least one value", "lr: []", "    ^")]
    [InlineData("bad.sweep", "run r {\n experiment e {\n  command = \"x\"\n  grid { (a, b): ([1, 2], [3]) }\n }\n}\n", "bad.sweep:4:27: value 1 of tied parameters (a, b) has 1 item, expected 2", "  grid { (a, b): ([1, 2], [3]) }", "                          ^")]
    public void Sweep_FileError_PositionLineAndCaret(string name, string text, string message, string line, string caret)
    {
        Write(name, text);

        var result = Sweep(name, "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {_work.Combine(name)}:{message.Split(':', 2)[1]}\n{line}\n{caret}\n", result.Stderr);
    }

    [Fact]
    public void Sweep_UnknownExecutor_IsAUsageError()
    {
        var result = Sweep("mujoco.sweep", "--executor", "cloud");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void LastModelQuery_AnsweredByARealEarlierSweep()
    {
        Write("train.sweep", "run train { experiment t { command = \"true\" grid { seed: [1, 2] } } }");
        Assert.Equal(0, Sweep("train.sweep", "--group-id", "Ef6a88c4f", "--run-single").ExitCode);

        var result = Sweep("--cmd", "python imitation_learning/eval.py load_checkpoint=&last_model WHERE group=Ef6a88c4f&", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"python imitation_learning/eval.py load_checkpoint={_work.Combine("train_dir", "train", "t", "01_t_see_2", "checkpoints")}\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cmd_CommaListsExpandAndFileWithCmdIsAUsageError()
    {
        var result = Sweep("--cmd", "python run.py lr=0.1,0.2", "--jobname", "lr", "--dry-run");
        var both = Sweep("mujoco.sweep", "--cmd", "python run.py", "--dry-run");
        var neither = Sweep("--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# [1] lr_1\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\npython run.py lr=0.2\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal((1, "error: give a sweep FILE or --cmd COMMAND, not both\n"), (both.ExitCode, both.Stderr));
        Assert.Equal((1, "error: give a sweep FILE or --cmd COMMAND\n"), (neither.ExitCode, neither.Stderr));
    }

    [Fact]
    public void Help_ListsTheSeedsSwitches()
    {
        var result = CliRunner.Run("sweep", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var flag in new[] { "--dry-run", "--executor", "--max-parallel", "--num-gpus", "--experiments-per-gpu", "--pause-between", "--cd", "--run-single", "--group-id", "--proj-dat", "--torchrun", "--nodes", "--container", "--mounts", "--sess-name", "--ngc-job-template", "--slurm-timeout", "--experiment-suffix", "--jobname" })
        {
            Assert.Contains(flag, result.Stdout, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _work.Dispose();

    private ProcessResult Sweep(params string[] args) => CliRunner.Run(["--home", Home, "sweep", .. args, "--workdir", _work.Path]);

    private void Write(string relative, string text)
    {
        var path = _work.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static void Golden(string name, string actual)
    {
        var path = Repository.PathOf("tests", "Cli.Tests", "Sweeps", "SweepPlanGolden", name);
        if (Environment.GetEnvironmentVariable("SSEARCH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing (run with SSEARCH_UPDATE_GOLDEN=1 to create it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
