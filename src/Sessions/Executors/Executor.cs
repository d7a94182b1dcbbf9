namespace SlurmSearch.Sessions.Executors;

/// <summary>Runs a session's workers somewhere: in this process, as local processes, or as Slurm array jobs. Extension point.</summary>
public abstract class Executor
{
    /// <summary>The name used on the command line and stored with the session (<c>inline</c>, <c>local</c>, <c>slurm</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Runs the workers until they stop; cancellation hands running trials back.</summary>
    public Task<ExecutionReport> RunAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Workers < 1)
        {
            throw SessionException.Because($"--workers must be at least 1, got {request.Workers}");
        }

        if (request.Gpus is { } gpus && request.Workers > gpus.Capacity)
        {
            throw SessionException.Because($"{request.Workers} workers need more GPU slots than {gpus} allow ({gpus.Capacity}): lower --workers or raise --per-gpu");
        }

        return RunCoreAsync(request, cancellationToken);
    }

    /// <summary>Implements <see cref="RunAsync"/> on a validated request.</summary>
    protected abstract Task<ExecutionReport> RunCoreAsync(ExecutionRequest request, CancellationToken cancellationToken);
}
