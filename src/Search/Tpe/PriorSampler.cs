using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tpe;

/// <summary>Draws from a hyperparameter's prior with hyperopt's semantics (the startup phase of TPE).</summary>
internal static class PriorSampler
{
    /// <summary>Draws every label active under the draw itself, parents first.</summary>
    public static Dictionary<string, double> Sample(SearchSpace space, Random random)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var parameter in space.Parameters)
        {
            if (parameter.IsActiveIn(values))
            {
                values[parameter.Label] = Sample(parameter.Distribution, random);
            }
        }

        return values;
    }

    /// <summary>One draw of a distribution (categorical: an option index).</summary>
    public static double Sample(Distribution distribution, Random random) => distribution switch
    {
        UniformDistribution u => Finish(u.Low + ((u.High - u.Low) * random.NextDouble()), u.Log, u.Q),
        NormalDistribution n => Finish(n.Mu + (n.Sigma * NormalMath.Draw(random)), n.Log, n.Q),
        RandIntDistribution r => r.Low + random.NextInt64(r.High - r.Low),
        CategoricalDistribution c => DrawIndex(c.Probabilities, random),
        _ => throw new NotSupportedException($"no prior sampler for {distribution.GetType().Name}"),
    };

    /// <summary>Maps a draw of the underlying normal/uniform to the value: exp for log forms, then hyperopt's round(x / q) · q.</summary>
    public static double Finish(double draw, bool log, double? q)
    {
        var value = log ? Math.Exp(draw) : draw;
        return q is { } step ? Quantize(value, step) : value;
    }

    /// <summary>numpy's <c>np.round(x / q) * q</c>: halves round to even.</summary>
    public static double Quantize(double value, double q) => Math.Round(value / q, MidpointRounding.ToEven) * q;

    /// <summary>An index drawn with the given probabilities; rounding never yields an option of probability 0.</summary>
    public static int DrawIndex(IReadOnlyList<double> probabilities, Random random)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        var lastPossible = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (probabilities[i] <= 0)
            {
                continue;
            }

            lastPossible = i;
            cumulative += probabilities[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return lastPossible;
    }
}
