namespace SlurmSearch.Sessions.Sweeps;

/// <summary>How <see cref="SweepRunnerProcess"/> starts runs: a pause between starts, copies of their output, command overrides.</summary>
public sealed record SweepRunnerProcessOptions
{
    /// <summary>Spaces out the starts of runs (<c>--pause-between</c>); null starts at once.</summary>
    public SweepExecutorStartGate? StartGate { get; init; }

    /// <summary>Also copy each run's stdout here (a tmux window shows its run's output); null: only the log file.</summary>
    public Stream? TeeOutput { get; init; }

    /// <summary>Also copy each run's stderr here.</summary>
    public Stream? TeeError { get; init; }

    /// <summary>Commands to run instead of the plan's, by run index (a Slurm task runs the line of its command table).</summary>
    public IReadOnlyDictionary<int, string>? Commands { get; init; }

    /// <summary>Called once a run's process started, with the run and its process group id.</summary>
    public Action<SweepRun, int>? Started { get; init; }
}
