using System.CommandLine;
using System.Globalization;
using SlurmSearch.Sessions.Config;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Cli.Commands;

/// <summary>The flags of <c>ssearch sweep</c>, read into a <see cref="SweepRequest"/> (config.yaml's <c>sweep:</c> defaults under the flags).</summary>
internal sealed class SweepCommandOptions
{
    public Argument<string?> File { get; } = new("FILE") { Description = "Sweep file: NAME.sweep (run description), NAME.yaml/.yml (NeMo-RL sweep) or NAME.cmd (rl_utils: one command per line)", Arity = ArgumentArity.ZeroOrOne };

    public Argument<string[]> Overrides { get; } = new("KEY=VALUE") { Description = "Parameters for every run; a swept parameter of that name keeps only this value", Arity = ArgumentArity.ZeroOrMore };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print every command (and the Slurm script) in launch order; launch nothing" };

    public Option<bool> Json { get; } = new("--json") { Description = "With --dry-run: print the plan as JSON" };

    private readonly Option<string[]> _commands = new("--cmd") { Description = "rl_utils: a command to run instead of FILE (repeatable); a word key=a,b runs once per value", HelpName = "COMMAND" };
    private readonly Option<string?> _executor = new("--executor") { Description = "Where runs execute: local (default), slurm (one array job), tmux or ngc", HelpName = "local|slurm|tmux|ngc" };
    private readonly Option<string?> _script = new("--script") { Description = "NeMo-RL: the script, when the file has no script_path", HelpName = "PATH" };
    private readonly Option<string?> _config = new("--config") { Description = "NeMo-RL: base config (must match the file's config_path if both are given)", HelpName = "PATH" };
    private readonly Option<string?> _jobName = new("--jobname") { Description = "NeMo-RL: base of run names (default: the script's name)", HelpName = "NAME" };
    private readonly Option<string?> _suffix = new("--experiment-suffix") { Description = "Appended to experiment directories (.sweep) or to the job name (NeMo-RL)", HelpName = "SUFFIX" };
    private readonly Option<string?> _trainDir = new("--train-dir") { Description = "Root of the runs' directories (default: config sweep.train_dir, $LOG/nemo-rl for NeMo-RL, else ./train_dir)", HelpName = "DIR" };
    private readonly Option<string?> _workDir = new("--workdir") { Description = "Directory the commands run in and relative paths start from (default: the current one)", HelpName = "DIR" };
    private readonly Option<string?> _groupId = new("--group-id") { Description = "The sweep's group id ($GROUP_ID, WANDB_RUN_GROUP); default: a random one", HelpName = "ID" };
    private readonly Option<string[]> _projDat = new("--proj-dat") { Description = "Named argument set(s) from config.yaml proj_dat (comma-separated or repeated)", HelpName = "NAME", AllowMultipleArgumentsPerToken = false };
    private readonly Option<int?> _torchrun = new("--torchrun", "--pt-proc") { Description = "Wrap each command in torchrun with N processes per node", HelpName = "N" };
    private readonly Option<int?> _nodes = new("--nodes") { Description = "Nodes per run (default: the base config's cluster.num_nodes)", HelpName = "N" };
    private readonly Option<int?> _maxParallel = new("--max-parallel") { Description = "local: most runs at once (default: num-gpus × experiments-per-gpu, else 4)", HelpName = "N" };
    private readonly Option<int?> _numGpus = new("--num-gpus") { Description = "local: GPUs to pack runs onto (default 1)", HelpName = "N" };
    private readonly Option<int?> _perGpu = new("--experiments-per-gpu") { Description = "local: runs per GPU; -1 (default) leaves CUDA_VISIBLE_DEVICES alone", HelpName = "N" };
    private readonly Option<double?> _pause = new("--pause-between") { Description = "Seconds between two starts", HelpName = "S" };
    private readonly Option<bool> _runSingle = new("--run-single") { Description = "Run one command at a time, in order" };
    private readonly Option<string?> _devices = new("--cd") { Description = "Pin CUDA_VISIBLE_DEVICES: one value for all runs, or one per run separated by '|' (0|1|2,3)", HelpName = "DEVICES" };
    private readonly Option<string?> _profile = new("--profile") { Description = "slurm: resource profile from config.yaml (flags win)", HelpName = "NAME" };
    private readonly Option<string?> _partition = new("--partition") { Description = "slurm: partition" };
    private readonly Option<string?> _account = new("--account") { Description = "slurm: account" };
    private readonly Option<string?> _time = new("--time") { Description = "slurm: time limit per run (minutes, HH:MM:SS, D-HH:MM, …)" };
    private readonly Option<string?> _gres = new("--gres") { Description = "slurm: generic resources per run, e.g. gpu:1" };
    private readonly Option<int?> _cpus = new("--cpus-per-task") { Description = "slurm: CPUs per run" };
    private readonly Option<string?> _mem = new("--mem") { Description = "slurm: memory per node, e.g. 16G" };
    private readonly Option<string?> _constraint = new("--constraint") { Description = "slurm: node features" };
    private readonly Option<string?> _exclude = new("--exclude") { Description = "slurm: nodes never to use (comma-separated)" };
    private readonly Option<string?> _qos = new("--qos") { Description = "slurm: quality of service" };
    private readonly Option<string?> _comment = new("--comment") { Description = "slurm: job comment" };
    private readonly Option<string?> _slurmTimeout = new("--slurm-timeout") { Description = "slurm: stop a run after this long and requeue it (Slurm time format)", HelpName = "TIME" };
    private readonly Option<string?> _template = new("--sbatch-template") { Description = "slurm: batch script template", HelpName = "FILE" };
    private readonly Option<string?> _container = new("--container") { Description = "slurm: container image (pyxis --container-image)", HelpName = "IMAGE" };
    private readonly Option<string?> _mounts = new("--mounts") { Description = "slurm: container mounts SRC:DST, comma-separated (pyxis --container-mounts)", HelpName = "SRC:DST" };
    private readonly Option<string?> _sessName = new("--sess-name") { Description = "tmux: session name to open windows in" };
    private readonly Option<int?> _sessId = new("--sess-id") { Description = "tmux: session id ($N) to open windows in" };
    private readonly Option<string?> _ngcTemplate = new("--ngc-job-template") { Description = "ngc: job template with {{ name }} and {{ experiment_cmd }}", HelpName = "FILE" };
    private readonly Option<bool?> _ngcPrintOnly = new("--ngc-print-only") { Description = "ngc: only print the ngc commands (default true)" };

