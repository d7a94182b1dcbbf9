using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>How a sweep's runs are launched: backend, GPU packing, Slurm resources, container, tmux and NGC settings. Plain immutable data; the planner validates it.</summary>
/// <remarks>Defaults follow Sample Factory's launcher (<c>--max_parallel 4 --num_gpus 1 --experiments_per_gpu -1</c>) except the pause between starts, which is zero.</remarks>
public sealed record SweepLaunchOptions
{
    /// <summary>Where the runs execute.</summary>
    public SweepBackend Backend { get; init; } = SweepBackend.Local;

    /// <summary>Most runs at once (local backend).</summary>
    public int MaxParallel { get; init; } = 4;

    /// <summary>Local GPUs to pack runs onto (ids 0 … NumGpus-1).</summary>
    public int NumGpus { get; init; } = 1;

    /// <summary>Runs sharing one GPU; -1 leaves <c>CUDA_VISIBLE_DEVICES</c> alone.</summary>
    public int ExperimentsPerGpu { get; init; } = -1;

    /// <summary>Pause between two starts.</summary>
    public TimeSpan PauseBetween { get; init; } = TimeSpan.Zero;

    /// <summary>Run one at a time, in order (rl_utils <c>--run-single</c>).</summary>
    public bool RunSingle { get; init; }

    /// <summary>Pinned devices (<c>--cd</c>): empty = not pinned; one entry = every run; otherwise one entry per run (rl_utils' <c>0|1|2</c>).</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Nodes per run (<c>--nodes</c>, default the base config's <c>cluster.num_nodes</c>), when given.</summary>
    public int? Nodes { get; init; }

    /// <summary>Processes per node when commands are wrapped in <c>torchrun</c> (<c>--torchrun N</c>), when given; the commands are already wrapped.</summary>
    public int? TorchrunProcesses { get; init; }

    /// <summary>A container image for Slurm runs (pyxis <c>--container-image</c>), when given.</summary>
    public string? ContainerImage { get; init; }

    /// <summary>Container mounts <c>SRC:DST</c> (pyxis <c>--container-mounts</c>).</summary>
    public IReadOnlyList<string> ContainerMounts { get; init; } = [];

    /// <summary>The Slurm profile named on the command line (already merged into <see cref="Slurm"/>), when given.</summary>
    public string? SlurmProfile { get; init; }

    /// <summary>The Slurm resources of every array task: config ignore-nodes, the profile, then the flags.</summary>
    public SlurmResources Slurm { get; init; } = SlurmResources.None;

    /// <summary>Sample Factory's <c>--slurm_timeout</c>: a task running longer is stopped and requeued; null = no timeout.</summary>
    public TimeSpan? SlurmTimeout { get; init; }

    /// <summary>An sbatch template file (<c>--sbatch-template</c>), when given.</summary>
    public string? SbatchTemplate { get; init; }

    /// <summary>The tmux session to open windows in, by name (<c>--sess-name</c>).</summary>
    public string? TmuxSessionName { get; init; }

    /// <summary>The tmux session to open windows in, by numeric id (<c>--sess-id</c>, tmux's <c>$N</c>).</summary>
    public int? TmuxSessionId { get; init; }

    /// <summary>The NGC job template file (<c>--ngc-job-template</c>), for the NGC backend.</summary>
    public string? NgcJobTemplate { get; init; }

    /// <summary>Only print the NGC commands (the default); false runs them with the <c>ngc</c> on PATH.</summary>
    public bool NgcPrintOnly { get; init; } = true;

    /// <summary>Print what would run instead of running it.</summary>
    public bool DryRun { get; init; }

    /// <summary>The directory commands run in (the invocation's current directory).</summary>
    public string WorkingDirectory { get; init; } = ".";

    /// <summary>The root of the runs' directories (Sample Factory's <c>--train_dir</c>, NeMo-RL's <c>$LOG/nemo-rl</c>).</summary>
    public string TrainDirectory { get; init; } = "train_dir";

    /// <summary>The pinned devices of run <paramref name="index"/>, or null when runs are not pinned.</summary>
    public string? DevicesFor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Devices.Count switch
        {
            0 => null,
            1 => Devices[0],
            _ => index < Devices.Count ? Devices[index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"--cd pins {Devices.Count} runs"),
        };
    }
}
