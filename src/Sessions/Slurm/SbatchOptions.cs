namespace SlurmSearch.Sessions.Slurm;

/// <summary>Everything a worker batch script is made of; <see cref="SbatchScript.Create"/> validates it once and renders the text.</summary>
public sealed record SbatchOptions
{
    /// <summary><c>--job-name</c> (required).</summary>
    public required string JobName { get; init; }

    /// <summary>The command the batch script runs, one argv entry per element (required); each is shell-quoted.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Number of array tasks W: <c>--array=0-(W−1)</c>; null submits a plain job.</summary>
    public int? ArraySize { get; init; }

    /// <summary>At most this many tasks run at once: the <c>%P</c> of <c>--array</c>.</summary>
    public int? ArrayThrottle { get; init; }

    /// <summary><c>--output</c> pattern (<c>%A</c> array id, <c>%a</c> task, <c>%j</c> job id, …); absolute, or relative to <see cref="WorkingDirectory"/>. Its directory must be literal: it is created before submission.</summary>
    public string? Output { get; init; }

    /// <summary><c>--error</c> pattern, with the same rules as <see cref="Output"/>; null sends stderr to the output file.</summary>
    public string? Error { get; init; }

    /// <summary><c>--chdir</c>: the job's working directory (absolute).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Partition, time, GPUs and the rest, typically a profile merged with CLI flags.</summary>
    public SlurmResources Resources { get; init; } = SlurmResources.None;

    /// <summary>Ask Slurm for SIGUSR1 this long before the time limit (<c>--signal=B:USR1@seconds</c>); the script forwards it to the worker, which hands its trial back.</summary>
    public TimeSpan? SignalBeforeTimeLimit { get; init; }

    /// <summary><c>--requeue</c> and <c>--open-mode=append</c>: a requeued task appends to its log instead of truncating it.</summary>
    public bool Requeue { get; init; }

    /// <summary><c>module load</c> lines, in order.</summary>
    public IReadOnlyList<string> ModuleLoads { get; init; } = [];

    /// <summary>A conda environment to activate (name or prefix path).</summary>
    public string? CondaEnv { get; init; }

    /// <summary>A Python virtual environment directory to activate (<c>source DIR/bin/activate</c>).</summary>
    public string? Venv { get; init; }

    /// <summary>Variables exported before the setup lines; values are literal (no <c>$</c> expansion).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    /// <summary>A user template (Sample Factory's <c>--slurm_sbatch_template</c>) with <c>{job_name} {array} {command} {command_line} {setup} {sbatch_directives} {output} {error}</c>; null uses the built-in layout.</summary>
    public string? Template { get; init; }
}
