using SlurmSearch.Sessions.Config;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Config;

public sealed class SsearchConfigTests
{
    private const string RlUtilsStyle = """
        base_data_dir: ""
        proj_name: ""
        wb_entity: ""
        ckpt_cfg_key: "CHECKPOINT_FOLDER"
        ckpt_append_name: False
        add_env_vars:
          - "MY_ENV_VAR=env_var_value"
          - "EMPTY="
        conda_env: "conda_env_name"
        slurm_ignore_nodes: ["node_name"]
        add_all: "ARG arg_value"
        proj_dat:
          eval: {load_checkpoint: last, episodes: 10}
        slurm:
          profile_name:
            c: 7
            partition: 'partition_name'
            constraint: 'a40'
          long:
            time: 1-00:00:00
            g: 2
            exclude: gpu-1, gpu-2
            setup: [module load cuda]
            extra: ["--reservation=x"]
        """;

    [Fact]
    public void Parse_RlUtilsExample_ReadsEveryPart()
    {
        var config = SsearchConfig.Parse(RlUtilsStyle, "config.yaml");
        Assert.Equal(["profile_name", "long"], config.ProfileNames);
        Assert.Equal(new SlurmResources { CpusPerTask = 7, Partition = "partition_name", Constraint = "a40" }, config.Profile("profile_name"));
        Assert.Equal(
            new SlurmResources { Time = "1-00:00:00", Gres = "gpu:2", Exclude = ["gpu-1", "gpu-2"], Setup = ["module load cuda"], Extra = ["--reservation=x"] },
            config.Profile("long"));
        Assert.Equal(["node_name"], config.SlurmIgnoreNodes);
        Assert.Equal([new("MY_ENV_VAR", "env_var_value"), new("EMPTY", "")], config.AddEnvVars);
        Assert.Equal("conda_env_name", config.CondaEnv);
        Assert.Equal([new("load_checkpoint", "last"), new("episodes", "10")], config.ProjectArguments("eval"));
        // Every rl_utils key now serves `ssearch sweep` (see tests/Sessions.Tests/Sweeps/Plan/SweepConfigTests.cs).
        Assert.Empty(config.UnusedKeys);
        Assert.Equal("CHECKPOINT_FOLDER", config.CheckpointConfigKey);
        Assert.Equal("ARG arg_value", config.AddAll);
    }

