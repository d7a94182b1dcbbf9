namespace SlurmSearch.Sessions.Sweeps;

/// <summary>What a <see cref="SweepRunnerTask"/> did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Result">The recorded result when the run finished.</param>
/// <param name="Message">Why it did not finish, in one line.</param>
public sealed record SweepRunnerTaskOutcome(SweepRunnerTaskStatus Status, TrialResult? Result, string? Message);
