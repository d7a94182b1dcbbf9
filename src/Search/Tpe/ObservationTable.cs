using SlurmSearch.Search.Samplers;

namespace SlurmSearch.Search.Tpe;

/// <summary>
/// The history as columns: one loss per row (+∞ for failed and, when they take part, running trials) and one value per
/// dimension and row (NaN where the label is inactive or unusable). Rows keep the history's order, oldest first, which
/// linear forgetting relies on. Built in one O(N·D) pass.
/// </summary>
internal sealed class ObservationTable
{
    private ObservationTable(double[] losses, double[][] columns, int counted)
    {
        Losses = losses;
        Columns = columns;
        Counted = counted;
    }

    /// <summary>Loss of each row; never NaN.</summary>
    public double[] Losses { get; }

    /// <summary>Column per dimension (in the order given to <see cref="Build"/>), raw values.</summary>
    public double[][] Columns { get; }

    /// <summary>Rows.</summary>
    public int Count => Losses.Length;

    /// <summary>The N that decides the startup phase and the size of the below set.</summary>
    public int Counted { get; }

    public static ObservationTable Build(IReadOnlyList<TpeDimension> dimensions, IReadOnlyList<Observation> history, TpePending pending)
    {
        var rows = 0;
        foreach (var observation in history)
        {
            if (Takes(observation, pending))
            {
                rows++;
            }
        }

        var losses = new double[rows];
        var columns = new double[dimensions.Count][];
        for (var d = 0; d < columns.Length; d++)
        {
            columns[d] = new double[rows];
        }

        var counted = 0;
        var row = 0;
        foreach (var observation in history)
        {
            if (!Takes(observation, pending))
            {
                continue;
            }

            ArgumentNullException.ThrowIfNull(observation.Values, nameof(observation));
            var completed = observation.State == ObservationState.Completed && observation.Loss is { } loss && !double.IsNaN(loss);
            losses[row] = completed ? observation.Loss!.Value : double.PositiveInfinity;
            if (completed || pending == TpePending.HyperoptWorst)
            {
                counted++;
            }

            var values = observation.Values;
            for (var d = 0; d < columns.Length; d++)
            {
                var dimension = dimensions[d];
                columns[d][row] = values.TryGetValue(dimension.Label, out var value) && dimension.IsValidObservation(value)
                    ? value
                    : double.NaN;
            }

            row++;
        }

        return new ObservationTable(losses, columns, counted);
    }

    private static bool Takes(Observation observation, TpePending pending)
    {
        ArgumentNullException.ThrowIfNull(observation, nameof(observation));
        return observation.State != ObservationState.Running || pending != TpePending.Ignore;
    }
}
