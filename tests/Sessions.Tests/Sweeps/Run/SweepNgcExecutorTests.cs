using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sweeps.Run;

/// <summary>The NGC backend with a recording <c>ngc</c> program in place of NVIDIA's CLI.</summary>
public sealed class SweepNgcExecutorTests : IDisposable
{
    private readonly TempDirectory _root = new("ssearch-sweep-ngc");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task RunAsync_PrintOnly_ReturnsOneNgcCommandPerRunAndRunsNothing()
    {
        var (ngc, calls) = FakeNgc(exitCode: 0);
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var session = SweepSession.Create(store, StateKey.Of("sweep", "ngcprint"), Plan(printOnly: true));

        var report = await new SweepRunner(store).RunAsync(session, new SweepRunnerRequest { NgcProgram = ngc }, CancellationToken.None);

        Assert.Equal(
            ["ngc batch run --instance dgx1v.16g.1.norm --name test_sweep_0 --commandline \"python train.py --seed=0\"",
             "ngc batch run --instance dgx1v.16g.1.norm --name test_sweep_1 --commandline \"python train.py --seed=1\""],
            report.Commands);
        Assert.False(File.Exists(calls));
        Assert.All(session.Runs(), r => Assert.Equal(SweepSessionRunStatus.Pending, r.Status));
    }

    [Fact]
    public async Task RunAsync_PrintOnlyFalse_SubmitsEachRunWithTheNgcOnPathAndRecordsIt()
    {
        var (ngc, calls) = FakeNgc(exitCode: 0);
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var session = SweepSession.Create(store, StateKey.Of("sweep", "ngcrun"), Plan(printOnly: false));

        var report = await new SweepRunner(store).RunAsync(session, new SweepRunnerRequest { NgcProgram = ngc }, CancellationToken.None);

        Assert.Equal(
            ["batch run --instance dgx1v.16g.1.norm --name test_sweep_0 --commandline python train.py --seed=0",
             "batch run --instance dgx1v.16g.1.norm --name test_sweep_1 --commandline python train.py --seed=1"],
            File.ReadAllLines(calls));
        Assert.Equal([0, 1], report.Launched);
        Assert.All(session.Runs(), r => Assert.Equal(SweepSessionRunStatus.Succeeded, r.Status));
        Assert.Equal("job submitted", session.Runs()[0].Result["ngc_output"]);
    }

    [Fact]
    public async Task RunAsync_NgcFails_RecordsTheRunAsFailedWithNgcsError()
    {
        var (ngc, _) = FakeNgc(exitCode: 3);
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var session = SweepSession.Create(store, StateKey.Of("sweep", "ngcfail"), Plan(printOnly: false));

        await new SweepRunner(store).RunAsync(session, new SweepRunnerRequest { NgcProgram = ngc }, CancellationToken.None);

        var run = session.Runs()[0];
        Assert.Equal(SweepSessionRunStatus.Failed, run.Status);
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("ngc exit code 3: quota exceeded", run.Error);
    }

    [Fact]
    public async Task RunAsync_NoNgcOnPath_IsAnErrorNamingIt()
    {
        using var store = new PickleDirectoryStore(_root.Combine("home"));
        var session = SweepSession.Create(store, StateKey.Of("sweep", "nongc"), Plan(printOnly: false));

        var e = await Assert.ThrowsAsync<SessionException>(() => new SweepRunner(store).RunAsync(session, new SweepRunnerRequest { NgcProgram = "ngc-not-installed-here" }, CancellationToken.None));

        Assert.Contains("'ngc-not-installed-here' is not on PATH", e.Message, StringComparison.Ordinal);
    }

    private SweepPlan Plan(bool printOnly)
    {
        var template = _root.Combine("ngc_job_16g_1gpu.template");
        File.WriteAllText(template, "ngc batch run --instance dgx1v.16g.1.norm \\\n  --name {{ name }} \\\n  --commandline \"{{ experiment_cmd }}\"\n");
        return SweepPlans.Of(_root.Path, ["python train.py --seed=0", "python train.py --seed=1"], new SweepLaunchOptions
        {
            Backend = SweepBackend.Ngc,
            NgcJobTemplate = template,
            NgcPrintOnly = printOnly,
        });
    }

    /// <summary>An executable named <c>ngc</c> that appends its arguments to a file and exits with <paramref name="exitCode"/>.</summary>
    private (string Program, string Calls) FakeNgc(int exitCode)
    {
        var bin = Directory.CreateDirectory(_root.Combine("bin")).FullName;
        var calls = _root.Combine("ngc_calls.txt");
        var program = Path.Combine(bin, "ngc");
        File.WriteAllText(program, $"#!/bin/sh\necho \"$*\" >> {calls}\nif [ {exitCode} -ne 0 ]; then echo 'quota exceeded' >&2; exit {exitCode}; fi\necho 'job submitted'\n");
        Assert.Equal(0, Python.Run($"import os; os.chmod({Quote(program)}, 0o755)").ExitCode);
        return (program, calls);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
