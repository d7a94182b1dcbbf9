using SlurmSearch.Sessions.Executors;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>How an experiment's sub-sessions run: the commands that re-enter this program, the Slurm executor, progress.</summary>
public sealed record ExperimentRunnerOptions
{
    /// <summary>The argv prefix that starts <c>ssearch</c> on the same home and backend (the <c>cpu</c> method's <c>work_on</c> workers).</summary>
    public IReadOnlyList<string> WorkerCommand { get; init; } = [];

    /// <summary>
    /// The shell command a <c>cpu</c> or <c>slurm</c> worker runs per trial to evaluate one point of a sampling node in a
    /// process of its own (<c>ssearch … run_exp --eval-trial</c>; it finds the trial through <c>$SSEARCH_SESSION</c> and <c>$SSEARCH_TRIAL_ID</c>).
    /// </summary>
    public string? PointCommand { get; init; }

    /// <summary>Turns an objective's command template into what runs (e.g. <c>rl_agent</c> to the installed agent's path).</summary>
    public Func<string, string> ResolveCommand { get; init; } = command => command;

    /// <summary>Makes the executor of <c>method slurm</c> nodes; null means Slurm is not available here.</summary>
    public Func<Executor>? SlurmExecutor { get; init; }

    /// <summary>The worker id of trials run in this process.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Progress lines.</summary>
    public IProgress<ExperimentEvent>? Progress { get; init; }

    /// <summary>Clock of sub-sessions and workers.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Lease of sub-session claims (renewed while a trial runs).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a waiting evaluation looks at sub-sessions run by others.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
