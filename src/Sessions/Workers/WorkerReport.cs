namespace SlurmSearch.Sessions.Workers;

/// <summary>What a worker did.</summary>
/// <param name="Trials">Trials recorded.</param>
/// <param name="Failures">Of those, failed ones.</param>
/// <param name="Reason">Why it stopped.</param>
/// <param name="HandedBack">The trial handed back unfinished, if any.</param>
public sealed record WorkerReport(int Trials, int Failures, WorkerStopReason Reason, long? HandedBack = null);
