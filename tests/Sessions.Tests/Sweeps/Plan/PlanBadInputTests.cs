using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>The issue's bad-input list: each a one-line error, nothing planned.</summary>
public sealed class PlanBadInputTests : IDisposable
{
    private const string Grid = "run r { experiment e { command = \"python t.py\" grid { a: [1, 2, 3, 4, 5, 6, 7, 8] } } }";

    private readonly SweepWorkspace _work = new();

    public PlanBadInputTests() => _work.Write("g.sweep", Grid);

    [Theory]
    [InlineData("a: []\n", 1, 4, "sweep values of 'a' are an empty list")]
    [InlineData("a: 5\n", 1, 4, "sweep values of 'a' must be a list such as [a, b], not '5'")]
    [InlineData("a: {x: 1}\n", 1, 4, "sweep values of 'a' must be a list such as [a, b], not a mapping")]
    [InlineData("a: [1]\nb: [2]\na: [3]\n", 3, 1, "Duplicate key a")]
    [InlineData("a: [1, 2\nb: [3]\n", 1, 4, "YAML error: this '[' is never closed")]
    [InlineData("a: [1]\n  b: : [2]\n", 2, 3, "YAML error")]
    [InlineData("- a\n- b\n", 1, 1, "a sweep file is a mapping")]
    [InlineData("script_path: [a.py]\n", 1, 14, "script_path must be a single path, not a list")]
    public void Plan_BadNemoYaml_ErrorWithLineAndColumn(string yaml, int line, int column, string reason)
    {
        _work.Write("s.yaml", yaml);

        var error = _work.PlanFails("s.yaml");

        Assert.StartsWith($"{_work.PathOf("s.yaml")}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Plan_EmptyYaml_SaysWhatItNeeds()
    {
        _work.Write("s.yaml", "# nothing\n");

        Assert.Contains("the sweep file is empty", _work.PlanFails("s.yaml").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MoreParallelismThanGpusAllow_IsAnError()
    {
        var launch = new SweepLaunchOptions { MaxParallel = 9, NumGpus = 4, ExperimentsPerGpu = 2 };

        var error = _work.PlanFails("g.sweep", new SweepRequest { File = "", Launch = launch });

        Assert.Equal("--max-parallel 9 is more than the GPUs allow: --num-gpus 4 × --experiments-per-gpu 2 = 8 at once", error.Message);
    }

    [Fact]
    public void Plan_SeedLocalBackendExamples_AreAccepted()
    {
        // seed 002: --max_parallel=8 --experiments_per_gpu=2 --num_gpus=4; seed 003: --max_parallel=4 --experiments_per_gpu=1 --num_gpus=4
        var eight = _work.Plan("g.sweep", new SweepRequest { File = "", Launch = new SweepLaunchOptions { MaxParallel = 8, NumGpus = 4, ExperimentsPerGpu = 2, PauseBetween = TimeSpan.FromSeconds(1) } });
        var four = _work.Plan("g.sweep", new SweepRequest { File = "", Launch = new SweepLaunchOptions { MaxParallel = 4, NumGpus = 4, ExperimentsPerGpu = 1, PauseBetween = TimeSpan.FromSeconds(10) } });

        Assert.Equal((8, 4, 2, TimeSpan.FromSeconds(1)), (eight.Options.MaxParallel, eight.Options.NumGpus, eight.Options.ExperimentsPerGpu, eight.Options.PauseBetween));
        Assert.Equal((4, 4, 1), (four.Options.MaxParallel, four.Options.NumGpus, four.Options.ExperimentsPerGpu));
    }

    [Fact]
    public void Plan_UnknownProjDat_ListsTheKnownOnes()
    {
        var error = _work.PlanFails("g.sweep", new SweepRequest { File = "", ProjectData = ["evl"] }, config: "proj_dat:\n  eval: {x: 1}\n  debug: \"--epochs 1\"\n");

        Assert.Equal("unknown --proj-dat 'evl'; known: eval, debug", error.Message);
    }

    [Fact]
    public void Plan_ProjDatWithoutAnyInConfig_SaysNoneAreDefined() =>
        Assert.Contains("defines no proj_dat sets", _work.PlanFails("g.sweep", new SweepRequest { File = "", ProjectData = ["eval"] }).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("0|1", "--cd gives 2 device sets for 8 runs")]
    [InlineData("", "--cd and --experiments-per-gpu both choose CUDA_VISIBLE_DEVICES")]
    public void Plan_BadDevices_AreErrors(string devices, string reason)
    {
        var launch = devices.Length > 0 ? new SweepLaunchOptions { Devices = devices.Split('|') } : new SweepLaunchOptions { Devices = ["0"], ExperimentsPerGpu = 1, NumGpus = 4 };

        Assert.Contains(reason, _work.PlanFails("g.sweep", new SweepRequest { File = "", Launch = launch }).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SweepBackend.Tmux, null, "--executor tmux needs --sess-name NAME or --sess-id N")]
    [InlineData(SweepBackend.Ngc, null, "--executor ngc needs --ngc-job-template FILE")]
    [InlineData(SweepBackend.Ngc, "missing.template", "NGC job template 'missing.template' does not exist")]
    [InlineData(SweepBackend.Local, "container", "--container and --mounts apply to --executor slurm (pyxis)")]
    public void Plan_BackendWithoutItsSettings_IsAnError(SweepBackend backend, string? setting, string reason)
    {
        var launch = new SweepLaunchOptions
        {
            Backend = backend,
            NgcJobTemplate = backend == SweepBackend.Ngc ? setting : null,
            ContainerImage = setting == "container" ? "img" : null,
        };

        Assert.Contains(reason, _work.PlanFails("g.sweep", new SweepRequest { File = "", Launch = launch }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SeveralBadOptions_AllNamedInOneMessage()
    {
        var launch = new SweepLaunchOptions { MaxParallel = 0, ExperimentsPerGpu = 0, Nodes = 0 };

        var error = _work.PlanFails("g.sweep", new SweepRequest { File = "", Launch = launch, TorchrunProcesses = 0 });

        Assert.Contains("--max-parallel must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("--experiments-per-gpu must be -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("--torchrun must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("--nodes must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("novalue", "'novalue' is not key=value")]
    [InlineData("=3", "'=3' is not key=value")]
    public void Plan_BadOverride_IsAnError(string extra, string reason) =>
        Assert.Contains(reason, _work.PlanFails("g.sweep", new SweepRequest { File = "", Overrides = [extra] }).Message, StringComparison.Ordinal);

    [Fact]
    public void Plan_OverrideGivenTwice_IsAnError() =>
        Assert.Contains("'a' is set twice", _work.PlanFails("g.sweep", new SweepRequest { File = "", Overrides = ["a=1", "a=2"] }).Message, StringComparison.Ordinal);

    [Fact]
    public void Plan_MissingFile_IsAnError() =>
        Assert.Contains("no such sweep file", _work.PlanFails("nope.sweep").Message, StringComparison.Ordinal);

    [Fact]
    public void Plan_TypoOfOurVariableInTheCommand_IsReported()
    {
        _work.Write("t.sweep", "run r { experiment e { command = \"python t.py --group=$GROUPID\" } }");

        Assert.Contains("$GROUPID in", _work.PlanFails("t.sweep").Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
