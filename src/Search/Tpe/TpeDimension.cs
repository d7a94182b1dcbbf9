using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tpe;

/// <summary>
/// One hyperparameter as the Parzen estimators see it. Continuous dimensions live in an internal coordinate (log(value) for the
/// log forms) with bounds [<see cref="Low"/>, <see cref="High"/>) (±∞ for the normal family) and a prior N(<see cref="PriorMu"/>,
/// <see cref="Scale"/>) — hyperopt's choice of prior kernel: the centre and the width of a uniform's range, or μ and σ of a normal.
/// Quantised dimensions keep candidates as values on their grid; categorical ones as option indices.
/// </summary>
internal sealed class TpeDimension
{
    // hyperopt's EPS: floor for values whose log is taken.
    private const double Eps = 1e-12;

    private readonly double _observationFloor;

    public TpeDimension(Hyperparameter parameter)
    {
        Label = parameter.Label;
        Parameter = parameter;
        switch (parameter.Distribution)
        {
            case UniformDistribution u:
                (Low, High, Log, Q) = (u.Low, u.High, u.Log, u.Q);
                (PriorMu, Scale) = (0.5 * (u.High + u.Low), u.High - u.Low);
                (ValueLow, ValueHigh) = u.Log ? (Math.Exp(u.Low), Math.Exp(u.High)) : (u.Low, u.High);
                _observationFloor = u.Log ? (u.Q is null ? Eps : Math.Max(Eps, Math.Exp(u.Low))) : double.NegativeInfinity;
                break;
            case NormalDistribution n:
                (Low, High, Log, Q) = (double.NegativeInfinity, double.PositiveInfinity, n.Log, n.Q);
                (PriorMu, Scale) = (n.Mu, n.Sigma);
                (ValueLow, ValueHigh) = n.Log ? (0.0, double.PositiveInfinity) : (double.NegativeInfinity, double.PositiveInfinity);
                _observationFloor = n.Log ? Eps : double.NegativeInfinity;
                break;
            case RandIntDistribution r:
                IsCategorical = true;
                Offset = r.Low;
                Categories = checked((int)Math.Min(r.High - r.Low, int.MaxValue));
                break;
            case CategoricalDistribution c:
                IsCategorical = true;
                Categories = c.Count;
                Probabilities = [.. c.Probabilities];
                break;
            default:
                throw new NotSupportedException($"TPE cannot model '{parameter.Label}': no Parzen estimator for {parameter.Distribution.GetType().Name}");
        }
    }

    public string Label { get; }

    public Hyperparameter Parameter { get; }

    public bool IsCategorical { get; }

    /// <summary>Number of options (categorical) or of integers (randint).</summary>
    public int Categories { get; }

    /// <summary>The prior's option probabilities; null for randint (uniform).</summary>
    public double[]? Probabilities { get; }

    /// <summary>randint's low: value = index + offset.</summary>
    public long Offset { get; }

    public bool Log { get; }

    public double? Q { get; }

    public bool IsQuantized => Q is not null;

    /// <summary>Lower bound of the internal coordinate (−∞ when unbounded).</summary>
    public double Low { get; }

    /// <summary>Upper bound of the internal coordinate (+∞ when unbounded).</summary>
    public double High { get; }

    public bool IsBounded => !double.IsInfinity(Low);

    /// <summary>Bounds of the value itself (exp of the internal ones for log forms).</summary>
    public double ValueLow { get; }

    public double ValueHigh { get; }

    public double PriorMu { get; }

    /// <summary>The prior kernel's width: the largest kernel width and the unit of every bandwidth factor.</summary>
    public double Scale { get; }

    /// <summary>Probability of option <paramref name="index"/> under the prior.</summary>
    public double PriorProbability(int index) => Probabilities is null ? 1.0 / Categories : Probabilities[index];

    /// <summary>The kernel centre for an observed value (hyperopt's transforms: log, with the floors of its q-log samplers).</summary>
    public double Center(double value)
    {
        if (IsCategorical)
        {
            return value - Offset;
        }

        return Log ? Math.Log(Math.Max(value, _observationFloor)) : value;
    }

    /// <summary>True when an observed value is one this dimension can take (categorical: a valid index).</summary>
    public bool IsValidObservation(double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        if (!IsCategorical)
        {
            return true;
        }

        var index = value - Offset;
        return index >= 0 && index < Categories && index == Math.Floor(index);
    }

    /// <summary>A candidate in its stored form (see the class remarks) turned into the suggested value.</summary>
    public double ToValue(double candidate)
    {
        if (IsCategorical)
        {
            return candidate + Offset;
        }

        return !IsQuantized && Log ? Math.Exp(candidate) : candidate;
    }

    /// <summary>The internal-coordinate interval of the grid cell around a quantised value, clipped to the bounds.</summary>
    public (double Lower, double Upper) Cell(double value)
    {
        var q = Q!.Value;
        var lower = Math.Max(value - (0.5 * q), ValueLow);
        var upper = Math.Min(value + (0.5 * q), ValueHigh);
        if (Log)
        {
            lower = lower <= 0 ? double.NegativeInfinity : Math.Log(lower);
            upper = upper <= 0 ? double.NegativeInfinity : Math.Log(upper);
        }

        return (lower, upper);
    }
}
