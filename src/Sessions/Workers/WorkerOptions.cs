namespace SlurmSearch.Sessions.Workers;

/// <summary>How a worker runs: its id, an optional deadline, extra environment for its trials (a GPU slot), a trial limit.</summary>
public sealed record WorkerOptions
{
    /// <summary>The worker id recorded on its trials.</summary>
    public required string WorkerId { get; init; }

    /// <summary>Stop before starting a trial that would not finish by then (the original's average-duration rule).</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Extra environment variables of every trial (e.g. <c>CUDA_VISIBLE_DEVICES</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Stop after this many trials; null = until the session is done.</summary>
    public int? MaxTrials { get; init; }

    /// <summary>Longest wait between asks while other workers hold every remaining trial (the first wait is 20 ms, then it doubles).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
