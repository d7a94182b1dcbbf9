using System.CommandLine;
using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Cli.Commands;

/// <summary>The executor flags shared by <c>start</c> and <c>restart</c>, including the Slurm resources and generation settings.</summary>
internal sealed class ExecutorOptions
{
    private readonly Option<string?> _executor = new("--executor") { Description = "inline (this process), local (worker processes) or slurm" };
    private readonly Option<int?> _workers = new("--workers") { Description = "Number of workers (slurm: array tasks per generation)" };
    private readonly Option<string?> _gpus = new("--gpus") { Description = "GPU ids (0,1) or a count; each worker gets one via CUDA_VISIBLE_DEVICES" };
    private readonly Option<int?> _perGpu = new("--per-gpu") { Description = "Workers per GPU (-1: leave CUDA_VISIBLE_DEVICES alone)" };
    private readonly Option<double?> _pause = new("--pause-between") { Description = "Seconds between starting two workers" };
    private readonly Option<string?> _partition = new("--partition") { Description = "slurm: partition" };
    private readonly Option<string?> _account = new("--account") { Description = "slurm: account" };
    private readonly Option<string?> _time = new("--time") { Description = "slurm: time limit per task (minutes, HH:MM:SS, D-HH:MM, …)" };
    private readonly Option<string?> _gres = new("--gres") { Description = "slurm: generic resources, e.g. gpu:1" };
    private readonly Option<int?> _cpus = new("--cpus-per-task") { Description = "slurm: CPUs per task" };
    private readonly Option<string?> _mem = new("--mem") { Description = "slurm: memory per node, e.g. 16G" };
    private readonly Option<string?> _constraint = new("--constraint") { Description = "slurm: node features, e.g. a100" };
    private readonly Option<string?> _exclude = new("--exclude") { Description = "slurm: nodes never to use (comma-separated)" };
    private readonly Option<string?> _qos = new("--qos") { Description = "slurm: quality of service" };
    private readonly Option<string?> _comment = new("--comment") { Description = "slurm: job comment" };
    private readonly Option<string?> _profile = new("--profile") { Description = "slurm: resource profile from $SSEARCH_HOME/config.yaml (flags win over it)", HelpName = "NAME" };
    private readonly Option<double?> _signalMargin = new("--signal-margin") { Description = "slurm: seconds before the time limit when workers hand back their trial and resubmit (default 60)", HelpName = "S" };
    private readonly Option<int?> _maxGenerations = new("--max-generations") { Description = "slurm: at most this many generations (submissions) for the session (default 20)", HelpName = "N" };
    private readonly Option<int?> _throttle = new("--throttle") { Description = "slurm: at most this many array tasks at once" };
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "slurm: submit the array job and exit; the tasks carry on (follow with watch, list or show)" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "slurm: print the batch script and the sbatch command instead of submitting (the session is not changed)" };

    public ExecutorOptions()
    {
        _executor.AcceptOnlyFromAmong("inline", "local", "slurm");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _executor, _workers, _gpus, _perGpu, _pause, _partition, _account, _time, _gres, _cpus, _mem, _constraint, _exclude, _qos, _comment, _profile, _signalMargin, _maxGenerations, _throttle, _noWait, _dryRun })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether <c>--dry-run</c> was given.</summary>
    public bool IsDryRun(ParseResult parse) => parse.GetValue(_dryRun);

    /// <summary>The flags given, over <paramref name="stored"/> settings (a restart keeps what start chose).</summary>
    public ExecutorSettings Read(ParseResult parse, ExecutorSettings? stored = null)
    {
        var basis = stored ?? new ExecutorSettings();
        var flags = new SlurmResources
        {
            Partition = parse.GetValue(_partition),
            Account = parse.GetValue(_account),
            Qos = parse.GetValue(_qos),
            Time = parse.GetValue(_time),
            CpusPerTask = parse.GetValue(_cpus),
            Mem = parse.GetValue(_mem),
            Gres = parse.GetValue(_gres),
            Constraint = parse.GetValue(_constraint),
            Comment = parse.GetValue(_comment),
            Exclude = parse.GetValue(_exclude) is { } nodes ? nodes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [],
        };
        var settings = basis with
        {
            Kind = parse.GetValue(_executor) ?? basis.Kind,
            Workers = parse.GetValue(_workers) ?? basis.Workers,
            GpuList = parse.GetValue(_gpus) ?? basis.GpuList,
            PerGpu = parse.GetValue(_perGpu) ?? basis.PerGpu,
            PauseBetween = parse.GetValue(_pause) is { } p ? TimeSpan.FromSeconds(p) : basis.PauseBetween,
            SlurmFlags = basis.SlurmFlags.Merge(flags),
            Profile = parse.GetValue(_profile) ?? basis.Profile,
            SignalMargin = parse.GetValue(_signalMargin) is { } s ? Seconds(s) : basis.SignalMargin,
            MaxGenerations = parse.GetValue(_maxGenerations) ?? basis.MaxGenerations,
            Throttle = parse.GetValue(_throttle) ?? basis.Throttle,
            NoWait = parse.GetValue(_noWait),
        };
        if (settings.NoWait && settings.Kind != "slurm")
        {
            throw new UsageException($"--no-wait needs --executor slurm (the {settings.Kind} executor's workers end with this process)");
        }

        if (settings.Workers < 1)
        {
            throw new UsageException($"--workers must be at least 1, got {settings.Workers}");
        }

        if (settings.MaxGenerations is < 1)
        {
            throw new UsageException($"--max-generations must be at least 1, got {settings.MaxGenerations}");
        }

        if (settings.Throttle is < 1)
        {
            throw new UsageException($"--throttle must be at least 1, got {settings.Throttle}");
        }

        if (settings.SlurmFlags.Time is { } limit && !SlurmTimeLimit.TryParse(limit, out _))
        {
            throw new UsageException($"--time '{limit}' is not a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED)");
        }

        if (settings.Kind == "slurm" && settings.SlurmFlags.Time is { } t && SlurmTimeLimit.Parse(t) is { } span && settings.SignalMargin >= span)
        {
            throw new UsageException($"--signal-margin {settings.SignalMargin.TotalSeconds} s is not shorter than --time {t}: every worker would hand back at once and resubmit");
        }

        if (IsDryRun(parse) && settings.Kind != "slurm")
        {
            throw new UsageException("--dry-run applies to --executor slurm");
        }

        _ = settings.Gpus; // validates --gpus/--per-gpu now
        return settings;
    }

    private static TimeSpan Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < 86400 * 365
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--signal-margin must be a number of seconds ≥ 0, got {seconds}");
}
