using System.CommandLine;

namespace SlurmSearch.Cli.Commands;

/// <summary>The executor flags shared by <c>start</c> and <c>restart</c>.</summary>
internal sealed class ExecutorOptions
{
    private readonly Option<string?> _executor = new("--executor") { Description = "inline (this process), local (worker processes) or slurm" };
    private readonly Option<int?> _workers = new("--workers") { Description = "Number of workers" };
    private readonly Option<string?> _gpus = new("--gpus") { Description = "GPU ids (0,1) or a count; each worker gets one via CUDA_VISIBLE_DEVICES" };
    private readonly Option<int?> _perGpu = new("--per-gpu") { Description = "Workers per GPU (-1: leave CUDA_VISIBLE_DEVICES alone)" };
    private readonly Option<double?> _pause = new("--pause-between") { Description = "Seconds between starting two workers" };

    public ExecutorOptions()
    {
        _executor.AcceptOnlyFromAmong("inline", "local", "slurm");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_executor);
        command.Options.Add(_workers);
        command.Options.Add(_gpus);
        command.Options.Add(_perGpu);
        command.Options.Add(_pause);
    }

    /// <summary>The flags given, over <paramref name="stored"/> settings (a restart keeps what start chose).</summary>
    public ExecutorSettings Read(ParseResult parse, ExecutorSettings? stored = null)
    {
        var basis = stored ?? new ExecutorSettings();
        var settings = basis with
        {
            Kind = parse.GetValue(_executor) ?? basis.Kind,
            Workers = parse.GetValue(_workers) ?? basis.Workers,
            GpuList = parse.GetValue(_gpus) ?? basis.GpuList,
            PerGpu = parse.GetValue(_perGpu) ?? basis.PerGpu,
            PauseBetween = parse.GetValue(_pause) is { } p ? TimeSpan.FromSeconds(p) : basis.PauseBetween,
        };
        if (settings.Workers < 1)
        {
            throw new UsageException($"--workers must be at least 1, got {settings.Workers}");
        }

        _ = settings.Gpus; // validates --gpus/--per-gpu now
        return settings;
    }
}
