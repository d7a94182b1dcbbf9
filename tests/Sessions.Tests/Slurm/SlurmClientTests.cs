using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Tests.Slurm;

public sealed class SlurmClientTests
{
    [Theory]
    [InlineData("123\n", "123")]
    [InlineData("4567;cluster-a\n", "4567")]
    [InlineData("sbatch: note\n89\n", "89")]
    public void Submit_ParsableOutput_ReturnsJobId(string stdout, string expected)
    {
        var runner = new CannedSlurmRunner(SlurmCommandResult.Success(stdout));
        var id = new SlurmClient(runner).Submit("/x/w.sbatch", ["--dependency=afterany:7"]);
        Assert.Equal(expected, id);
        Assert.Equal(new SlurmCommand("sbatch", ["--parsable", "--dependency=afterany:7", "/x/w.sbatch"]), Assert.Single(runner.Commands));
    }

    [Fact]
    public void Submit_NoIdPrinted_ThrowsNamingTheScript()
    {
        var e = Assert.Throws<SlurmSubmitException>(() => new SlurmClient(new CannedSlurmRunner(SlurmCommandResult.Success("Submitted?"))).Submit("/x/w.sbatch"));
        Assert.Contains("/x/w.sbatch", e.Message, StringComparison.Ordinal);
        Assert.Contains("Submitted?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_SbatchFails_CarriesFirstStderrLine()
    {
        var stderr = "\nsbatch: error: invalid partition specified: nosuch\nsbatch: error: Batch job submission failed: Invalid partition name specified\n";
        var e = Assert.Throws<SlurmSubmitException>(() => new SlurmClient(new CannedSlurmRunner(new SlurmCommandResult(1, string.Empty, stderr))).Submit("w.sh"));
        Assert.Equal("sbatch rejected w.sh: sbatch: error: invalid partition specified: nosuch", e.Message);
        Assert.Equal("sbatch: error: invalid partition specified: nosuch", e.FirstErrorLine);
        Assert.Equal(1, e.SbatchExitCode);
        Assert.Equal(5, e.ExitCode);
    }

    [Fact]
    public void Queue_SqueueRows_AreGroupedByArrayJobWithTaskStates()
    {
        // Rows as squeue -r printed them for a throttled array and a plain job (see NOTES.md).
        const string Output = """
            3|3|3_3|12|PENDING|JobArrayTaskLimit|
            3|0|3_0|9|RUNNING|None|vm
            3|1|3_1|10|RUNNING|None|vm
            4|N/A|4|4|RUNNING|None|vm
            3|2|3_2|3|COMPLETED|None|vm
            """;
        var runner = new CannedSlurmRunner(SlurmCommandResult.Success(Output));
        var client = new SlurmClient(runner);

        var active = client.Queue(["3", "4"]);
        Assert.Equal(["3", "4"], active.Jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([0, 1, 3], active.TasksOf("3").Select(t => t.TaskIndex!.Value));
        var pending = active.TasksOf("3")[2];
        Assert.Equal(new SlurmTaskStatus("3", 3, "3_3", "12", SlurmJobState.Pending, "PENDING", "JobArrayTaskLimit", null), pending);
        var plain = Assert.Single(active.TasksOf("4"));
        Assert.Null(plain.TaskIndex);
        Assert.Equal("vm", plain.Nodes);
        Assert.Null(plain.Reason);
        Assert.Empty(active.TasksOf("99"));
        Assert.False(active.IsIdle);

        var all = client.Queue(["3", "4"], includeFinished: true);
        Assert.Equal(SlurmJobState.Completed, all.TasksOf("3").Single(t => t.TaskIndex == 2).State);

        Assert.Equal(2, runner.Commands.Count);
        Assert.Equal(
            new SlurmCommand("squeue", ["--noheader", "--array", "--states=all", "--jobs=3,4", "--format=%F|%K|%i|%A|%T|%r|%N"]),
            runner.Commands[0]);
    }

    [Fact]
    public void Queue_NoIds_RunsNothing()
    {
        var runner = new CannedSlurmRunner(SlurmCommandResult.Success());
        Assert.Empty(new SlurmClient(runner).Queue([]).Tasks);
        Assert.Empty(runner.Commands);
    }

    [Fact]
    public void Queue_IdsSlurmForgot_IsEmpty()
    {
        var runner = new CannedSlurmRunner(new SlurmCommandResult(1, string.Empty, "slurm_load_jobs error: Invalid job id specified\n"));
        Assert.True(new SlurmClient(runner).Queue(["99999"]).IsIdle);
    }

    [Fact]
    public void Queue_ControllerDown_ThrowsWithCommandAndError()
    {
        var runner = new CannedSlurmRunner(new SlurmCommandResult(1, string.Empty, "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n"));
        var e = Assert.Throws<SlurmCommandException>(() => new SlurmClient(runner).Queue(["1"]));
        Assert.StartsWith("squeue --noheader", e.Message, StringComparison.Ordinal);
        Assert.Contains("Unable to contact slurm controller", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Queue_GarbledRow_ThrowsNamingTheLine()
    {
        var runner = new CannedSlurmRunner(SlurmCommandResult.Success("3|3-9%3|3_[3-9%3]|3|PENDING|JobArrayTaskLimit|\n"));
        var e = Assert.Throws<SlurmCommandException>(() => new SlurmClient(runner).Queue(["3"]));
        Assert.Contains("'3|3-9%3|3_[3-9%3]|3|PENDING|JobArrayTaskLimit|'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-u")]
    [InlineData("12 13")]
    [InlineData("")]
    [InlineData("12_[1-3]")]
    public void Cancel_NotAJobId_IsRejectedBeforeRunning(string id)
    {
        var runner = new CannedSlurmRunner(SlurmCommandResult.Success());
        var e = Assert.Throws<ArgumentException>(() => new SlurmClient(runner).Cancel(["5", id]));
        Assert.Contains($"'{id}'", e.Message, StringComparison.Ordinal);
        Assert.Empty(runner.Commands);
    }

    [Fact]
    public void CancelSignalRequeue_RunOneCommandEach()
    {
        var runner = new CannedSlurmRunner(SlurmCommandResult.Success());
        var client = new SlurmClient(runner);
        client.Cancel(["5", "6_2", "5"]);
        client.Signal(["7"], "USR1");
        client.Signal(["7", "8"], "TERM", batchShellOnly: false);
        client.Requeue("9_1");
        Assert.Equal(
            [
                new SlurmCommand("scancel", ["5", "6_2"]),
                new SlurmCommand("scancel", ["--signal=USR1", "--batch", "7"]),
                new SlurmCommand("scancel", ["--signal=TERM", "7", "8"]),
                new SlurmCommand("scontrol", ["requeue", "9_1"]),
            ],
            runner.Commands);
    }

    [Fact]
    public void Requeue_Fails_ThrowsWithScontrolMessage()
    {
        var runner = new CannedSlurmRunner(new SlurmCommandResult(1, string.Empty, "Invalid job id specified for job 99999\n"));
        var e = Assert.Throws<SlurmCommandException>(() => new SlurmClient(runner).Requeue("99999"));
        Assert.Equal("scontrol requeue 99999 failed (exit 1): Invalid job id specified for job 99999", e.Message);
    }

    [Fact]
    public void ProcessRunner_ProgramMissing_ThrowsSlurmUnavailable()
    {
        var e = Assert.Throws<SlurmUnavailableException>(() => new ProcessSlurmCommandRunner().Run(new SlurmCommand("sbatch-that-does-not-exist", ["--version"])));
        Assert.Equal("Slurm is not available: 'sbatch-that-does-not-exist' was not found on PATH", e.Message);
        Assert.Equal(5, e.ExitCode);
    }

    [Fact]
    public void ProcessRunner_InsideAJob_DropsTheJobsSlurmVariablesButKeepsUserSettings()
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["SLURM_JOB_ID"] = "12",
            ["SLURM_ARRAY_TASK_ID"] = "3",
            ["SLURM_MEM_PER_NODE"] = "4000",
            ["SLURMD_NODENAME"] = "n1",
            ["SLURM_CONF"] = "/etc/slurm/slurm.conf",
            ["SBATCH_ACCOUNT"] = "lab",
            ["HOME_MARK"] = "x",
        };
        var result = new ProcessSlurmCommandRunner(environment: environment).Run(new SlurmCommand("env", []));
        var names = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "PATH", "SLURM_CONF", "SBATCH_ACCOUNT", "HOME_MARK" }, names);
        Assert.DoesNotContain("SLURM_JOB_ID", names);
        Assert.DoesNotContain("SLURM_ARRAY_TASK_ID", names);
        Assert.DoesNotContain("SLURM_MEM_PER_NODE", names);
        Assert.DoesNotContain("SLURMD_NODENAME", names);
        Assert.Empty(ProcessSlurmCommandRunner.InheritedJobVariables(["SLURM_ARRAY_TASK_ID", "PATH"]));
    }

    [Fact]
    public void Probe_ControllerDown_IsUnavailableWithReason()
    {
        var runner = new CannedSlurmRunner(new SlurmCommandResult(1, "Slurmctld(primary) at vm is DOWN\n", string.Empty));
        var availability = new SlurmClient(runner).Probe();
        Assert.False(availability.IsAvailable);
        Assert.Contains("Slurmctld(primary) at vm is DOWN", availability.Reason, StringComparison.Ordinal);
        var e = Assert.Throws<SlurmUnavailableException>(() => new SlurmClient(runner).EnsureAvailable());
        Assert.Equal("Slurm is not available: the controller does not answer (scontrol ping: Slurmctld(primary) at vm is DOWN)", e.Message);
    }

    [Fact]
    public void DryRun_Submissions_GetSequentialIdsAndAreRecorded()
    {
        var runner = new DryRunSlurmCommandRunner();
        var client = new SlurmClient(runner);
        Assert.Equal("1", client.Submit("/a.sh"));
        Assert.Equal("2", client.Submit("/b.sh"));
        Assert.True(client.Queue(["1", "2"]).IsIdle);
        Assert.Equal(
            ["sbatch --parsable /a.sh", "sbatch --parsable /b.sh", "squeue --noheader --array --states=all --jobs=1,2 '--format=%F|%K|%i|%A|%T|%r|%N'"],
            runner.Commands.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("RUNNING", SlurmJobState.Running, true)]
    [InlineData("CANCELLED by 0", SlurmJobState.Cancelled, false)]
    [InlineData("TIMEOUT", SlurmJobState.Timeout, false)]
    [InlineData("REQUEUE_HOLD", SlurmJobState.Requeued, true)]
    [InlineData("SOMETHING_NEW", SlurmJobState.Unknown, true)]
    public void JobStates_Names_ParseAndClassify(string name, SlurmJobState state, bool active)
    {
        Assert.Equal(state, SlurmJobStates.Parse(name));
        Assert.Equal(active, SlurmJobStates.IsActive(state));
    }
}
