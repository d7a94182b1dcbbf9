namespace SlurmSearch.Dsl.Evaluation;

/// <summary>Where an objective call runs: the trial it belongs to (its logs go beside that trial's) or the experiment itself.</summary>
/// <param name="Session">The session key text (or the experiment's key outside any sampling node).</param>
/// <param name="Tid">The trial id (a running count outside sampling nodes).</param>
/// <param name="Worker">The worker id.</param>
/// <param name="LogDirectory">Where the call's stdout, stderr and result file go.</param>
public sealed record CallSite(string Session, long Tid, string Worker, string LogDirectory);
