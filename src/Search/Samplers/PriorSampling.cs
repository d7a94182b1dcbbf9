using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Samplers;

/// <summary>Draws values from a prior with hyperopt's semantics (see <see cref="Hp"/>), from an injected <see cref="Random"/>.</summary>
public static class PriorSampling
{
    /// <summary>One draw: a float for uniform and normal forms, a whole number for randint, an option index for categoricals.</summary>
    public static double Sample(Distribution distribution, Random random)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(random);
        return distribution switch
        {
            UniformDistribution u => Finish(Math.Min(u.Low + ((u.High - u.Low) * random.NextDouble()), u.High), u.Log, u.Q),
            NormalDistribution n => Finish(n.Mu + (n.Sigma * StandardNormal(random)), n.Log, n.Q),
            RandIntDistribution r => RandInt(r.Low, r.High, random),
            CategoricalDistribution c => Categorical(c.Probabilities, random),
            _ => throw new ArgumentException($"unknown distribution {distribution.GetType().Name}", nameof(distribution)),
        };
    }

    /// <summary>A standard normal draw by the Box–Muller transform.</summary>
    public static double StandardNormal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);

        // 1 − U lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>hyperopt's quantisation: round(value / q) · q, rounding half to even as numpy does.</summary>
    public static double Quantize(double value, double q) => Math.Round(value / q, MidpointRounding.ToEven) * q;

    private static double Finish(double value, bool log, double? q)
    {
        var result = log ? Math.Exp(value) : value;
        return q is { } step ? Quantize(result, step) : result;
    }

    private static double Categorical(IReadOnlyList<double> probabilities, Random random)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        // Probabilities sum to 1 only within rounding: fall back to the last option that has any mass.
        for (var i = probabilities.Count - 1; i > 0; i--)
        {
            if (probabilities[i] > 0)
            {
                return i;
            }
        }

        return 0;
    }

    private static double RandInt(long low, long high, Random random)
    {
        var span = unchecked((ulong)high - (ulong)low);
        if (span <= long.MaxValue)
        {
            return unchecked(low + random.NextInt64((long)span));
        }

        // A span wider than 2^63: rejection sampling on 64 random bits accepts more than half the draws.
        while (true)
        {
            var bits = unchecked(((ulong)random.NextInt64() << 32) ^ (ulong)random.NextInt64());
            if (bits < span)
            {
                return unchecked(low + (long)bits);
            }
        }
    }
}
