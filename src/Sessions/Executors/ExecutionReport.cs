using SlurmSearch.Sessions.Workers;

namespace SlurmSearch.Sessions.Executors;

/// <summary>What a run of an executor did.</summary>
/// <param name="Workers">Workers started.</param>
/// <param name="Trials">Trials recorded by them.</param>
/// <param name="Failures">Of those, failed.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Reasons">Why each worker stopped.</param>
public sealed record ExecutionReport(int Workers, int Trials, int Failures, TimeSpan Elapsed, IReadOnlyList<WorkerStopReason> Reasons);
