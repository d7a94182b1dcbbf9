using System.Globalization;

namespace SlurmSearch.Dsl.Reports;

/// <summary>"Nice" axis ticks for a data range: evenly spaced multiples of 1, 2 or 5 × 10^k that cover the range.</summary>
/// <remarks>
/// Heckbert's nice-numbers idea ("Nice numbers for graph labels", Graphics Gems, 1990), with the step chosen as the
/// smallest nice step whose tick count fits <c>maxTicks</c> rather than by rounding, so the count bound always holds.
/// Ticks are computed as integer multiples of the step (not by repeated addition) so labels carry no float noise.
/// </remarks>
public sealed class AxisTicks
{
    private static readonly double[] Mantissas = [1, 2, 5];

    private AxisTicks(long first, int count, double mantissa, int exponent)
    {
        Step = exponent >= 0 ? mantissa * Math.Pow(10, exponent) : mantissa / Math.Pow(10, -exponent);
        Decimals = Math.Max(0, -exponent);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // (first + i) · m · 10^e, dividing by an exact power of ten for negative e keeps 0.1-steps exact as printed.
            var multiple = (first + i) * mantissa;
            values[i] = exponent >= 0 ? multiple * Math.Pow(10, exponent) : multiple / Math.Pow(10, -exponent);
        }

        Values = values;
    }

    /// <summary>The tick values, ascending; the first is at or below the range's minimum, the last at or above its maximum.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The distance between consecutive ticks: 1, 2 or 5 times a power of ten.</summary>
    public double Step { get; }

    /// <summary>The number of decimals that shows every tick exactly.</summary>
    public int Decimals { get; }

    /// <summary>The lowest tick (the axis start).</summary>
    public double Min => Values[0];

    /// <summary>The highest tick (the axis end).</summary>
    public double Max => Values[^1];

    /// <summary>Computes ticks covering [<paramref name="min"/>, <paramref name="max"/>] with at most <paramref name="maxTicks"/> ticks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, min exceeds max, or fewer than 3 ticks are allowed.</exception>
    public static AxisTicks Compute(double min, double max, int maxTicks = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"the range [{min}, {max}] is not a finite interval");
        }

        // Three ticks always suffice (−s, 0, s for a range around zero); two cannot cover every range with nice steps.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 3);
        if (min == max)
        {
            // A single value still gets an axis: widen by 10% of its magnitude (or by 1 around zero).
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var exponent = (int)Math.Floor(Math.Log10((max - min) / (maxTicks - 1)));
        while (true)
        {
            foreach (var mantissa in Mantissas)
            {
                var step = exponent >= 0 ? mantissa * Math.Pow(10, exponent) : mantissa / Math.Pow(10, -exponent);
                var first = (long)Math.Floor(min / step);
                var last = (long)Math.Ceiling(max / step);
                if (last - first + 1 <= maxTicks)
                {
                    return new AxisTicks(first, (int)(last - first + 1), mantissa, exponent);
                }
            }

            exponent++;
        }
    }

    /// <summary>Formats a value with this axis's decimals (invariant culture).</summary>
    public string Format(double value) => value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