    public SweepCommandOptions()
    {
        _executor.AcceptOnlyFromAmong("local", "slurm", "tmux", "ngc");
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Arguments.Add(Overrides);
        foreach (var option in new Option[]
        {
            DryRun, Json, _commands, _executor, _script, _config, _jobName, _suffix, _trainDir, _workDir, _groupId, _projDat, _torchrun, _nodes,
            _maxParallel, _numGpus, _perGpu, _pause, _runSingle, _devices,
            _profile, _partition, _account, _time, _gres, _cpus, _mem, _constraint, _exclude, _qos, _comment, _slurmTimeout, _template, _container, _mounts,
            _sessName, _sessId, _ngcTemplate, _ngcPrintOnly,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The request the flags describe.</summary>
    /// <exception cref="UsageException">A flag value that cannot be used.</exception>
    public SweepRequest Read(ParseResult parse, SsearchConfig config, CliEnvironment environment)
    {
        var defaults = config.Sweep;
        var backend = (parse.GetValue(_executor) ?? defaults.Executor ?? "local") switch
        {
            "slurm" => SweepBackend.Slurm,
            "tmux" => SweepBackend.Tmux,
            "ngc" => SweepBackend.Ngc,
            _ => SweepBackend.Local,
        };
        var numGpus = parse.GetValue(_numGpus) ?? defaults.NumGpus ?? 1;
        var perGpu = parse.GetValue(_perGpu) ?? defaults.ExperimentsPerGpu ?? -1;
        var flags = new SlurmResources
        {
            Partition = parse.GetValue(_partition),
            Account = parse.GetValue(_account),
            Qos = parse.GetValue(_qos),
            Time = parse.GetValue(_time),
            Nodes = parse.GetValue(_nodes),
            CpusPerTask = parse.GetValue(_cpus),
            Mem = parse.GetValue(_mem),
            Gres = parse.GetValue(_gres),
            Constraint = parse.GetValue(_constraint),
            Comment = parse.GetValue(_comment),
            Exclude = Split(parse.GetValue(_exclude), ','),
        };
        if (flags.Time is { } limit && !SlurmTimeLimit.TryParse(limit, out _))
        {
            throw new UsageException($"--time '{limit}' is not a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED)");
        }

        var timeout = parse.GetValue(_slurmTimeout) is { } t
            ? SlurmTimeLimit.TryParse(t, out var span) && span is { } s ? s : throw new UsageException($"--slurm-timeout '{t}' is not a Slurm time (minutes, HH:MM:SS, D-HH:MM, …)")
            : (TimeSpan?)null;
        var pause = parse.GetValue(_pause) is { } p
            ? double.IsFinite(p) && p >= 0 && p < 86400 ? TimeSpan.FromSeconds(p) : throw new UsageException($"--pause-between must be 0 to 86400 seconds, got {p.ToString(CultureInfo.InvariantCulture)}")
            : defaults.PauseBetween ?? TimeSpan.Zero;
        var launch = new SweepLaunchOptions
        {
            Backend = backend,
            NumGpus = numGpus,
            ExperimentsPerGpu = perGpu,
            MaxParallel = parse.GetValue(_maxParallel) ?? defaults.MaxParallel ?? (perGpu > 0 ? Math.Max(1, numGpus * perGpu) : 4),
            PauseBetween = pause,
            RunSingle = parse.GetValue(_runSingle),
            Devices = parse.GetValue(_devices) is { } cd && cd != "-1" ? Split(cd, '|') : [],
            Nodes = parse.GetValue(_nodes),
            ContainerImage = parse.GetValue(_container),
            ContainerMounts = Split(parse.GetValue(_mounts), ','),
            SlurmProfile = parse.GetValue(_profile),
            Slurm = config.ResolveResources(parse.GetValue(_profile), flags),
            SlurmTimeout = timeout,
            SbatchTemplate = parse.GetValue(_template),
            TmuxSessionName = parse.GetValue(_sessName),
            TmuxSessionId = parse.GetValue(_sessId),
            NgcJobTemplate = parse.GetValue(_ngcTemplate),
            NgcPrintOnly = parse.GetValue(_ngcPrintOnly) ?? true,
            DryRun = parse.GetValue(DryRun),
            WorkingDirectory = Path.GetFullPath(parse.GetValue(_workDir) ?? Directory.GetCurrentDirectory()),
        };
        var commands = parse.GetValue(_commands) ?? [];
        var file = parse.GetValue(File);
        if ((file is null) == (commands.Length == 0))
        {
            throw new UsageException(file is null ? "give a sweep FILE or --cmd COMMAND" : "give a sweep FILE or --cmd COMMAND, not both");
        }

        return new SweepRequest
        {
            File = file is null ? "" : Path.GetFullPath(file, launch.WorkingDirectory),
            Commands = commands,
            Overrides = parse.GetValue(Overrides) ?? [],
            ScriptPath = parse.GetValue(_script),
            ConfigPath = parse.GetValue(_config),
            JobName = parse.GetValue(_jobName),
            ExperimentSuffix = parse.GetValue(_suffix),
            TrainDirectory = parse.GetValue(_trainDir),
            GroupId = parse.GetValue(_groupId),
            ProjectData = parse.GetValue(_projDat) ?? [],
            TorchrunProcesses = parse.GetValue(_torchrun),
            Launch = launch,
            Environment = environment.GetVariable,
        };
    }

    private static string[] Split(string? text, char separator) =>
        text is null ? [] : text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
