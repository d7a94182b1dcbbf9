using SlurmSearch.Sessions.Config;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>The config.yaml keys <c>ssearch sweep</c> reads: rl_utils' launcher schema (seed 000) and the <c>sweep:</c> defaults.</summary>
public sealed class SweepConfigTests
{
    [Fact]
    public void Parse_RlUtilsLauncherKeys_AreRead()
    {
        var config = SsearchConfig.Parse("""
            base_data_dir: /data
            proj_name: proj
            wb_entity: team
            ckpt_cfg_key: "CHECKPOINT_FOLDER"
            ckpt_append_name: True
            add_all: "ARG arg_value"
            proj_data:
              option: "ARG arg_value"
              eval: {load_checkpoint: last}
            proj_dat_add_env_vars:
              option: "A=1 B=two"
              eval: ["C=3"]
            """, "config.yaml");

        Assert.Equal(("/data", "proj", "team", "CHECKPOINT_FOLDER", true, "ARG arg_value"),
            (config.BaseDataDir, config.ProjectName, config.WbEntity, config.CheckpointConfigKey, config.CheckpointAppendName, config.AddAll));
        Assert.Equal("ARG arg_value", config.ProjectCommandText("option", "--"));
        Assert.Equal("--load_checkpoint=last", config.ProjectCommandText("eval", "--"));
        Assert.Equal("load_checkpoint=last", config.ProjectCommandText("eval", ""));
        Assert.Equal([new("A", "1"), new("B", "two")], config.ProjectDataEnvVars["option"]);
        Assert.Equal([new("C", "3")], config.ProjectDataEnvVars["eval"]);
    }

    [Fact]
    public void Parse_SweepDefaults_AreRead()
    {
        var config = SsearchConfig.Parse("sweep:\n  train_dir: /scratch/runs\n  max_parallel: 8\n  num_gpus: 4\n  experiments_per_gpu: 2\n  pause_between: 1.5\n  executor: slurm\n", "c.yaml");

        Assert.Equal(
            new SweepConfigDefaults { TrainDirectory = "/scratch/runs", MaxParallel = 8, NumGpus = 4, ExperimentsPerGpu = 2, PauseBetween = TimeSpan.FromSeconds(1.5), Executor = "slurm" },
            config.Sweep);
    }

    [Theory]
    [InlineData("sweep:\n  executor: cloud\n", 2, 13, "'cloud' is not an executor")]
    [InlineData("sweep:\n  max_paralel: 3\n", 2, 3, "unknown sweep default 'max_paralel'")]
    [InlineData("ckpt_append_name: maybe\n", 1, 19, "'maybe' is not true or false")]
    [InlineData("proj_dat_add_env_vars:\n  eval: \"A=1 B\"\n", 2, 9, "'B' is not KEY=VALUE")]
    [InlineData("add_al: x\n", 1, 1, "unknown key 'add_al'")]
    public void Parse_BadSweepKeys_ErrorWithPosition(string yaml, int line, int column, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => SsearchConfig.Parse(yaml, "c.yaml"));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
