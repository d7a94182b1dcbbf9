namespace SlurmSearch.Sessions.Config;

/// <summary>Defaults for <c>ssearch sweep</c> from the <c>sweep:</c> section of config.yaml; null means "not set" (the command line wins over every one).</summary>
public sealed record SweepConfigDefaults
{
    /// <summary>Nothing set.</summary>
    public static SweepConfigDefaults None { get; } = new();

    /// <summary>The root of the runs' directories (<c>train_dir</c>).</summary>
    public string? TrainDirectory { get; init; }

    /// <summary>Most runs at once (<c>max_parallel</c>).</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Local GPUs (<c>num_gpus</c>).</summary>
    public int? NumGpus { get; init; }

    /// <summary>Runs per GPU, -1 leaves CUDA_VISIBLE_DEVICES alone (<c>experiments_per_gpu</c>).</summary>
    public int? ExperimentsPerGpu { get; init; }

    /// <summary>Pause between starts (<c>pause_between</c>, seconds).</summary>
    public TimeSpan? PauseBetween { get; init; }

    /// <summary>The executor (<c>executor</c>: local, slurm, tmux or ngc).</summary>
    public string? Executor { get; init; }
}
