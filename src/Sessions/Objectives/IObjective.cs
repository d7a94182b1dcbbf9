namespace SlurmSearch.Sessions.Objectives;

/// <summary>Runs one trial and reports its result. Extension point (one method; a command and a C# delegate are the two kinds).</summary>
public interface IObjective
{
    /// <summary>Runs the trial; cancellation means "stop now" (the worker hands the trial back).</summary>
    public Task<TrialResult> RunAsync(TrialContext context, CancellationToken cancellationToken);
}
