namespace SlurmSearch.Sessions.Sweeps;

/// <summary>What <c>ssearch sweep FILE [key=value …] [options]</c> asks for, before planning: the file, the overrides and the naming and launch options.</summary>
public sealed record SweepRequest
{
    /// <summary>The sweep file: <c>.sweep</c> (run description), <c>.yaml</c>/<c>.yml</c> (NeMo-RL sweep) or <c>.cmd</c> (rl_utils: one command per line); empty with <see cref="Commands"/>.</summary>
    public string File { get; init; } = "";

    /// <summary>rl_utils-style commands given inline (<c>--cmd</c>) instead of a file; a word <c>key=a,b</c> runs once per value.</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary><c>key=value</c> extras: they replace the values of a swept parameter of that name, or are appended to every command.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>NeMo-RL <c>--script</c>: the script when the file names none (it must agree with the file's <c>script_path</c> when both are given).</summary>
    public string? ScriptPath { get; init; }

    /// <summary>NeMo-RL <c>--config</c>: must agree with the file's <c>config_path</c> when both are given.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>NeMo-RL <c>--jobname</c>: the base of run names (default: the script's name without extension).</summary>
    public string? JobName { get; init; }

    /// <summary>Appended (after <c>_</c>) to the experiment directories (run descriptions) or to the job name (NeMo-RL).</summary>
    public string? ExperimentSuffix { get; init; }

    /// <summary>The root of the runs' directories; default: config <c>sweep.train_dir</c>, else <c>$LOG/nemo-rl</c> for NeMo-RL when LOG is set, else <c>train_dir</c>.</summary>
    public string? TrainDirectory { get; init; }

    /// <summary>The group id (<c>--group-id</c>); default: a fresh random id.</summary>
    public string? GroupId { get; init; }

    /// <summary><c>--proj-dat</c> names of argument sets from config.yaml, applied in order.</summary>
    public IReadOnlyList<string> ProjectData { get; init; } = [];

    /// <summary><c>--torchrun N</c>: wrap each command in <c>torchrun --nproc_per_node N</c>.</summary>
    public int? TorchrunProcesses { get; init; }

    /// <summary>How to launch; <see cref="SweepLaunchOptions.Nodes"/> null means "from the base config's cluster.num_nodes".</summary>
    public SweepLaunchOptions Launch { get; init; } = new();

    /// <summary>Reads the invoking process's environment (for <c>$LOG</c>); default: none.</summary>
    public Func<string, string?> Environment { get; init; } = _ => null;
}
