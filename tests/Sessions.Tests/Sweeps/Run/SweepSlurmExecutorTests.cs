using System.Text.Json;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Sessions.Tests.Slurm;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sweeps.Run;

/// <summary>The sweep's array script and command table, checked with bash (the live array runs in Cli.Tests).</summary>
public sealed class SweepSlurmExecutorTests : IDisposable
{
    private readonly TempDirectory _root = new("ssearch-sweep-sbatch");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Plan_SubsetOfRunsWithContainerAndTimeout_MapsTasksToRunsInOrderAndRequeues()
    {
        var plan = SweepPlans.Of(_root.Path, ["python a.py", "python b.py", "python c.py"], new SweepLaunchOptions
        {
            Backend = SweepBackend.Slurm,
            ContainerImage = "nvcr.io/nvidia/pytorch:24.01",
            ContainerMounts = ["/lustre:/lustre"],
            SlurmTimeout = TimeSpan.FromHours(1),
            Nodes = 2,
            Slurm = new SlurmResources { Partition = "gpu" },
        });

        var submission = SweepSlurmExecutor.Plan(StateKey.Of("sweep", "sub"), _root.Combine("home", "sweep", "sub"), plan, ["/opt/ssearch", "--home", _root.Combine("home")], [0, 2], generation: 1);

        var rows = submission.Table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([0, 2], rows.Select(r => r.GetProperty("run").GetInt32()));
        Assert.Equal([0, 1], rows.Select(r => r.GetProperty("task").GetInt32()));
        Assert.Equal("srun --container-image=nvcr.io/nvidia/pytorch:24.01 --container-mounts=/lustre:/lustre bash -c 'python c.py'", rows[1].GetProperty("command").GetString());
        var script = submission.Script.Text;
        Assert.Contains("#SBATCH --array=0-1\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --requeue\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --nodes=2\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=gpu\n", script, StringComparison.Ordinal);
        Assert.Contains("/opt/ssearch --home " + _root.Combine("home") + " sweep_task sweep:sub &", script, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("sweep", "sub", "slurm", "tasks_1.jsonl"), submission.TablePath, StringComparison.Ordinal);
        Assert.Equal(0, Bash.Run(["-n", "-c", script]).ExitCode);
    }

    [Fact]
    public void Script_TaskLookup_ExportsTheTasksLineOfTheTable()
    {
        var plan = SweepPlans.Of(_root.Path, ["echo 'one'", "echo \"two\" | tr a-z A-Z", "echo three"], new SweepLaunchOptions { Backend = SweepBackend.Slurm });
        var submission = SweepSlurmExecutor.Plan(StateKey.Of("sweep", "lookup"), _root.Combine("sweep"), plan, ["/bin/echo"]);
        Directory.CreateDirectory(Path.GetDirectoryName(submission.TablePath)!);
        File.WriteAllText(submission.TablePath, submission.Table);

        // The setup block of the script, run as task 1: it must export exactly line 2 of the table.
        var setup = string.Join('\n', submission.Script.Text.Split('\n').SkipWhile(l => !l.StartsWith("set -e", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("set +e", StringComparison.Ordinal)));
        var result = Bash.Run(["-c", $"SLURM_ARRAY_TASK_ID=1\n{setup}\nprintf '%s' \"$SSEARCH_SWEEP_TASK\""]);

        Assert.Equal(0, result.ExitCode);
        using var line = JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, line.RootElement.GetProperty("run").GetInt32());
        Assert.Equal("echo \"two\" | tr a-z A-Z", line.RootElement.GetProperty("command").GetString());
        Assert.NotEqual(0, Bash.Run(["-c", $"SLURM_ARRAY_TASK_ID=7\n{setup}"]).ExitCode);
    }
}
