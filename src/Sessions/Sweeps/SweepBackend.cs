namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Where a sweep's runs execute.</summary>
public enum SweepBackend
{
    /// <summary>Local processes, packed onto GPUs (Sample Factory's <c>processes</c> backend).</summary>
    Local,

    /// <summary>One Slurm array job whose task <c>i</c> runs run <c>i</c>.</summary>
    Slurm,

    /// <summary>Each run in a new window of a tmux session (rl_utils).</summary>
    Tmux,

    /// <summary><c>ngc batch run</c> commands from a job template (Sample Factory); printed unless asked to execute.</summary>
    Ngc,
}
