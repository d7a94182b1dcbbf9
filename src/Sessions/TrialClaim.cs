namespace SlurmSearch.Sessions;

/// <summary>A trial a worker claimed: its id, the sampled values (label → value), the parameter tree to run, and whether it resumes an interrupted run.</summary>
/// <param name="Tid">The trial id.</param>
/// <param name="Worker">The claiming worker.</param>
/// <param name="Values">label → value of the active labels (choices as option indices).</param>
/// <param name="Parameters">The parameter tree (hyperopt's <c>space_eval</c>).</param>
/// <param name="Resumed">True when this trial was started before and handed back.</param>
/// <param name="LeaseUntil">When the claim lapses unless renewed (UTC).</param>
public sealed record TrialClaim(long Tid, string Worker, IReadOnlyDictionary<string, double> Values, object? Parameters, bool Resumed, DateTime LeaseUntil);
