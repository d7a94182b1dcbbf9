using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tpe;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011): rank the history by loss, fit a density l(x) to the best
/// observations and g(x) to the rest, draw candidates from l and suggest the one with the largest l(x)/g(x).
/// Parents are decided before the parameters they condition, and each parameter (or group of parameters that are active
/// together, when <see cref="TpeOptions.Multivariate"/>) is fitted only on the trials where it was active.
/// </summary>
/// <remarks>
/// Cost per suggestion is O(N·D) to read the history plus O(C·K·D) for C candidates and K kernels: the below set is found by
/// selection, not sorting, and <see cref="TpeOptions.MaxAboveKernels"/> bounds K for large histories.
/// </remarks>
public sealed class TpeSampler : Sampler
{
    /// <summary>Creates a sampler; throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public TpeSampler(TpeOptions? options = null)
    {
        Options = (options ?? TpeOptions.Default).Validate();
    }

    /// <summary>The validated options.</summary>
    public TpeOptions Options { get; }

    /// <inheritdoc />
    public override string Name => Options.Name;

    /// <summary>
    /// hyperopt's linear forgetting weights for n observations in history order: the newest <paramref name="forgetting"/> weigh 1,
    /// the older ones ramp linearly from 1/n up to 1 (numpy's <c>linspace(1/n, 1, n − LF)</c>).
    /// </summary>
    public static double[] ForgettingWeights(int n, int forgetting)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(forgetting);
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        if (forgetting == 0 || n <= forgetting)
        {
            return weights;
        }

        var ramp = n - forgetting;
        var start = 1.0 / n;
        var step = ramp == 1 ? 0.0 : (1.0 - start) / (ramp - 1);
        for (var i = 0; i < ramp; i++)
        {
            weights[i] = start + (i * step);
        }

        return weights;
    }

    /// <summary>
    /// The original's <c>tpe_estimated_minimum</c>: the point that maximises l(x)/g(x) over
    /// <see cref="TpeOptions.EstimateCandidates"/> candidates drawn from l, as an estimate of where the optimum lies.
    /// The model is used whatever the history's size; deterministic for a given <paramref name="random"/> state.
    /// </summary>
    public IReadOnlyDictionary<string, double> EstimateOptimum(SearchSpace space, IReadOnlyList<Observation> history, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(random);
        var dimensions = Dimensions(space);
        var table = ObservationTable.Build(dimensions, history, Options.Pending);
        return Propose(dimensions, table, random, Options.EstimateCandidates);
    }

    /// <summary>The size of the below set for N counted observations.</summary>
    public int BelowCount(int counted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counted);
        var f = Options.Gamma == TpeGamma.SquareRoot ? Math.Sqrt(counted) : counted;
        return (int)Math.Min(Math.Ceiling(Options.GammaFactor * f), Options.BelowCap);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> SuggestCore(SearchSpace space, IReadOnlyList<Observation> history, Random random)
    {
        var dimensions = Dimensions(space);
        var table = ObservationTable.Build(dimensions, history, Options.Pending);
        if (table.Counted < Options.StartupTrials)
        {
            return PriorSampler.Sample(space, random);
        }

        return Propose(dimensions, table, random, Options.Candidates);
    }

    private static TpeDimension[] Dimensions(SearchSpace space)
    {
        var dimensions = new TpeDimension[space.Parameters.Count];
        for (var i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = new TpeDimension(space.Parameters[i]);
        }

        return dimensions;
    }

    private Dictionary<string, double> Propose(TpeDimension[] dimensions, ObservationTable table, Random random, int candidates)
    {
        var below = Selection.SmallestMask(table.Losses, BelowCount(table.Counted));
        var chosen = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in TpeGroup.Partition(dimensions, Options.Multivariate))
        {
            if (!group.Dimensions[0].Parameter.IsActiveIn(chosen))
            {
                continue;
            }

            var belowModel = group.Fit(table, below, wanted: true, Options);
            var aboveModel = group.Fit(table, below, wanted: false, Options);
            var drawn = belowModel.Sample(random, candidates);
            var logBelow = belowModel.LogDensities(drawn, candidates);
            var logAbove = aboveModel.LogDensities(drawn, candidates);
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < candidates; c++)
            {
                var score = logBelow[c] - logAbove[c];
                if (score > bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            var width = group.Dimensions.Length;
            for (var d = 0; d < width; d++)
            {
                var dimension = group.Dimensions[d];
                chosen[dimension.Label] = dimension.ToValue(drawn[(best * width) + d]);
            }
        }

        return chosen;
    }
}
