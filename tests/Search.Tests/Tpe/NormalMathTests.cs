using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Tpe;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Search.Tests.Tpe;

public sealed class NormalMathTests
{
    [Fact]
    public void Erfc_AcrossItsRange_MatchesPythonMathErfc()
    {
        var xs = Enumerable.Range(0, 2401).Select(i => -6 + (i * 0.01375)).Append(0.5).Append(4).Append(27.2).ToArray();
        var script = "import sys, math\nfor a in sys.argv[1:]: print(repr(math.erfc(float(a))))";
        var expected = Python.Check(script, xs.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => double.Parse(line, CultureInfo.InvariantCulture))
            .ToArray();

        Assert.Equal(xs.Length, expected.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            var actual = NormalMath.Erfc(xs[i]);
            var relative = Math.Abs(actual - expected[i]) / Math.Max(expected[i], 1e-300);
            Assert.True(relative < 1e-13, $"erfc({xs[i]}) = {actual}, Python says {expected[i]} (relative error {relative})");
        }
    }

    [Fact]
    public void Erfc_SpecialArguments_GiveTheirLimits()
    {
        Assert.Equal(1.0, NormalMath.Erfc(0), 14);
        Assert.Equal(0.0, NormalMath.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, NormalMath.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(NormalMath.Erfc(double.NaN)));
        Assert.Equal(0.5, NormalMath.Cdf(0), 14);
    }

    [Fact]
    public void Mass_SplitIntervals_AddUpAndMirror()
    {
        var points = Gen.Choose(-12_000, 12_000).Select(i => i / 1000.0).ArrayOf(3).Select(a => a.Order().ToArray());
        Check.QuickThrowOnFailure(Prop.ForAll(points.ToArbitrary(), p =>
        {
            var (a, b, c) = (p[0], p[1], p[2]);
            var whole = NormalMath.Mass(a, c);
            var parts = NormalMath.Mass(a, b) + NormalMath.Mass(b, c);
            Assert.True(Math.Abs(whole - parts) <= 1e-15 + (1e-12 * whole), $"[{a}, {c}]: {whole} vs {parts}");
            Assert.True(Math.Abs(NormalMath.Mass(a, b) - NormalMath.Mass(-b, -a)) <= 1e-15 + (1e-12 * NormalMath.Mass(a, b)));
            Assert.InRange(whole, 0.0, 1.0);
        }));
    }

    [Fact]
    public void Mass_FarTailInterval_KeepsRelativePrecision()
    {
        // Φ(−9) − Φ(−10) from the tail, not as a difference of numbers near 1: Python's 0.5·(erfc(9/√2) − erfc(10/√2)).
        Assert.Equal(1.1285122074236006e-19, NormalMath.Mass(9, 10), 1e-31);
        Assert.Equal(NormalMath.Mass(9, 10), NormalMath.Mass(-10, -9), 1e-31);
    }
}
