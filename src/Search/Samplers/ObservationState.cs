namespace SlurmSearch.Search.Samplers;

/// <summary>What a sampler knows about a trial of the history.</summary>
public enum ObservationState
{
    /// <summary>Finished with a loss.</summary>
    Completed,

    /// <summary>Claimed by a worker and still running (no loss yet): counts as pending.</summary>
    Running,

    /// <summary>Finished without a usable loss.</summary>
    Failed,
}
