namespace SlurmSearch.Sessions.Objectives;

/// <summary>Everything an objective needs to run one trial.</summary>
/// <param name="Session">The session key text (<c>slurm:name</c>).</param>
/// <param name="Tid">The trial id.</param>
/// <param name="Worker">The worker id.</param>
/// <param name="Parameters">The parameter tree.</param>
/// <param name="LogDirectory">Where per-trial stdout/stderr and the result file go.</param>
/// <param name="Environment">Extra environment variables for the trial (e.g. <c>CUDA_VISIBLE_DEVICES</c> of a GPU slot).</param>
public sealed record TrialContext(
    string Session,
    long Tid,
    string Worker,
    object? Parameters,
    string LogDirectory,
    IReadOnlyDictionary<string, string> Environment);
