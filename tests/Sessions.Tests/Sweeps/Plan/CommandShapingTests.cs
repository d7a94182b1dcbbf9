using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>torchrun wrapping, NGC commands, pyxis container options and Sample Factory shorthands.</summary>
public sealed class CommandShapingTests
{
    private static readonly SweepRun Run = new(0, "00_exp_see_1", "/runs/00_exp_see_1", "python -m train --seed=1", new Dictionary<string, string>(), []);

    [Theory]
    [InlineData("python train.py --lr=1", 4, 1, "torchrun --standalone --nnodes=1 --nproc_per_node=4 train.py --lr=1")]
    [InlineData("python -u -m pkg.train --lr=1", 2, 1, "torchrun --standalone --nnodes=1 --nproc_per_node=2 -m pkg.train --lr=1")]
    [InlineData("uv run python examples/train_grpo.py a=1", 8, 2,
        "uv run torchrun --nnodes=2 --nproc_per_node=8 --rdzv_id=G_0 --rdzv_backend=c10d --rdzv_endpoint=$MASTER_ADDR:29500 examples/train_grpo.py a=1")]
    [InlineData("OMP_NUM_THREADS=1 /opt/env/bin/python3 x.py", 2, 1, "OMP_NUM_THREADS=1 torchrun --standalone --nnodes=1 --nproc_per_node=2 x.py")]
    [InlineData("./train.py --a", 2, 1, "torchrun --standalone --nnodes=1 --nproc_per_node=2 ./train.py --a")]
    public void Wrap_PythonCommands_TorchrunReplacesTheInterpreter(string command, int processes, int nodes, string expected) =>
        Assert.Equal(expected, Torchrun.Wrap(command, processes, nodes, "G_0"));

    [Fact]
    public void Wrap_NotPython_IsAnError() =>
        Assert.Contains("--torchrun needs a Python command", Assert.Throws<SweepPlanException>(() => Torchrun.Wrap("./train --x", 2, 1, "G")).Message, StringComparison.Ordinal);

    [Fact]
    public void Render_SampleFactoryTemplate_OneLineWithNameAndCommand()
    {
        const string template = """
            ngc batch run \
              --name "{{ name }}" --instance dgx1v.16g.1.norm \
              --image "nvidian/nvr-lpr/sf:latest" --result /results \
              --workspace ws:/workspace \
              --commandline "cd /workspace/sf && {{ experiment_cmd }}"
            """;

        Assert.Equal(
            "ngc batch run --name \"00_exp_see_1\" --instance dgx1v.16g.1.norm --image \"nvidian/nvr-lpr/sf:latest\" --result /results --workspace ws:/workspace "
            + "--commandline \"cd /workspace/sf && python -m train --seed=1\"",
            NgcCommand.Render(template, Run));
    }

    [Fact]
    public void Render_TemplateWithoutCommandPlaceholder_IsAnError() =>
        Assert.Throws<SweepPlanException>(() => NgcCommand.Render("ngc batch run --name {{ name }}", Run));

    [Fact]
    public void SrunLine_ContainerAndMounts_PyxisOptions()
    {
        var options = new SweepLaunchOptions { Backend = SweepBackend.Slurm, ContainerImage = "nvcr.io/nvidia/nemo:24.07", ContainerMounts = ["/lustre:/lustre", "/home/u:/root"] };

        Assert.Equal(
            "srun --container-image=nvcr.io/nvidia/nemo:24.07 --container-mounts=/lustre:/lustre,/home/u:/root bash -c 'python -m train --seed=1'",
            SweepContainer.SrunLine(options, Run));
        Assert.Equal(Run.Command, SweepContainer.SrunLine(new SweepLaunchOptions(), Run));
    }

    [Theory]
    [InlineData(new[] { "seed", "env" }, new[] { "see", "env" })]
    [InlineData(new[] { "use_rnn", "recurrence", "serial_mode", "async_rl" }, new[] { "u.rnn", "rec", "s.mod", "a.rl" })]
    [InlineData(new[] { "train_for_env_steps", "env_frameskip" }, new[] { "t.f.e.ste", "e.fra" })]
    [InlineData(new[] { "lr", "optim.lr", "optim-lr" }, new[] { "lr", "o.lr", "o.lr" })]
    [InlineData(new[] { "rollout", "rollout_len", "rolling" }, new[] { "rol", "r.len", "roll" })]
    public void Shorthands_AsSampleFactory(string[] parameters, string[] expected) =>
        Assert.Equal(expected, SampleFactoryNames.Shorthands(parameters));
}
