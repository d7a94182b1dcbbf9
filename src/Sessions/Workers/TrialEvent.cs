namespace SlurmSearch.Sessions.Workers;

/// <summary>Progress of a worker, for a caller's log or progress bar.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="Tid">The trial.</param>
/// <param name="Started">True when the trial starts, false when it was recorded.</param>
/// <param name="Result">The result when recorded.</param>
public sealed record TrialEvent(string Worker, long Tid, bool Started, TrialResult? Result);
