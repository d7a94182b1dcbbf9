using System.Numerics;
using System.Runtime.InteropServices;
using SlurmSearch.Search.Samplers;

namespace SlurmSearch.Search.Tpe;

/// <summary>
/// A Parzen mixture over one group of dimensions: one product kernel per observation plus the prior kernel (last).
/// Continuous dimensions use (truncated) normal kernels, quantised ones the normal's mass over the grid cell, categorical ones
/// a point mass smoothed towards the prior. Densities are exact up to one constant per model (which cancels in argmax l/g).
/// Arrays are per dimension and per kernel so the inner loops run over plain double[] with <see cref="Vector{T}"/>.
/// </summary>
internal sealed class ParzenModel
{
    private readonly TpeDimension[] _dimensions;
    private readonly int _kernels;
    private readonly double[] _cumulative;
    private readonly double[] _logConstant;
    private readonly double[]?[] _mu;
    private readonly double[]?[] _sigma;
    private readonly double[]?[] _inverseSigma;
    private readonly int[]?[] _option;
    private readonly double[] _keep;
    private readonly bool _truncateMixture;
    private readonly int _observations;

    private ParzenModel(TpeDimension[] dimensions, int kernels, int observations, double[] cumulative, double[] logConstant, double[]?[] mu, double[]?[] sigma, int[]?[] option, double[] keep, bool truncateMixture)
    {
        _dimensions = dimensions;
        _kernels = kernels;
        _observations = observations;
        _cumulative = cumulative;
        _logConstant = logConstant;
        _mu = mu;
        _sigma = sigma;
        _option = option;
        _keep = keep;
        _truncateMixture = truncateMixture;
        _inverseSigma = new double[]?[dimensions.Length];
        for (var d = 0; d < dimensions.Length; d++)
        {
            if (sigma[d] is { } s)
            {
                var inverse = new double[s.Length];
                for (var k = 0; k < s.Length; k++)
                {
                    inverse[k] = 1.0 / s[k];
                }

                _inverseSigma[d] = inverse;
            }
        }
    }

    /// <summary>Number of kernels, the prior's included.</summary>
    public int Kernels => _kernels;

    /// <summary>The width of kernel <paramref name="kernel"/> in dimension <paramref name="dimension"/> (tests and diagnostics).</summary>
    public double Sigma(int dimension, int kernel) => _sigma[dimension]![kernel];

    /// <summary>
    /// Fits the mixture. <paramref name="centers"/> holds, per dimension, the kernel centres of the n observations
    /// (<see cref="TpeDimension.Center"/>); <paramref name="weights"/> their weights.
    /// </summary>
    public static ParzenModel Fit(TpeDimension[] dimensions, double[][] centers, double[] weights, TpeOptions options)
    {
        var n = weights.Length;
        var bounded = options.Kernels == TpeKernels.Bounded;
        var priorWeight = n == 0 ? 1.0 : options.PriorWeight;
        if (!bounded && dimensions.Length == 1 && dimensions[0].IsCategorical)
        {
            // hyperopt's pseudo-counts: counts + prior_weight per option (randint) or + n·prior_weight·p (choice).
            priorWeight *= dimensions[0].Categories;
        }

        var withPrior = priorWeight > 0;
        var kernels = n + (withPrior ? 1 : 0);
        var total = priorWeight;
        foreach (var w in weights)
        {
            total += w;
        }

        var logConstant = new double[kernels];
        var cumulative = new double[kernels];
        var running = 0.0;
        for (var k = 0; k < kernels; k++)
        {
            var w = k < n ? weights[k] : priorWeight;
            logConstant[k] = Math.Log(w / total);
            running += w / total;
            cumulative[k] = running;
        }

        cumulative[kernels - 1] = 1.0;
        var mu = new double[]?[dimensions.Length];
        var sigma = new double[]?[dimensions.Length];
        var option = new int[]?[dimensions.Length];
        var keep = new double[dimensions.Length];
        for (var d = 0; d < dimensions.Length; d++)
        {
            var dimension = dimensions[d];
            if (dimension.IsCategorical)
            {
                var kernelOptions = new int[kernels];
                for (var k = 0; k < kernels; k++)
                {
                    kernelOptions[k] = k < n ? (int)centers[d][k] : -1;
                }

                option[d] = kernelOptions;

                // Bounded: Optuna's smoothing, prior_weight/(n+1) of extra mass per option (here spread as the prior), so
                // each kernel is (point + β·prior)/(1 + β). hyperopt: pure point masses.
                var beta = bounded ? dimension.Categories * options.PriorWeight / (n + 1.0) : 0.0;
                keep[d] = 1.0 / (1.0 + beta);
                continue;
            }

            var m = new double[kernels];
            Array.Copy(centers[d], m, n);
            if (withPrior)
            {
                m[n] = dimension.PriorMu;
            }

            var s = Bandwidths.Compute(dimension, centers[d], weights, dimensions.Length, options);
            if (withPrior)
            {
                Array.Resize(ref s, kernels);
                s[n] = dimension.Scale;
            }

            mu[d] = m;
            sigma[d] = s;
            for (var k = 0; k < kernels; k++)
            {
                if (!dimension.IsQuantized)
                {
                    logConstant[k] -= Math.Log(s[k]) + NormalMath.LogSqrtTwoPi;
                }

                if (bounded && dimension.IsBounded)
                {
                    var a = (dimension.Low - m[k]) / s[k];
                    var b = (dimension.High - m[k]) / s[k];
                    if (a > -NormalMath.Negligible || b < NormalMath.Negligible)
                    {
                        logConstant[k] -= Math.Log(Math.Max(NormalMath.Mass(a, b), double.Epsilon));
                    }
                }
            }
        }

        return new ParzenModel(dimensions, kernels, n, cumulative, logConstant, mu, sigma, option, keep, !bounded);
    }

