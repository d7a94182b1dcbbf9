using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Tests.Learning;

/// <summary>The backward pass against central finite differences of the loss: the test that matters.</summary>
public sealed class ActorCriticGradientTests
{
    private const int ObservationSize = 4;
    private const int ActionCount = 2;

    [Fact]
    public void ComputeGradients_EveryParameterOfSmallNetwork_MatchesFiniteDifferences()
    {
        var batch = Batch.Random(seed: 3, size: 7);
        var model = new ActorCritic(ObservationSize, ActionCount, hiddenUnits: 6, maxBatch: 16, new Rng(11));
        var weights = new LossWeights(ValueLossScaling: 0.7, EntropyLossScaling: 0.05);
        AssertGradientMatches(model, batch, weights, Enumerable.Range(0, model.Parameters.Length));
    }

    [Fact]
    public void ComputeGradients_FullSizeNetwork_MatchesFiniteDifferencesOnSampledParameters()
    {
        var batch = Batch.Random(seed: 5, size: 20);
        var model = new ActorCritic(ObservationSize, ActionCount, hiddenUnits: 64, maxBatch: 20, new Rng(12));
        // Make the policy far from uniform so the softmax terms are exercised at realistic scale.
        var rng = new Rng(99);
        for (var i = 0; i < model.Parameters.Length; i++)
        {
            model.Parameters[i] += 0.2 * rng.NextGaussian();
        }

        var indices = Enumerable.Range(0, 300).Select(_ => (int)(rng.NextUInt64() % (ulong)model.Parameters.Length)).Distinct();
        AssertGradientMatches(model, batch, new LossWeights(0.5, 0.01), indices);
    }

    [Fact]
    public void ComputeGradients_RandomWeightsAndBatches_MatchFiniteDifferences()
    {
        var gen =
            from seed in Gen.Choose(0, 1_000_000)
            from size in Gen.Choose(1, 12)
            from valueScaling in Gen.Choose(0, 20).Select(i => i / 10.0)
            from entropyScaling in Gen.Choose(0, 20).Select(i => i / 100.0)
            select (seed, size, valueScaling, entropyScaling);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var model = new ActorCritic(ObservationSize, ActionCount, hiddenUnits: 5, maxBatch: 12, new Rng(c.seed));
            AssertGradientMatches(model, Batch.Random(c.seed + 1, c.size), new LossWeights(c.valueScaling, c.entropyScaling), Enumerable.Range(0, model.Parameters.Length));
        }));
    }

    [Fact]
    public void ComputeGradients_WithoutAdvantages_UsesReturnsMinusDetachedValues()
    {
        var batch = Batch.Random(seed: 8, size: 10);
        var model = new ActorCritic(ObservationSize, ActionCount, hiddenUnits: 16, maxBatch: 10, new Rng(4));
        var weights = new LossWeights(0.5, 0.01);
        var values = new double[batch.Size];
        model.Values(batch.Observations, batch.Size, values);
        var advantages = batch.Returns.Zip(values, (r, v) => r - v).ToArray();

        var explicitLoss = model.ComputeGradients(batch.Observations, batch.Actions, batch.Returns, advantages, batch.Size, weights);
        var explicitGradients = (double[])model.Gradients.Clone();
        var implicitLoss = model.ComputeGradients(batch.Observations, batch.Actions, batch.Returns, [], batch.Size, weights);

        Assert.Equal(explicitLoss, implicitLoss);
        Assert.Equal(explicitGradients, model.Gradients);
    }

    [Fact]
    public void Loss_UniformPolicy_HasEntropyLn2AndHandComputedParts()
    {
        var model = new ActorCritic(ObservationSize, ActionCount, hiddenUnits: 4, maxBatch: 2, new Rng(1));
        // Zero weights: logits 0 (π uniform) and V = 0 everywhere.
        Array.Clear(model.Parameters);
        double[] observations = [0.1, 0.2, 0.3, 0.4, -0.1, 0.0, 0.2, 1.0];
        var loss = model.Loss(observations, [0, 1], [2.0, 4.0], [1.0, -3.0], 2, new LossWeights(0.5, 0.1));

        var ln2 = Math.Log(2);
        Assert.Equal(ln2, loss.Entropy, 12);
        Assert.Equal((4.0 + 16.0) / 2, loss.ValueLoss, 12);
        Assert.Equal(-((1.0 * -ln2) + (-3.0 * -ln2)) / 2, loss.PolicyGradientLoss, 12);
        Assert.Equal(loss.PolicyGradientLoss + (0.5 * loss.ValueLoss) - (0.1 * ln2), loss.Total, 12);
    }

    private static void AssertGradientMatches(ActorCritic model, Batch batch, LossWeights weights, IEnumerable<int> indices)
    {
        // Fix the advantages at the unperturbed parameters: training treats them as constants.
        var values = new double[batch.Size];
        model.Values(batch.Observations, batch.Size, values);
        var advantages = batch.Returns.Zip(values, (r, v) => r - v).ToArray();
        model.ComputeGradients(batch.Observations, batch.Actions, batch.Returns, advantages, batch.Size, weights);
        var analytic = (double[])model.Gradients.Clone();

        const double h = 1e-5;
        foreach (var i in indices)
        {
            var original = model.Parameters[i];
            model.Parameters[i] = original + h;
            var plus = model.Loss(batch.Observations, batch.Actions, batch.Returns, advantages, batch.Size, weights).Total;
            model.Parameters[i] = original - h;
            var minus = model.Loss(batch.Observations, batch.Actions, batch.Returns, advantages, batch.Size, weights).Total;
            model.Parameters[i] = original;
            var numeric = (plus - minus) / (2 * h);
            var tolerance = 1e-6 + (1e-5 * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])));
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= tolerance,
                $"parameter {i}: analytic {analytic[i]:R}, numeric {numeric:R}");
        }
    }

    private sealed record Batch(double[] Observations, int[] Actions, double[] Returns, int Size)
    {
        public static Batch Random(int seed, int size)
        {
            var rng = new Rng(seed);
            var observations = Enumerable.Range(0, size * ObservationSize).Select(_ => rng.NextUniform(-2, 2)).ToArray();
            var actions = Enumerable.Range(0, size).Select(_ => (int)(rng.NextUInt64() % ActionCount)).ToArray();
            var returns = Enumerable.Range(0, size).Select(_ => rng.NextUniform(-5, 50)).ToArray();
            return new Batch(observations, actions, returns, size);
        }
    }
}
