namespace SlurmSearch.Sessions;

/// <summary>What <see cref="SearchSession.NextTrial"/> answered: a claim, or why there is none.</summary>
/// <param name="Status">The answer.</param>
/// <param name="Claim">The claim when <see cref="ClaimStatus.Claimed"/>.</param>
/// <param name="RetryAfter">With <see cref="ClaimStatus.Wait"/>: when asking again could give a trial (the earliest lease end).</param>
public sealed record ClaimOutcome(ClaimStatus Status, TrialClaim? Claim = null, TimeSpan? RetryAfter = null);