    /// <summary>
    /// Draws <paramref name="count"/> candidates (row-major, one stored value per dimension) from the mixture, or with
    /// <paramref name="observationsOnly"/> from the observations' kernels alone (the prior's only when there are none).
    /// </summary>
    public double[] Sample(Random random, int count, bool observationsOnly = false)
    {
        var width = _dimensions.Length;
        var result = new double[count * width];
        var scale = observationsOnly && _observations > 0 ? _cumulative[_observations - 1] : 1.0;
        for (var c = 0; c < count; c++)
        {
            SampleOne(random, result.AsSpan(c * width, width), scale);
        }

        return result;
    }

    /// <summary>log density (up to the model's constant) of each candidate row.</summary>
    public double[] LogDensities(double[] candidates, int count)
    {
        var width = _dimensions.Length;
        var output = new double[count];
        var accumulator = new double[_kernels];
        for (var c = 0; c < count; c++)
        {
            _logConstant.CopyTo(accumulator, 0);
            for (var d = 0; d < width; d++)
            {
                var x = candidates[(c * width) + d];
                var dimension = _dimensions[d];
                if (dimension.IsCategorical)
                {
                    AddCategorical(accumulator, d, (int)x);
                }
                else if (dimension.IsQuantized)
                {
                    AddCell(accumulator, d, dimension.Cell(x));
                }
                else
                {
                    AddNormal(accumulator, _mu[d]!, _inverseSigma[d]!, x);
                }
            }

            output[c] = LogSumExp(accumulator);
        }

        return output;
    }

    private void SampleOne(Random random, Span<double> row, double scale)
    {
        const int MaxAttempts = 10_000;
        var attempts = 0;
    Restart:
        var kernel = PickKernel(random.NextDouble() * scale);
        for (var d = 0; d < _dimensions.Length; d++)
        {
            var dimension = _dimensions[d];
            if (dimension.IsCategorical)
            {
                var own = _option[d]![kernel];
                row[d] = own >= 0 && random.NextDouble() < _keep[d] ? own : DrawPriorOption(dimension, random);
                continue;
            }

            var m = _mu[d]![kernel];
            var s = _sigma[d]![kernel];
            double x;
            while (true)
            {
                x = m + (s * PriorSampling.StandardNormal(random));
                if (x >= dimension.Low && x < dimension.High)
                {
                    break;
                }

                if (++attempts >= MaxAttempts)
                {
                    // Unreachable for kernels centred in the bounds (acceptance ≥ 1/3); keeps a pathological fit finite.
                    x = Math.Clamp(m, dimension.Low, Math.BitDecrement(dimension.High));
                    break;
                }

                if (_truncateMixture)
                {
                    // hyperopt's GMM1: a rejected draw re-picks its kernel, which truncates the mixture as a whole.
                    goto Restart;
                }
            }

            row[d] = dimension.Q is { } q ? PriorSampling.Quantize(dimension.Log ? Math.Exp(x) : x, q) : x;
        }
    }

    private int PickKernel(double u)
    {
        var index = Array.BinarySearch(_cumulative, u);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, _kernels - 1);
    }

    private static double DrawPriorOption(TpeDimension dimension, Random random) =>
        PriorSampling.Sample(dimension.Parameter.Distribution, random) - dimension.Offset;

    private void AddCategorical(double[] accumulator, int d, int value)
    {
        var dimension = _dimensions[d];
        var prior = dimension.PriorProbability(value);
        var keep = _keep[d];
        var logPrior = Math.Log(prior);
        var logHit = Math.Log(keep + ((1 - keep) * prior));
        var logMiss = Math.Log((1 - keep) * prior);
        var options = _option[d]!;
        for (var k = 0; k < accumulator.Length; k++)
        {
            var own = options[k];
            accumulator[k] += own < 0 ? logPrior : own == value ? logHit : logMiss;
        }
    }

    private void AddCell(double[] accumulator, int d, (double Lower, double Upper) cell)
    {
        var mu = _mu[d]!;
        var inverse = _inverseSigma[d]!;
        for (var k = 0; k < accumulator.Length; k++)
        {
            var mass = NormalMath.Mass((cell.Lower - mu[k]) * inverse[k], (cell.Upper - mu[k]) * inverse[k]);
            accumulator[k] += mass > 0 ? Math.Log(mass) : double.NegativeInfinity;
        }
    }

    private static void AddNormal(double[] accumulator, double[] mu, double[] inverse, double x)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated && accumulator.Length >= Vector<double>.Count)
        {
            var acc = MemoryMarshal.Cast<double, Vector<double>>(accumulator.AsSpan());
            var mus = MemoryMarshal.Cast<double, Vector<double>>(mu.AsSpan());
            var inv = MemoryMarshal.Cast<double, Vector<double>>(inverse.AsSpan());
            var xs = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            for (var v = 0; v < acc.Length; v++)
            {
                var z = (xs - mus[v]) * inv[v];
                acc[v] -= half * z * z;
            }

            k = acc.Length * Vector<double>.Count;
        }

        for (; k < accumulator.Length; k++)
        {
            var z = (x - mu[k]) * inverse[k];
            accumulator[k] -= 0.5 * z * z;
        }
    }

    private static double LogSumExp(double[] values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v > max)
            {
                max = v;
            }
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}
