using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>Seeds 002/003 (Sample Factory launcher): their run descriptions in the .sweep language, reproduced at the plan level.</summary>
public sealed class SampleFactoryPlanTests : IDisposable
{
    private const string MujocoAllEnvs = """
        # sf_examples/mujoco/experiments/mujoco_all_envs.py
        run mujoco_all_envs {
            experiment mujoco_all_envs {
                command = "python -m sf_examples.mujoco.train_mujoco --algo=APPO --with_wandb=True --wandb_tags mujoco"
                grid {
                    seed: [0, 1111, 2222, 3333, 4444, 5555, 6666, 7777, 8888, 9999]
                    env: ["mujoco_ant", "mujoco_halfcheetah", "mujoco_hopper", "mujoco_humanoid", "mujoco_doublependulum", "mujoco_pendulum", "mujoco_reacher", "mujoco_swimmer", "mujoco_walker"]
                }
            }
        }
        """;

    private static readonly string[] Seeds = ["0", "1111", "2222", "3333", "4444", "5555", "6666", "7777", "8888", "9999"];

    private static readonly string[] Envs =
        ["mujoco_ant", "mujoco_halfcheetah", "mujoco_hopper", "mujoco_humanoid", "mujoco_doublependulum", "mujoco_pendulum", "mujoco_reacher", "mujoco_swimmer", "mujoco_walker"];

    private readonly SweepWorkspace _work = new();

    [Fact]
    public void Plan_MujocoAllEnvs_NinetyRunsSeedMajorInTheDocumentedOrder()
    {
        _work.Write("mujoco_all_envs.sweep", MujocoAllEnvs);

        var plan = _work.Plan("mujoco_all_envs.sweep");

        Assert.Equal(90, plan.Runs.Count);
        var expected = Seeds.SelectMany(s => Envs.Select(e => $"{s}/{e}")).ToList();
        Assert.Equal(expected, plan.Runs.Select(r => $"{r.Parameters[0].Value}/{r.Parameters[1].Value}"));
        Assert.Equal(90, plan.Runs.Select(r => r.Name).Distinct().Count());
        Assert.Equal("mujoco_all_envs", plan.BaseName);
    }

    [Fact]
    public void Plan_MujocoAllEnvs_SampleFactoryNamesCommandsAndDirectories()
    {
        _work.Write("mujoco_all_envs.sweep", MujocoAllEnvs);

        var plan = _work.Plan("mujoco_all_envs.sweep");

        var experimentDir = _work.PathOf("train_dir/mujoco_all_envs/mujoco_all_envs");
        Assert.Equal("00_mujoco_all_envs_see_0_env_mujoco_ant", plan.Runs[0].Name);
        Assert.Equal("89_mujoco_all_envs_see_9999_env_mujoco_walker", plan.Runs[89].Name);
        Assert.Equal(
            "python -m sf_examples.mujoco.train_mujoco --algo=APPO --with_wandb=True --wandb_tags mujoco --seed=1111 --env=mujoco_hopper "
            + $"--experiment=11_mujoco_all_envs_see_1111_env_mujoco_hopper --train_dir={experimentDir}",
            plan.Runs[11].Command);
        Assert.Equal(Path.Combine(experimentDir, "11_mujoco_all_envs_see_1111_env_mujoco_hopper"), plan.Runs[11].Directory);
    }

    [Fact]
    public void Plan_ExperimentSuffix_GoesOnTheExperimentDirectory()
    {
        _work.Write("mujoco_all_envs.sweep", MujocoAllEnvs);

        var plan = _work.Plan("mujoco_all_envs.sweep", new SweepRequest { File = "", ExperimentSuffix = "slurm", TrainDirectory = "/workspace/train_dir" });

        Assert.EndsWith(" --train_dir=/workspace/train_dir/mujoco_all_envs/mujoco_all_envs_slurm", plan.Runs[0].Command, StringComparison.Ordinal);
        Assert.Equal("/workspace/train_dir", plan.Options.TrainDirectory);
    }

