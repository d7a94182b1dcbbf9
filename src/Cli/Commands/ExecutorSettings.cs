using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Config;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Cli.Commands;

/// <summary>Executor settings as given on the command line and kept with the session.</summary>
internal sealed record ExecutorSettings
{
    public string Kind { get; init; } = "inline";

    public int Workers { get; init; } = 1;

    public string? GpuList { get; init; }

    public int PerGpu { get; init; } = 1;

    public TimeSpan PauseBetween { get; init; }

    /// <summary>Slurm resources given as flags (a profile, if named, lies under them).</summary>
    public SlurmResources SlurmFlags { get; init; } = SlurmResources.None;

    /// <summary>The config.yaml profile named with <c>--profile</c>.</summary>
    public string? Profile { get; init; }

    public TimeSpan SignalMargin { get; init; } = SlurmExecutorOptions.DefaultSignalMargin;

    public int? MaxGenerations { get; init; }

    public int? Throttle { get; init; }

    /// <summary><c>--no-wait</c>: submit and return (this invocation only; not kept with the session).</summary>
    public bool NoWait { get; init; }

    public GpuSlots? Gpus
    {
        get
        {
            try
            {
                return GpuList is null ? null : GpuSlots.Parse(GpuList, PerGpu);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message, e);
            }
        }
    }

    public Executor Create(CliContext context) => Kind switch
    {
        "inline" => new InlineExecutor(),
        "local" => new LocalProcessExecutor(),
        "slurm" => CreateSlurm(context, new ProcessSlurmCommandRunner()),
        _ => throw SessionException.Because($"executor '{Kind}' is not available in this build"),
    };

    /// <summary>The Slurm executor over <paramref name="runner"/>: the profile from <c>$SSEARCH_HOME/config.yaml</c> with the flags on top.</summary>
    public SlurmExecutor CreateSlurm(CliContext context, ISlurmCommandRunner runner)
    {
        var config = SsearchConfig.LoadFromHome(context.Home);
        return new SlurmExecutor(new SlurmClient(runner), new SlurmExecutorOptions
        {
            Resources = config.ResolveResources(Profile, SlurmFlags),
            SignalMargin = SignalMargin,
            MaxGenerations = MaxGenerations,
            ArrayThrottle = Throttle,
            EnvironmentVariables = config.AddEnvVars,
            CondaEnv = config.CondaEnv,
            Wait = !NoWait,
        });
    }

    public Dictionary<string, object?> ToPlain() => new()
    {
        ["kind"] = Kind,
        ["workers"] = (long)Workers,
        ["gpus"] = GpuList,
        ["per_gpu"] = (long)PerGpu,
        ["pause_between"] = PauseBetween.TotalSeconds,
        ["slurm_flags"] = SlurmGenerations.ResourcesToPlain(SlurmFlags),
        ["profile"] = Profile,
        ["signal_margin"] = SignalMargin.TotalSeconds,
        ["max_generations"] = MaxGenerations is { } m ? (long)m : null,
        ["throttle"] = Throttle is { } t ? (long)t : null,
    };

    public static ExecutorSettings FromPlain(object? stored)
    {
        if (stored is not IDictionary<string, object?> d)
        {
            return new ExecutorSettings();
        }

        return new ExecutorSettings
        {
            Kind = d.TryGetValue("kind", out var k) && k is string kind ? kind : "inline",
            Workers = d.TryGetValue("workers", out var w) && w is long workers ? (int)workers : 1,
            GpuList = d.TryGetValue("gpus", out var g) ? g as string : null,
            PerGpu = d.TryGetValue("per_gpu", out var p) && p is long per ? (int)per : 1,
            PauseBetween = d.TryGetValue("pause_between", out var s) && s is double seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero,
            SlurmFlags = d.TryGetValue("slurm_flags", out var f) && f is IReadOnlyDictionary<string, object?> flags ? SlurmGenerations.ResourcesFromPlain(flags) : SlurmResources.None,
            Profile = d.TryGetValue("profile", out var pr) ? pr as string : null,
            SignalMargin = d.TryGetValue("signal_margin", out var sm) && sm is double margin ? TimeSpan.FromSeconds(margin) : SlurmExecutorOptions.DefaultSignalMargin,
            MaxGenerations = d.TryGetValue("max_generations", out var mg) && mg is long max ? (int)max : null,
            Throttle = d.TryGetValue("throttle", out var th) && th is long throttle ? (int)throttle : null,
        };
    }
}
