using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Tpe;
using SlurmSearch.Sessions;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// The original's <c>tpe_estimated_setting_result</c> behind <c>model_argmin</c>/<c>model_argmax</c>: the TPE model's
/// estimate (<see cref="TpeSampler.EstimateOptimum"/>) of the setting where the measured value is smallest or largest,
/// fitted on a sampling node's finished points. Deterministic for a given seed.
/// </summary>
/// <remarks>
/// The original negated the trials' losses for <c>model_argmin</c>; losses are the negated value only in maximising
/// nodes, so elsewhere its two estimates were swapped. Here the estimate is always taken on the measured value itself.
/// </remarks>
public sealed class ModelOptimum
{
    private readonly StructuredSpace _space;
    private readonly IReadOnlyList<(IReadOnlyDictionary<string, double> Values, double Value)> _points;
    private readonly long _seed;

    /// <summary>Creates the estimator over <paramref name="points"/>: each point's label values and its measured value.</summary>
    public ModelOptimum(StructuredSpace space, IReadOnlyList<(IReadOnlyDictionary<string, double> Values, double Value)> points, long seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(points);
        _space = space;
        _points = points;
        _seed = seed;
    }

    /// <summary>The estimated setting of the smallest value.</summary>
    public PyValue ArgMin() => Estimate(1);

    /// <summary>The estimated setting of the largest value.</summary>
    public PyValue ArgMax() => Estimate(-1);

    private PyValue Estimate(double sign)
    {
        var history = _points.Where(p => !double.IsNaN(p.Value)).Select(p => Observation.Completed(p.Values, sign * p.Value)).ToList();
        var values = new TpeSampler().EstimateOptimum(_space.Compile(), history, new Random(unchecked((int)_seed)));
        return PyPlain.ToPy(_space.Evaluate(values));
    }
}
