namespace SlurmSearch.Search.Samplers;

/// <summary>One trial of the history as a sampler sees it: the values of its active labels (categoricals as option indices), its state and loss.</summary>
public sealed record Observation(IReadOnlyDictionary<string, double> Values, ObservationState State, double? Loss = null)
{
    /// <summary>A completed trial.</summary>
    public static Observation Completed(IReadOnlyDictionary<string, double> values, double loss) => new(values, ObservationState.Completed, loss);

    /// <summary>A trial still running on some worker.</summary>
    public static Observation Running(IReadOnlyDictionary<string, double> values) => new(values, ObservationState.Running);
}
