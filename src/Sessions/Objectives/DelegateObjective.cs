namespace SlurmSearch.Sessions.Objectives;

/// <summary>An in-process objective for C# callers: a function of the parameter tree.</summary>
public sealed class DelegateObjective : IObjective
{
    private readonly Func<TrialContext, CancellationToken, Task<TrialResult>> _run;

    /// <summary>Wraps an asynchronous function.</summary>
    public DelegateObjective(Func<TrialContext, CancellationToken, Task<TrialResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = run;
    }

    /// <summary>Wraps a synchronous loss function of the parameter tree; an exception becomes a failed trial.</summary>
    public static DelegateObjective FromLoss(Func<object?, double> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return new DelegateObjective((context, _) => Task.FromResult(TrialResult.Ok(loss(context.Parameters))));
    }

    /// <inheritdoc />
    public async Task<TrialResult> RunAsync(TrialContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await _run(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return TrialResult.Fail($"{e.GetType().Name}: {e.Message}");
        }
    }
}
