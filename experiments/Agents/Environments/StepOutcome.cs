namespace SlurmSearch.Agents.Environments;

/// <summary>What one environment step produced: <paramref name="Terminated"/> is a true end of the task (no
/// bootstrap), <paramref name="Truncated"/> the time limit (bootstrap from the last state's value).</summary>
internal readonly record struct StepOutcome(double Reward, bool Terminated, bool Truncated)
{
    public bool Done => Terminated || Truncated;
}
