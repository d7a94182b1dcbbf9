using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Executors;

/// <summary>How the Slurm executor submits a session's workers: resources, the pre-timeout signal, the generation cap and waiting.</summary>
public sealed record SlurmExecutorOptions
{
    /// <summary>The default warning before the time limit: long enough for a worker to hand its trial back and submit the next generation.</summary>
    public static readonly TimeSpan DefaultSignalMargin = TimeSpan.FromSeconds(60);

    /// <summary>The default cap on generations (one first submission plus resubmissions at time limits).</summary>
    public const int DefaultMaxGenerations = 20;

    /// <summary>Partition, time, GPUs and the rest (a config profile merged with CLI flags).</summary>
    public SlurmResources Resources { get; init; } = SlurmResources.None;

    /// <summary>SIGUSR1 reaches the batch shell this long before the time limit (<c>--signal=B:USR1@margin</c>).</summary>
    public TimeSpan SignalMargin { get; init; } = DefaultSignalMargin;

    /// <summary>At most this many generations are submitted for the session (counting earlier runs); null means <see cref="DefaultMaxGenerations"/>.</summary>
    public int? MaxGenerations { get; init; }

    /// <summary>At most this many array tasks run at once (<c>--array=0-N%throttle</c>), or null.</summary>
    public int? ArrayThrottle { get; init; }

    /// <summary>Variables exported in the batch script (config <c>add_env_vars</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    /// <summary>A conda environment the batch script activates (config <c>conda_env</c>), or null.</summary>
    public string? CondaEnv { get; init; }

    /// <summary>Whether <see cref="Executor.RunAsync"/> waits for the session to finish (true) or returns after submitting.</summary>
    public bool Wait { get; init; } = true;

    /// <summary>Time between two queue polls while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