    [Fact]
    public void ExampleFile_InDocs_LoadsAndBuildsAValidScript()
    {
        var config = SsearchConfig.Load(Repository.PathOf("docs", "config.example.yaml"));
        Assert.Equal(["small", "a40"], config.ProfileNames);
        var resources = config.ResolveResources("a40");
        Assert.Equal(["gpu-03", "gpu-07", "gpu-12"], resources.Exclude);
        var script = SbatchScript.Create(new SbatchOptions
        {
            JobName = "x",
            Command = ["true"],
            Resources = resources,
            CondaEnv = config.CondaEnv,
            EnvironmentVariables = config.AddEnvVars,
        });
        Assert.Contains("#SBATCH --gres=gpu:a40:1", script.Directives);
        Assert.Contains("#SBATCH --mail-type=FAIL", script.Directives);
        Assert.Contains("module load cuda/12.1", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveResources_ProfileThenCommandLine_CommandLineWins()
    {
        var config = SsearchConfig.Parse(RlUtilsStyle, "config.yaml");
        var resources = config.ResolveResources("profile_name", new SlurmResources { Partition = "debug", Exclude = ["n9"] });
        Assert.Equal("debug", resources.Partition);
        Assert.Equal(7, resources.CpusPerTask);
        Assert.Equal("a40", resources.Constraint);
        Assert.Equal(["node_name", "n9"], resources.Exclude);
        Assert.Equal(new SlurmResources { Exclude = ["node_name"] }, config.ResolveResources(null));
    }

    [Fact]
    public void Profile_Unknown_NamesItAndListsKnownOnes()
    {
        var config = SsearchConfig.Parse(RlUtilsStyle, "/home/u/hp/config.yaml");
        var e = Assert.Throws<ConfigException>(() => config.Profile("gpu"));
        Assert.Equal("/home/u/hp/config.yaml: unknown Slurm profile 'gpu'; known profiles: profile_name, long", e.Message);
        Assert.Contains("none are defined", Assert.Throws<ConfigException>(() => SsearchConfig.Empty.Profile("gpu")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slurm:\n  a: [1, 2\n", 2)]
    [InlineData("a: [1, 2\nb: 3\n", 1)]
    [InlineData("x: 1\na: {x: 1\n", 2)]
    [InlineData("slurm:\n  a:\n    c: 1\n   partition: x\n", 4)]
    [InlineData("conda_env: \"unterminated\n", 1)]
    [InlineData("a: 1\na: 2\n", 2)]
    public void Parse_YamlSyntaxError_GivesFileLineColumn(string yaml, int line)
    {
        var e = Assert.Throws<ConfigException>(() => SsearchConfig.Parse(yaml, "cfg.yaml"));
        Assert.Equal("cfg.yaml", e.File);
        Assert.Equal(line, e.Line);
        Assert.NotNull(e.Column);
        Assert.StartsWith($"cfg.yaml:{line}:{e.Column}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slurm_ingore_nodes: [a]\n", 1, 1, "unknown key 'slurm_ingore_nodes'")]
    [InlineData("slurm:\n  p:\n    partiton: x\n", 3, 5, "unknown setting 'partiton' in Slurm profile 'p'")]
    [InlineData("slurm:\n  p:\n    c: 2\n    cpus_per_task: 4\n", 4, 5, "'cpus_per_task' sets the same thing as 'c' (line 3)")]
    [InlineData("slurm:\n  p:\n    c: two\n", 3, 8, "p.c: 'two' is not a positive integer")]
    [InlineData("slurm:\n  p:\n    time: soon\n", 3, 11, "p.time: 'soon' is not a Slurm time limit")]
    [InlineData("slurm:\n  p: [a]\n", 2, 6, "Slurm profile 'p' must be a mapping")]
    [InlineData("add_env_vars: [\"NOVALUE\"]\n", 1, 16, "add_env_vars entry 'NOVALUE' is not KEY=VALUE")]
    [InlineData("add_env_vars: [\"1X=2\"]\n", 1, 16, "'1X' is not a valid environment variable name")]
    [InlineData("conda_env: [a, b]\n", 1, 12, "conda_env must be a single value, not a list")]
    [InlineData("proj_dat: {a: {x: 1}}\nproj_data: {}\n", 2, 1, "both 'proj_dat' and 'proj_data'")]
    [InlineData("proj_dat:\n  eval: [--x, 1]\n", 2, 9, "proj_dat entry 'eval' must map argument names to values")]
    [InlineData("- a\n- b\n", 1, 1, "the configuration must be a mapping")]
    public void Parse_InvalidConfiguration_ExplainsWithPosition(string yaml, int line, int column, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => SsearchConfig.Parse(yaml, "cfg.yaml"));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromHome_NoFile_IsEmpty()
    {
        using var home = new TempDirectory();
        Assert.Same(SsearchConfig.Empty, SsearchConfig.LoadFromHome(home.Path));
        File.WriteAllText(home.Combine(SsearchConfig.FileName), "# only a comment\n");
        Assert.Empty(SsearchConfig.LoadFromHome(home.Path).Profiles);
    }

    [Fact]
    public void Parse_EmptyValues_MeanNotSet()
    {
        var config = SsearchConfig.Parse("slurm:\n  p:\n    partition:\n    time: ~\n  q:\nconda_env:\nslurm_ignore_nodes:\n", "cfg.yaml");
        Assert.Equal(SlurmResources.None, config.Profile("p"));
        Assert.Equal(SlurmResources.None, config.Profile("q"));
        Assert.Null(config.CondaEnv);
        Assert.Empty(config.SlurmIgnoreNodes);
    }
}
