using SlurmSearch.Sessions.Slurm;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>
/// SLOW (10–40 s, at worst ~90 s): the one test that waits for Slurm's own pre-time-limit signal. slurmctld checks
/// time limits every 30 s and sends the warning at the first check where now ≥ end − margin − 30 s. With --time=1 and
/// a 20 s margin that is 10–40 s after the start (the kill would come at 60–90 s). A 60 s margin would fire at the
/// very first check, possibly before the worker has installed its handler, so 20 s keeps the test deterministic.
/// Kept in its own class so it runs in parallel with the fast Slurm tests.
/// </summary>
public sealed class SlurmTimeLimitSignalLiveTests : IDisposable
{
    private readonly LiveSlurm _slurm = new();

    public void Dispose() => _slurm.Dispose();

    [SlurmFact]
    public void SignalBeforeTimeLimit_Usr1FromSlurm_IsForwardedToTheWorkerBeforeTheKill()
    {
        var work = _slurm.Directory.Combine("work");
        Directory.CreateDirectory(work);
        var id = _slurm.Submit(new SbatchOptions
        {
            JobName = "ssearch-test-timelimit",
            Output = _slurm.Directory.Combine("logs", "%j.out"),
            Resources = new SlurmResources { Time = "1" },
            SignalBeforeTimeLimit = TimeSpan.FromSeconds(20),
            Command = ["python3", "-c", SignalWorker.Source, work, "0"],
        });

        // The worker exits 0 when USR1 arrives; had the signal not been forwarded, the job would end in TIMEOUT.
        var tasks = _slurm.AwaitFinished(id, TimeSpan.FromSeconds(150));
        Assert.Equal("got USR1", File.ReadAllText(Path.Combine(work, "signal")));
        Assert.Equal(SlurmJobState.Completed, Assert.Single(tasks).State);
    }
}
