using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>What running a sweep needs besides its stored plan: how to start <c>ssearch</c> again (Slurm tasks, tmux windows) and the tools to call.</summary>
public sealed record SweepRunnerRequest
{
    /// <summary>The argv prefix that starts <c>ssearch</c> with the right <c>--home</c>/<c>--backend</c> (Slurm tasks and tmux windows run <c>ssearch sweep_task</c>).</summary>
    public IReadOnlyList<string> WorkerCommand { get; init; } = [];

    /// <summary>Run progress (started, finished) for a caller's log.</summary>
    public IProgress<TrialEvent>? Progress { get; init; }

    /// <summary>The Slurm client (the real tools unless a test or a dry run says otherwise).</summary>
    public SlurmClient? Slurm { get; init; }

    /// <summary>Wait for the Slurm array to leave the queue (polling it once per <see cref="PollInterval"/>) instead of returning after sbatch.</summary>
    public bool Wait { get; init; }

    /// <summary>How often waiting polls the queue or the session.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The tmux program and server options, e.g. <c>["tmux", "-L", "private"]</c> for a server of one's own.</summary>
    public IReadOnlyList<string> TmuxCommand { get; init; } = ["tmux"];

    /// <summary>The NGC command-line tool (found on PATH when bare).</summary>
    public string NgcProgram { get; init; } = "ngc";

    /// <summary>How the local backend waits out <c>--pause-between</c> (tests observe the pauses); null: a timer.</summary>
    public Func<TimeSpan, CancellationToken, Task>? PauseDelay { get; init; }
}
