using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;

namespace SlurmSearch.Cli.Commands;

/// <summary>Executor settings as given on the command line and kept with the session.</summary>
internal sealed record ExecutorSettings
{
    public string Kind { get; init; } = "inline";

    public int Workers { get; init; } = 1;

    public string? GpuList { get; init; }

    public int PerGpu { get; init; } = 1;

    public TimeSpan PauseBetween { get; init; }

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

    public Executor Create() => Kind switch
    {
        "inline" => new InlineExecutor(),
        "local" => new LocalProcessExecutor(),
        _ => throw SessionException.Because($"executor '{Kind}' is not available in this build"),
    };

    public Dictionary<string, object?> ToPlain() => new()
    {
        ["kind"] = Kind,
        ["workers"] = (long)Workers,
        ["gpus"] = GpuList,
        ["per_gpu"] = (long)PerGpu,
        ["pause_between"] = PauseBetween.TotalSeconds,
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
        };
    }
}
