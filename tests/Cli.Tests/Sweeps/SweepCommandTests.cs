using System.Text.Json;

namespace SlurmSearch.Cli.Tests.Sweeps;

/// <summary><c>ssearch sweep FILE</c> end to end: the planner's runs executed by the runner.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly SweepFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Sweep_SeedTwoMujocoExample_Runs90On4GpusTwoPerGpuEightAtOnce()
    {
        // Seed 002: 10 seeds × 9 envs = 90 runs, --max_parallel=8 --experiments_per_gpu=2 --num_gpus=4. Each run takes
        // one of its GPU's two slots (mkdir is atomic): a third concurrent run on a GPU would find none.
        var marks = _fixture.Marks;
        var script = _fixture.Script("train.sh", $$"""
            g=$CUDA_VISIBLE_DEVICES
            s=
            if mkdir {{marks}}/slot_${g}_a 2>/dev/null; then s=a; elif mkdir {{marks}}/slot_${g}_b 2>/dev/null; then s=b; else echo "$*" >> {{marks}}/overbooked; fi
            echo "$g $*" >> {{marks}}/ran
            sleep 0.05
            [ -n "$s" ] && rmdir {{marks}}/slot_${g}_$s
            exit 0
            """);
        var file = Path.Combine(_fixture.Root, "mujoco_all_envs.sweep");
        File.WriteAllText(file, $$"""
            run mujoco_all_envs {
                experiment mujoco_all_envs {
                    command = "{{script}} --algo=APPO"
                    grid {
                        seed: [0, 1111, 2222, 3333, 4444, 5555, 6666, 7777, 8888, 9999]
                        env: [mujoco_ant, mujoco_halfcheetah, mujoco_hopper, mujoco_humanoid, mujoco_doublependulum, mujoco_pendulum, mujoco_reacher, mujoco_swimmer, mujoco_walker]
                    }
                }
            }
            """);

        var result = CliRunner.Run("--home", _fixture.Home, "sweep", file, "--workdir", _fixture.Root, "--max-parallel", "8", "--num-gpus", "4", "--experiments-per-gpu", "2");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.Contains("90 run(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("90 succeeded", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(marks, "overbooked")), "a GPU ran more than 2 runs at once");
        var ran = File.ReadAllLines(Path.Combine(marks, "ran"));
        Assert.Equal(90, ran.Length);
        Assert.Equal(["0", "1", "2", "3"], ran.Select(l => l.Split(' ')[0]).Distinct().Order());
        Assert.Equal(90, ran.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Distinct().Count());
        var key = result.Stdout.Split('\n')[0].Split(' ')[1].TrimEnd(':');
        using var show = JsonDocument.Parse(CliRunner.Run("--home", _fixture.Home, "show", key, "--json").Stdout);
        var runs = show.RootElement.GetProperty("runs");
        Assert.Equal(90, runs.GetArrayLength());
        Assert.All(runs.EnumerateArray(), r => Assert.True(Directory.Exists(Path.Combine(r.GetProperty("directory").GetString()!, "checkpoints"))));
    }
}
