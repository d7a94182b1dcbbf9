using System.Diagnostics;
using System.Globalization;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// Sample Factory's <c>processes</c> backend over a sweep session: <c>--max-parallel</c> workers in this process (one
/// with <c>--run-single</c>), each claiming queued runs in launch order and running them as child processes. With
/// <c>--num-gpus G --experiments-per-gpu E</c> worker <c>i</c> is pinned to GPU <c>i mod G</c> (so every GPU carries at most
/// E runs: the least-busy packing), <c>E = -1</c> leaves <c>CUDA_VISIBLE_DEVICES</c> alone, and <c>--cd</c> pins devices
/// instead. Starts are spaced by <c>--pause-between</c>.
/// </summary>
public sealed class SweepLocalExecutor
{
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    public SweepLocalExecutor(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The workers' GPU slots for <paramref name="options"/>, or null when <c>CUDA_VISIBLE_DEVICES</c> is not assigned per worker; throws for more parallelism than the GPUs allow.</summary>
    public static GpuSlots? Slots(SweepLaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Devices.Count > 0 || options.ExperimentsPerGpu == -1)
        {
            return null;
        }

        if (options.NumGpus < 1)
        {
            throw SessionException.Because($"--num-gpus must be at least 1 when --experiments-per-gpu is {options.ExperimentsPerGpu}, got {options.NumGpus}");
        }

        GpuSlots slots;
        try
        {
            slots = new GpuSlots([.. Enumerable.Range(0, options.NumGpus).Select(i => i.ToString(CultureInfo.InvariantCulture))], options.ExperimentsPerGpu);
        }
        catch (ArgumentException e)
        {
            throw SessionException.Because(e.Message, e);
        }

        var parallel = Parallelism(options);
        if (parallel > slots.Capacity)
        {
            throw SessionException.Because($"--max-parallel {parallel} is more than {options.NumGpus} GPU(s) × {options.ExperimentsPerGpu} per GPU = {slots.Capacity}: lower --max-parallel or raise --experiments-per-gpu");
        }

        return slots;
    }

    /// <summary>How many runs go at once: 1 with <c>--run-single</c>, else <c>--max-parallel</c>.</summary>
    public static int Parallelism(SweepLaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.RunSingle ? 1 : options.MaxParallel;
    }

    /// <summary>Runs every queued run of <paramref name="session"/> to the end; cancellation stops the running ones and queues them again.</summary>
    public async Task<SweepRunnerReport> RunAsync(SweepSession session, SweepRunnerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var plan = session.Plan();
        var parallel = Parallelism(plan.Options);
        if (parallel < 1)
        {
            throw SessionException.Because($"--max-parallel must be at least 1, got {parallel}");
        }

        var slots = Slots(plan.Options);
        var queued = session.Runs().Where(r => r.Status == SweepSessionRunStatus.Pending).Select(r => r.Run.Index).ToList();
        var objective = new SweepRunnerProcess(session, plan, new SweepRunnerProcessOptions
        {
            StartGate = plan.Options.PauseBetween > TimeSpan.Zero ? new SweepExecutorStartGate(plan.Options.PauseBetween, _time, request.PauseDelay) : null,
        });
        var prefix = $"{Environment.MachineName}:sweep{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        var workers = new List<Task<WorkerReport>>();
        for (var i = 0; i < Math.Min(parallel, Math.Max(1, queued.Count)); i++)
        {
            var options = new WorkerOptions
            {
                WorkerId = $"{prefix}:{i.ToString(CultureInfo.InvariantCulture)}",
                Environment = slots?.EnvironmentFor(i) ?? new Dictionary<string, string>(),
                PollInterval = TimeSpan.FromMilliseconds(250),
            };
            var worker = new SessionWorker(session.Session, objective, options, _time, request.Progress);
            workers.Add(Task.Run(() => worker.RunAsync(cancellationToken), CancellationToken.None));
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new SweepRunnerReport(SweepBackend.Local, queued, session.Runs(), null, [], stopwatch.Elapsed);
    }
}
