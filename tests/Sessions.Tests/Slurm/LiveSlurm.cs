using SlurmSearch.Sessions.Slurm;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>A client on the real Slurm that records its commands, a temp directory, and cleanup of every job it submitted.</summary>
internal sealed class LiveSlurm : IDisposable
{
    private readonly List<string> _submitted = [];

    public LiveSlurm()
    {
        // A required-but-broken Slurm (CI marker) fails here with the probe's reason instead of skipping.
        SlurmEnvironment.RequireAvailable();
        Runner = new RecordingSlurmCommandRunner(new ProcessSlurmCommandRunner());
        Client = new SlurmClient(Runner);
    }

    public TempDirectory Directory { get; } = new("ssearch-slurm");

    public RecordingSlurmCommandRunner Runner { get; }

    public SlurmClient Client { get; }

    public int CountOf(string program) => Runner.Commands.Count(c => c.Program == program);

    /// <summary>Writes the script under the temp directory and submits it.</summary>
    public string Submit(SbatchOptions options)
    {
        var path = Directory.Combine("scripts", options.JobName + ".sbatch");
        SbatchScript.Create(options).WriteTo(path);
        var id = Client.Submit(path);
        _submitted.Add(id);
        return id;
    }

    /// <summary>Polls squeue (all states) until the job's tasks are all finished; returns them.</summary>
    public IReadOnlyList<SlurmTaskStatus> AwaitFinished(string jobId, TimeSpan timeout) =>
        Poll.Until(
            () => Client.Queue([jobId], includeFinished: true).TasksOf(jobId),
            tasks => tasks.Count > 0 && tasks.All(t => !t.IsActive),
            timeout,
            $"job {jobId} to finish");

    public void Dispose()
    {
        try
        {
            Client.Cancel(_submitted);
        }
        catch (SearchException)
        {
            // Best effort: the test already reported what went wrong.
        }

        Directory.Dispose();
    }
}
