namespace SlurmSearch.Sessions;

/// <summary>One trial as <c>show</c>, <c>export</c> and the DSL see it.</summary>
/// <param name="Index">Position in the trial list (what <c>del_trial</c> takes).</param>
/// <param name="Tid">Trial id.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Loss">The loss when ok.</param>
/// <param name="Values">label → value of the active labels.</param>
/// <param name="Parameters">The parameter tree, or null when the values do not fit the space.</param>
/// <param name="Worker">The worker that ran (or runs) it.</param>
/// <param name="BookTime">When it was created (UTC).</param>
/// <param name="RefreshTime">Last change (UTC).</param>
/// <param name="Duration">Run time in seconds when recorded.</param>
/// <param name="Result">The whole result dict (loss, status, extra fields; error and exit code for failures).</param>
public sealed record TrialView(
    int Index,
    long Tid,
    TrialStatus Status,
    double? Loss,
    IReadOnlyDictionary<string, double> Values,
    object? Parameters,
    string? Worker,
    DateTime? BookTime,
    DateTime? RefreshTime,
    double? Duration,
    IReadOnlyDictionary<string, object?> Result);
