using System.Diagnostics;
using System.Globalization;
using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Executors;

/// <summary>Runs the workers in this process (concurrent tasks), calling the objective directly.</summary>
public sealed class InlineExecutor : Executor
{
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    public InlineExecutor(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public override string Name => "inline";

    /// <inheritdoc />
    protected override async Task<ExecutionReport> RunCoreAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var workers = new List<Task<WorkerReport>>();
        var prefix = $"{Environment.MachineName}:{Environment.ProcessId}";
        for (var i = 0; i < request.Workers; i++)
        {
            if (i > 0 && request.PauseBetween > TimeSpan.Zero)
            {
                await Task.Delay(request.PauseBetween, _time, cancellationToken).ConfigureAwait(false);
            }

            var options = new WorkerOptions
            {
                WorkerId = request.Workers == 1 ? prefix : $"{prefix}:{i.ToString(CultureInfo.InvariantCulture)}",
                Environment = request.Gpus?.EnvironmentFor(i) ?? new Dictionary<string, string>(),
            };
            var worker = new SessionWorker(request.Session, request.Objective, options, _time, request.Progress);
            workers.Add(Task.Run(() => worker.RunAsync(cancellationToken), CancellationToken.None));
        }

        var reports = await Task.WhenAll(workers).ConfigureAwait(false);
        return new ExecutionReport(reports.Length, reports.Sum(r => r.Trials), reports.Sum(r => r.Failures), stopwatch.Elapsed, [.. reports.Select(r => r.Reason)]);
    }
}
