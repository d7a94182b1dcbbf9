namespace SlurmSearch.Search.Tpe;

/// <summary>
/// Dimensions modelled jointly: in multivariate mode all parameters with the same activation conditions, otherwise one
/// parameter each. Groups come in the order of their first parameter, so parents are decided before their children.
/// </summary>
internal sealed class TpeGroup
{
    private TpeGroup(TpeDimension[] dimensions, int[] columns)
    {
        Dimensions = dimensions;
        Columns = columns;
    }

    public TpeDimension[] Dimensions { get; }

    /// <summary>Column of each dimension in the <see cref="ObservationTable"/>.</summary>
    public int[] Columns { get; }

    public static List<TpeGroup> Partition(TpeDimension[] dimensions, bool multivariate)
    {
        var groups = new List<TpeGroup>();
        if (!multivariate)
        {
            for (var i = 0; i < dimensions.Length; i++)
            {
                groups.Add(new TpeGroup([dimensions[i]], [i]));
            }

            return groups;
        }

        var members = new List<(List<int> Columns, TpeDimension First)>();
        for (var i = 0; i < dimensions.Length; i++)
        {
            var conditions = dimensions[i].Parameter.Conditions;
            var index = members.FindIndex(m => m.First.Parameter.Conditions.SequenceEqual(conditions));
            if (index < 0)
            {
                members.Add(([i], dimensions[i]));
            }
            else
            {
                members[index].Columns.Add(i);
            }
        }

        foreach (var (columns, _) in members)
        {
            groups.Add(new TpeGroup([.. columns.Select(c => dimensions[c])], [.. columns]));
        }

        return groups;
    }

    /// <summary>
    /// Fits the below (<paramref name="wanted"/> = true) or above model on the rows of that side where every dimension of the
    /// group has a usable value, oldest first.
    /// </summary>
    public ParzenModel Fit(ObservationTable table, bool[] below, bool wanted, TpeOptions options)
    {
        var rows = new List<int>();
        for (var r = 0; r < table.Count; r++)
        {
            if (below[r] == wanted && Usable(table, r))
            {
                rows.Add(r);
            }
        }

        var weights = TpeSampler.ForgettingWeights(rows.Count, options.Forgetting);
        if (!wanted && options.MaxAboveKernels > 0 && rows.Count > options.MaxAboveKernels)
        {
            (rows, weights) = Thin(rows, weights, table.Losses, options.MaxAboveKernels);
        }

        var centers = new double[Dimensions.Length][];
        var bounded = options.Kernels == TpeKernels.Bounded;
        for (var d = 0; d < Dimensions.Length; d++)
        {
            var dimension = Dimensions[d];
            var column = table.Columns[Columns[d]];
            var c = new double[rows.Count];
            for (var i = 0; i < c.Length; i++)
            {
                var center = dimension.Center(column[rows[i]]);
                c[i] = bounded && !dimension.IsCategorical ? Math.Clamp(center, dimension.Low, dimension.High) : center;
            }

            centers[d] = c;
        }

        return ParzenModel.Fit(Dimensions, centers, weights, options);
    }

    private bool Usable(ObservationTable table, int row)
    {
        foreach (var column in Columns)
        {
            if (double.IsNaN(table.Columns[column][row]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Bounds the above model to <paramref name="limit"/> kernels: the newest quarter (running trials among them) and, of the
    /// older rows, those with the lowest losses. The dropped rows are the worst old observations; g matters only where l
    /// draws candidates, near good points, where those contribute almost nothing, so dropping them shifts log g by nearly a
    /// constant, which cancels in argmax l/g. Rows keep their forgetting weights.
    /// </summary>
    private static (List<int> Rows, double[] Weights) Thin(List<int> rows, double[] weights, double[] losses, int limit)
    {
        var newest = limit / 4;
        var older = rows.Count - newest;
        var olderLosses = new double[older];
        for (var i = 0; i < older; i++)
        {
            olderLosses[i] = losses[rows[i]];
        }

        var keep = Selection.SmallestMask(olderLosses, limit - newest);
        var keptRows = new List<int>(limit);
        var keptWeights = new double[limit];
        for (var i = 0; i < rows.Count; i++)
        {
            if (i >= older || keep[i])
            {
                keptWeights[keptRows.Count] = weights[i];
                keptRows.Add(rows[i]);
            }
        }

        return (keptRows, keptWeights);
    }
}
