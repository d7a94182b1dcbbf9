using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Executors;

/// <summary>What an executor is asked to run: a session, its objective, how many workers and where.</summary>
public sealed record ExecutionRequest
{
    /// <summary>The session.</summary>
    public required SearchSession Session { get; init; }

    /// <summary>The objective (inline executors call it; process executors' workers build their own from the session).</summary>
    public required IObjective Objective { get; init; }

    /// <summary>Number of workers.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>GPU slots: each worker is pinned to one GPU with <c>CUDA_VISIBLE_DEVICES</c>.</summary>
    public GpuSlots? Gpus { get; init; }

    /// <summary>Pause between starting two workers (Sample Factory's <c>--pause_between</c>).</summary>
    public TimeSpan PauseBetween { get; init; }

    /// <summary>The argv prefix that starts <c>ssearch</c> with the right <c>--home</c>/<c>--backend</c> (process executors).</summary>
    public IReadOnlyList<string> WorkerCommand { get; init; } = [];

    /// <summary>Worker progress, for a caller's log or progress bar.</summary>
    public IProgress<TrialEvent>? Progress { get; init; }
}
