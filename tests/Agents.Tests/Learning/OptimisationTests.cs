using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Tests.Learning;

public sealed class OptimisationTests
{
    [Fact]
    public void ClipByGlobalNorm_AnyGradient_ResultNormAtMostLimitAndDirectionKept()
    {
        var gen =
            from values in Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(i => i / 10.0))
            from limit in Gen.Choose(1, 100).Select(i => i / 10.0)
            select (values, limit);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var g = (double[])c.values.Clone();
            var before = GradientClipping.ClipByGlobalNorm(g, c.limit);
            var after = Math.Sqrt(g.Sum(v => v * v));
            var expectedBefore = Math.Sqrt(c.values.Sum(v => v * v));
            var scale = before > 0 ? after / before : 1;
            return Math.Abs(before - expectedBefore) < 1e-9
                && after <= c.limit + 1e-9
                && (before > c.limit || g.SequenceEqual(c.values))
                && g.Zip(c.values).All(p => Math.Abs(p.First - (p.Second * scale)) < 1e-9);
        }));
    }

    [Fact]
    public void ClipByGlobalNorm_ZeroLimit_DisablesClipping()
    {
        double[] g = [30, 40];
        Assert.Equal(50, GradientClipping.ClipByGlobalNorm(g, 0));
        Assert.Equal([30.0, 40.0], g);
    }

    [Fact]
    public void AdamStep_FirstStep_MovesEachParameterByLearningRateAgainstGradientSign()
    {
        var adam = new Adam(3, learningRate: 0.01);
        double[] parameters = [1.0, 2.0, 3.0];
        adam.Step(parameters, [0.5, -20.0, 0.0]);
        Assert.Equal(1.0 - 0.01, parameters[0], 9);
        Assert.Equal(2.0 + 0.01, parameters[1], 9);
        Assert.Equal(3.0, parameters[2]);
    }

    [Fact]
    public void AdamStep_OnQuadratic_ConvergesToMinimum()
    {
        var adam = new Adam(2, learningRate: 0.05);
        double[] p = [5.0, -3.0];
        for (var i = 0; i < 2000; i++)
        {
            adam.Step(p, [2 * (p[0] - 1), 2 * (p[1] + 2)]);
        }

        Assert.Equal(1.0, p[0], 3);
        Assert.Equal(-2.0, p[1], 3);
    }

    [Fact]
    public void ComputeReturns_TerminationAndTruncation_CutAndRebootstrap()
    {
        // Two environments, three steps; row index = t * nEnvs + e.
        // Env 0: plain rollout, bootstrap 10. Env 1: terminated at t=0, truncated at t=2 with V(cut)=7.
        double[] rewards = [1, 1, 1, 1, 1, 1];
        bool[] terminated = [false, true, false, false, false, false];
        bool[] truncated = [false, false, false, false, false, true];
        double[] truncatedValue = [0, 0, 0, 0, 0, 7];
        double[] bootstrap = [10, 99];
        var returns = new double[6];
        A2cTrainer.ComputeReturns(rewards, terminated, truncated, truncatedValue, bootstrap, 2, 3, 0.5, returns);

        Assert.Equal(1 + (0.5 * 10), returns[4]);
        Assert.Equal(1 + (0.5 * 6), returns[2]);
        Assert.Equal(1 + (0.5 * 4), returns[0]);
        Assert.Equal(1 + (0.5 * 7), returns[5]); // truncated: its own cut value, not the bootstrap 99
        Assert.Equal(1 + (0.5 * 4.5), returns[3]);
        Assert.Equal(1, returns[1]); // terminated: no bootstrap
    }
}