    [Fact]
    public void Plan_TiedPairs_ExactlyTheListedCombinations()
    {
        _work.Write("tied.sweep", """
            run tied {
                experiment appo {
                    command = "python train.py"
                    grid {
                        seed: [1111, 2222, 3333, 4444]
                        (serial_mode, async_rl): ([True, False], [False, True])
                        (use_rnn, recurrence): ([False, 1], [True, 16])
                    }
                }
            }
            """);

        var plan = _work.Plan("tied.sweep");

        Assert.Equal(16, plan.Runs.Count);
        var combos = plan.Runs.Select(r => string.Join(" ", r.Parameters.Select(p => $"{p.Key}={p.Value}"))).ToList();
        Assert.Equal("seed=1111 serial_mode=True async_rl=False use_rnn=False recurrence=1", combos[0]);
        Assert.Equal("seed=1111 serial_mode=True async_rl=False use_rnn=True recurrence=16", combos[1]);
        Assert.Equal("seed=1111 serial_mode=False async_rl=True use_rnn=False recurrence=1", combos[2]);
        Assert.All(plan.Runs, r => Assert.Equal(r.Parameters[3].Value == "True" ? "16" : "1", r.Parameters[4].Value));
        Assert.All(plan.Runs, r => Assert.NotEqual(r.Parameters[1].Value, r.Parameters[2].Value));
        Assert.Equal("00_appo_see_1111_s.mod_True_a.rl_False_u.rnn_False_rec_1", plan.Runs[0].Name);
    }

    [Fact]
    public void Plan_HydraPrefixAndOwnArgumentNames_ParametersWithoutDashes()
    {
        _work.Write("hydra.sweep", """
            run hydra_runs {
                param_prefix = ""
                experiment_arg_name = "experiment_name"
                experiment_dir_arg_name = "hydra.run.dir"
                customize_experiment_name = false
                experiment base {
                    command = "python app.py"
                    grid { optim.lr: [1e-4, 3e-4] }
                }
            }
            """);

        var plan = _work.Plan("hydra.sweep");

        Assert.Equal(["00_base", "01_base"], plan.Runs.Select(r => r.Name));
        Assert.Equal($"python app.py optim.lr=3e-4 experiment_name=01_base hydra.run.dir={_work.PathOf("train_dir/hydra_runs/base")}", plan.Runs[1].Command);
    }

    [Fact]
    public void Plan_SeveralExperiments_IndicesRestartPerExperimentAndRunsFollowFileOrder()
    {
        _work.Write("two.sweep", """
            run doom {
                grid seeds { seed: [0, 1111] }
                experiment basic_envs_fs4 {
                    command = "python -m sample_factory.algorithms.appo.train_appo --env_frameskip=4"
                    grid = seeds
                }
                experiment no_grid { command = "python -m sample_factory.algorithms.appo.train_appo" }
            }
            """);

        var plan = _work.Plan("two.sweep");

        Assert.Equal(["00_basic_envs_fs4_see_0", "01_basic_envs_fs4_see_1111", "00_no_grid"], plan.Runs.Select(r => r.Name));
        Assert.Equal([0, 1, 2], plan.Runs.Select(r => r.Index));
        Assert.Empty(plan.Runs[2].Parameters);
    }

    [Fact]
    public void Plan_Randomize_SameSeedSameOrderAndEveryCombinationOnce()
    {
        _work.Write("r.sweep", """
            run r { experiment e { command = "python t.py" randomize = true grid { a: [1, 2, 3, 4] b: [x, y, z] } } }
            """);

        var first = _work.Plan("r.sweep", seed: 3).Runs.Select(r => $"{r.Parameters[0].Value}{r.Parameters[1].Value}").ToList();
        var again = _work.Plan("r.sweep", seed: 3).Runs.Select(r => $"{r.Parameters[0].Value}{r.Parameters[1].Value}").ToList();
        var ordered = new[] { "1", "2", "3", "4" }.SelectMany(a => new[] { "x", "y", "z" }.Select(b => a + b)).ToList();

        Assert.Equal(first, again);
        Assert.Equal(ordered.Order(), first.Order());
        Assert.NotEqual(ordered, first);
    }

    [Fact]
    public void Plan_ExperimentEnvironment_ReachesEachRun()
    {
        _work.Write("e.sweep", """
            run r { experiment e { command = "python t.py" env { OMP_NUM_THREADS = 1, TAG = "$RUN_NAME" } grid { a: [1] } } }
            """);

        var run = _work.Plan("e.sweep").Runs[0];

        Assert.Equal("1", run.Environment["OMP_NUM_THREADS"]);
        Assert.Equal("00_e_a_1", run.Environment["TAG"]);
    }

    [Fact]
    public void Plan_OverrideOfATiedParameter_IsRefused()
    {
        _work.Write("t.sweep", """
            run r { experiment e { command = "python t.py" grid { (use_rnn, recurrence): ([false, 1], [true, 16]) } } }
            """);

        var error = _work.PlanFails("t.sweep", new SweepRequest { File = "", Overrides = ["recurrence=8"] });

        Assert.Contains("cannot override 'recurrence' on the command line: it is tied with use_rnn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnknownExtension_IsAnError()
    {
        _work.Write("x.py", "RUN_DESCRIPTION = None\n");

        Assert.Contains("unknown sweep file type '.py'", _work.PlanFails("x.py").Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
