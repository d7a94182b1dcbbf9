using System.Text.RegularExpressions;
using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>Seed 000 (rl_utils launcher): variables, add_all, proj_dat, ckpt_cfg_key/ckpt_append_name, add_env_vars and group ids in planned commands.</summary>
public sealed partial class PlanVariablesTests : IDisposable
{
    private const string Config = """
        base_data_dir: /data
        proj_name: proj
        wb_entity: team
        ckpt_cfg_key: "CHECKPOINT_FOLDER"
        ckpt_append_name: False
        add_env_vars:
          - "MY_ENV_VAR=env_var_value"
        add_all: "ARG arg_value"
        proj_dat:
          eval: "load_checkpoint=last eval_only=True"
          small: {batch: 8}
        proj_dat_add_env_vars:
          eval: "EVAL=1 RUN_OF=$RUN_NAME"
        """;

    private readonly SweepWorkspace _work = new();

    public PlanVariablesTests() => _work.Write("v.sweep", """
        run v {
            param_prefix = ""
            experiment e {
                command = "python run.py data=$DATA_DIR/x group=$GROUP_ID id=$SLURM_ID rank=$CMD_RANK proj=$PROJECT_NAME ent=${WB_ENTITY} name=$RUN_NAME dir=$RUN_DIR home=$HOME"
                grid { seed: [1, 2] }
            }
        }
        """);

    [Fact]
    public void Plan_RlUtilsConfig_EveryPieceInOrder()
    {
        var plan = _work.Plan("v.sweep", new SweepRequest { File = "", GroupId = "Ef6a88c4f", ProjectData = ["eval,small"] }, Config);

        var run = plan.Runs[1];
        Assert.Equal("Ef6a88c4f", plan.GroupId);
        var slurmId = SlurmIdPattern().Match(run.Command).Groups[1].Value;
        Assert.Equal(
            $"python run.py data=/data/x group=Ef6a88c4f id={slurmId} rank=1 proj=proj ent=team name=01_e_see_2 dir={run.Directory} home=$HOME seed=2 "
            + $"--experiment=01_e_see_2 --train_dir={_work.PathOf("train_dir/v/e")} load_checkpoint=last eval_only=True batch=8 CHECKPOINT_FOLDER={run.Directory}/checkpoints ARG arg_value",
            run.Command);
        Assert.Equal("env_var_value", run.Environment["MY_ENV_VAR"]);
        Assert.Equal("1", run.Environment["EVAL"]);
        Assert.Equal("01_e_see_2", run.Environment["RUN_OF"]);
        Assert.Equal("Ef6a88c4f", run.Environment["WANDB_RUN_GROUP"]);
    }

    [Fact]
    public void Plan_SlurmIdsAndGroupIds_RlUtilsShapeFreshPerRunAndSeeded()
    {
        var first = _work.Plan("v.sweep", config: Config, seed: 11);
        var again = _work.Plan("v.sweep", config: Config, seed: 11);
        var other = _work.Plan("v.sweep", config: Config, seed: 12);

        Assert.Matches("^[A-Z][0-9a-f]{8}$", first.GroupId);
        var ids = first.Runs.Select(r => SlurmIdPattern().Match(r.Command).Groups[1].Value).ToList();
        Assert.All(ids, id => Assert.Matches("^[A-Z][0-9a-f]{8}$", id));
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal(first.Runs.Select(r => r.Command), again.Runs.Select(r => r.Command));
        Assert.NotEqual(first.GroupId, other.GroupId);
    }

    [Fact]
    public void Plan_CheckpointAppendName_RunNameUnderTheCheckpointDirectory()
    {
        var run = _work.Plan("v.sweep", config: Config.Replace("ckpt_append_name: False", "ckpt_append_name: True", StringComparison.Ordinal)).Runs[0];

        Assert.Contains($" CHECKPOINT_FOLDER={run.Directory}/checkpoints/00_e_see_1 ", run.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OurVariableWithoutItsConfigKey_NamesTheKey()
    {
        var error = _work.PlanFails("v.sweep", config: "proj_name: p\nwb_entity: w\n");

        Assert.Equal("$DATA_DIR is used but the configuration (config.yaml) sets no base_data_dir", error.Message);
    }

    [Fact]
    public void Plan_Torchrun_WrapsEveryCommandAfterTheSuffixes()
    {
        var plan = _work.Plan("v.sweep", new SweepRequest { File = "", TorchrunProcesses = 4, GroupId = "G" }, Config);

        Assert.StartsWith("torchrun --standalone --nnodes=1 --nproc_per_node=4 run.py data=/data/x ", plan.Runs[0].Command, StringComparison.Ordinal);
        Assert.EndsWith(" ARG arg_value", plan.Runs[0].Command, StringComparison.Ordinal);
        Assert.Equal(4, plan.Options.TorchrunProcesses);
    }

    [Fact]
    public void Plan_LastModelQuery_ResolvedFromTheHistory()
    {
        _work.Write("q.sweep", "run q { experiment eval { command = \"python eval.py load_checkpoint=&last_model WHERE group=Ef6a88c4f&\" } }");
        var history = new DirectoryHistory(new Dictionary<string, string> { ["Ef6a88c4f"] = "/runs/00_train" });

        var run = _work.Plan("q.sweep", history: history).Runs[0];

        Assert.StartsWith("python eval.py load_checkpoint=/runs/00_train/checkpoints --experiment=00_eval ", run.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LastModelQueryOfAGroupWithoutFinishedRuns_IsAnError()
    {
        _work.Write("q.sweep", "run q { experiment eval { command = \"python eval.py ckpt=&last_model WHERE group=G2&\" } }");

        var error = Assert.Throws<SweepPlanException>(() => _work.Plan("q.sweep", history: new DirectoryHistory([])));

        Assert.Contains("no run of sweep group 'G2' has finished successfully", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();

    [GeneratedRegex(@" id=(\S+) ")]
    private static partial Regex SlurmIdPattern();

    // A history read from a fixed table: the query's parsing and substitution are under test here; the store-backed history has its own tests.
    private sealed class DirectoryHistory(Dictionary<string, string> latest) : ISweepHistory
    {
        public string? LatestFinishedRunDirectory(string groupId) => latest.GetValueOrDefault(groupId);
    }
}
