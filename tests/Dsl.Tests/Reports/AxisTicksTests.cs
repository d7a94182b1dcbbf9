using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Dsl.Reports;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class AxisTicksTests
{
    private static readonly Gen<(double Min, double Max, int MaxTicks)> Ranges =
        from magnitude in Gen.Choose(-6, 8)
        from a in Gen.Choose(-1_000_000, 1_000_000)
        from width in Gen.Choose(0, 1_000_000)
        from maxTicks in Gen.Choose(3, 12)
        let scale = Math.Pow(10, magnitude) / 100_000
        select (a * scale, (a + width) * scale, maxTicks);

    [Fact]
    public void Compute_AnyRange_TicksCoverItEvenlyWithANiceStep()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Ranges.ToArbitrary(), range =>
        {
            var ticks = AxisTicks.Compute(range.Min, range.Max, range.MaxTicks);
            var slack = 1e-9 * ticks.Step;
            Assert.True(ticks.Min <= range.Min + slack, $"first tick {ticks.Min} above min {range.Min}");
            Assert.True(ticks.Max >= range.Max - slack, $"last tick {ticks.Max} below max {range.Max}");
            Assert.InRange(ticks.Values.Count, 2, range.MaxTicks);
            Assert.True(double.IsFinite(ticks.Step));
            for (var i = 1; i < ticks.Values.Count; i++)
            {
                Assert.Equal(ticks.Step, ticks.Values[i] - ticks.Values[i - 1], 1e-9 * ticks.Step);
            }

            var mantissa = ticks.Step / Math.Pow(10, Math.Floor(Math.Log10(ticks.Step) + 1e-12));
            Assert.Contains([1.0, 2.0, 5.0], m => Math.Abs(m - mantissa) < 1e-9);
            // Every tick is an integer multiple of the step: labels like 0.30000000000000004 never appear.
            Assert.All(ticks.Values, v => Assert.Equal(Math.Round(v / ticks.Step), v / ticks.Step, 1e-9));
        }));
    }

    [Fact]
    public void Compute_AnyRange_IsNotWastefullyCoarse()
    {
        // The next smaller nice step would have needed more ticks than allowed (so the chosen step is the finest that fits).
        Check.QuickThrowOnFailure(Prop.ForAll(Ranges.Where(r => r.Max > r.Min).ToArbitrary(), range =>
        {
            var ticks = AxisTicks.Compute(range.Min, range.Max, range.MaxTicks);
            var finer = FinerNiceStep(ticks.Step);
            var needed = Math.Ceiling((range.Max / finer) - 1e-9) - Math.Floor((range.Min / finer) + 1e-9) + 1;
            Assert.True(needed > range.MaxTicks, $"step {finer} would fit [{range.Min}, {range.Max}] in {needed} <= {range.MaxTicks} ticks but {ticks.Step} was chosen");
        }));
    }

    [Fact]
    public void Compute_UnitInterval_GivesTenthsOrFifths()
    {
        var ticks = AxisTicks.Compute(0, 1, 6);

        Assert.Equal(0.2, ticks.Step, 12);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Values.Select(ticks.Format));
    }

    [Fact]
    public void Compute_SingleValue_WidensAroundIt()
    {
        var ticks = AxisTicks.Compute(500, 500, 6);

        Assert.True(ticks.Min < 500 && ticks.Max > 500);
        Assert.True(AxisTicks.Compute(0, 0).Values.Count >= 2);
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(2, 1)]
    public void Compute_NotAFiniteInterval_Throws(double min, double max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisTicks.Compute(min, max));
    }

    [Fact]
    public void Compute_FewerThanThreeTicks_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisTicks.Compute(-1, 1, 2));
    }

    private static double FinerNiceStep(double step)
    {
        var exponent = Math.Floor(Math.Log10(step) + 1e-12);
        var mantissa = Math.Round(step / Math.Pow(10, exponent));
        return mantissa switch
        {
            5 => 2 * Math.Pow(10, exponent),
            2 => Math.Pow(10, exponent),
            _ => 5 * Math.Pow(10, exponent - 1),
        };
    }
}
