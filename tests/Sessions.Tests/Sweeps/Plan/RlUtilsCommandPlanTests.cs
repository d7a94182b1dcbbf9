using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>Seed 000 (rl_utils launcher): inline commands and .cmd files, comma lists, proj_dat and the last_model query.</summary>
public sealed class RlUtilsCommandPlanTests : IDisposable
{
    private const string Config = """
        add_all: "--log_every=10"
        proj_data:
          eval: "--eval_only=True"
        """;

    private readonly SweepWorkspace _work = new();

    [Fact]
    public void Plan_SeedExampleLaunchInCurrentWindow_OneRunCommandUnchanged()
    {
        var plan = _work.Plan("", new SweepRequest { Commands = ["python imitation_learning/run.py"], GroupId = "G1" }, Config);

        var run = Assert.Single(plan.Runs);
        Assert.Equal("run", run.Name);
        Assert.Equal("python imitation_learning/run.py --log_every=10", run.Command);
        Assert.Equal(_work.PathOf("train_dir/G1/run"), run.Directory);
    }

    [Fact]
    public void Plan_SeedExampleEvaluateLastCheckpoint_QueryAndProjDatResolved()
    {
        var history = new TableHistory(new() { ["Ef6a88c4f"] = "/runs/train_3" });
        var request = new SweepRequest { Commands = ["python imitation_learning/eval.py load_checkpoint=&last_model WHERE group=Ef6a88c4f&"], ProjectData = ["eval"] };

        var run = Assert.Single(_work.Plan("", request, Config, history: history).Runs);

        Assert.Equal("python imitation_learning/eval.py load_checkpoint=/runs/train_3/checkpoints --eval_only=True --log_every=10", run.Command);
        Assert.Equal("eval", run.Name);
    }

    [Fact]
    public void Plan_CommaLists_OneRunPerCombinationInWordOrder()
    {
        var plan = _work.Plan("", new SweepRequest { Commands = ["python run.py lr=0.1,0.2 --tags=[a,b] seed=1,2"], Overrides = ["env=x,y"] });

        Assert.Equal(8, plan.Runs.Count);
        Assert.Equal("python run.py lr=0.1 --tags=[a,b] seed=1 env=x", plan.Runs[0].Command);
        Assert.Equal("python run.py lr=0.2 --tags=[a,b] seed=2 env=y", plan.Runs[7].Command);
        Assert.Equal([new("lr", "0.1"), new("seed", "2"), new("env", "x")], plan.Runs[2].Parameters);
        Assert.Equal(["run_0", "run_7"], new[] { plan.Runs[0].Name, plan.Runs[7].Name });
    }

    [Fact]
    public void Plan_CmdFile_EachLineItsOwnCommandCommentsSkipped()
    {
        _work.Write("jobs.cmd", "# baselines\npython a.py seed=1,2\n\npython b.py --x=$CMD_RANK\n");

        var plan = _work.Plan("jobs.cmd", new SweepRequest { JobName = "base" });

        Assert.Equal(["python a.py seed=1", "python a.py seed=2", "python b.py --x=2"], plan.Runs.Select(r => r.Command));
        Assert.Equal(["base_0", "base_1", "base_2"], plan.Runs.Select(r => r.Name));
    }

    [Fact]
    public void Plan_EmptyCmdFile_IsAnError()
    {
        _work.Write("none.cmd", "# nothing\n\n");

        Assert.Contains("the command file has no command", _work.PlanFails("none.cmd").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_EmptyCommaValue_IsAnError() =>
        Assert.Contains("'lr=0.1,' has an empty value", Assert.Throws<SweepPlanException>(() => _work.Plan("", new SweepRequest { Commands = ["python r.py lr=0.1,"] })).Message, StringComparison.Ordinal);

    public void Dispose() => _work.Dispose();

    private sealed class TableHistory(Dictionary<string, string> latest) : ISweepHistory
    {
        public string? LatestFinishedRunDirectory(string groupId) => latest.GetValueOrDefault(groupId);
    }
}
