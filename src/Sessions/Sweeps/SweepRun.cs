namespace SlurmSearch.Sessions.Sweeps;

/// <summary>One run of a sweep, fully resolved: what to launch, under which name, in which directory, with which extra environment.</summary>
/// <param name="Index">The run's 0-based position in launch order (<c>$CMD_RANK</c>, the Slurm array task id).</param>
/// <param name="Name">The run's name (<c>{base}_sweep_{i}</c>, or Sample Factory's <c>{ii}_{experiment}_{shorthand}_{value}…</c>).</param>
/// <param name="Directory">The run's directory; the runner creates it with <see cref="LogsDirectory"/> and <see cref="CheckpointsDirectory"/> before launch.</param>
/// <param name="Command">The final shell command line, every variable of ours substituted (unknown <c>$VARS</c> are left for the shell).</param>
/// <param name="Environment">Variables set for this run only (WANDB_NAME, WANDB_RUN_GROUP, WANDB_DIR, add_env_vars, …); never CUDA_VISIBLE_DEVICES, which the runner assigns.</param>
/// <param name="Parameters">The grid values of this run, name to value text exactly as it reaches the command, in grid order.</param>
public sealed record SweepRun(
    int Index,
    string Name,
    string Directory,
    string Command,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Where the run's logs go: <c>{Directory}/logs</c>.</summary>
    public string LogsDirectory => Path.Combine(Directory, "logs");

    /// <summary>Where the run's checkpoints go: <c>{Directory}/checkpoints</c>.</summary>
    public string CheckpointsDirectory => Path.Combine(Directory, "checkpoints");
}
