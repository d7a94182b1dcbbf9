namespace SlurmSearch.Agents.Learning;

/// <summary>
/// A softmax policy network and a state-value network, separate (two tanh hidden layers each, as
/// Stable-Baselines3's default actor-critic), sharing one flat parameter array so that one optimiser
/// and one global-norm clip see every parameter. Separate networks keep the value regression, whose
/// targets reach 1/(1 − γ) = 100 on CartPole, from reshaping the policy's features; the
/// autonomous-learning-library instead shared one 64-unit ReLU layer. Tanh rather than ReLU keeps the
/// loss smooth, which is also what makes an exact finite-difference gradient check possible.
/// </summary>
internal sealed class ActorCritic
{
    private readonly double[] _valueGrad;
    private readonly double[] _logitGrad;

    public ActorCritic(int observationSize, int actionCount, int hiddenUnits, int maxBatch, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 2);
        int[] policySizes = [observationSize, hiddenUnits, hiddenUnits, actionCount];
        int[] valueSizes = [observationSize, hiddenUnits, hiddenUnits, 1];
        var policyCount = Mlp.CountParameters(policySizes);
        var total = policyCount + Mlp.CountParameters(valueSizes);
        Parameters = new double[total];
        Gradients = new double[total];
        Policy = new Mlp(policySizes, Parameters, Gradients, 0, maxBatch);
        Value = new Mlp(valueSizes, Parameters, Gradients, policyCount, maxBatch);
        Policy.Initialize(rng, outputGain: 0.01);
        Value.Initialize(rng, outputGain: 1.0);
        ActionCount = actionCount;
        ObservationSize = observationSize;
        MaxBatch = maxBatch;
        _valueGrad = new double[maxBatch];
        _logitGrad = new double[maxBatch * actionCount];
    }

    public double[] Parameters { get; }

    public double[] Gradients { get; }

    public Mlp Policy { get; }

    public Mlp Value { get; }

    public int ActionCount { get; }

    public int ObservationSize { get; }

    public int MaxBatch { get; }

    /// <summary>Writes π(·|s) for each of <paramref name="batch"/> observations (rows of <see cref="ActionCount"/>).</summary>
    public void ActionProbabilities(ReadOnlySpan<double> observations, int batch, Span<double> probabilities)
    {
        var logits = Policy.Forward(observations, batch);
        for (var b = 0; b < batch; b++)
        {
            var row = logits.Slice(b * ActionCount, ActionCount);
            var logSumExp = LogSumExp(row);
            var target = probabilities.Slice(b * ActionCount, ActionCount);
            for (var k = 0; k < ActionCount; k++)
            {
                target[k] = Math.Exp(row[k] - logSumExp);
            }
        }
    }

    /// <summary>Writes V(s) for each of <paramref name="batch"/> observations.</summary>
    public void Values(ReadOnlySpan<double> observations, int batch, Span<double> values) =>
        Value.Forward(observations, batch).CopyTo(values);

    /// <summary>
    /// The loss of a batch without gradients. <paramref name="advantages"/> are constants here (in
    /// training they are <c>returns − V(s)</c> with V detached), which is what makes the loss a function
    /// whose gradient <see cref="ComputeGradients"/> returns.
    /// </summary>
    public LossBreakdown Loss(ReadOnlySpan<double> observations, ReadOnlySpan<int> actions, ReadOnlySpan<double> returns, ReadOnlySpan<double> advantages, int batch, LossWeights weights) =>
        Evaluate(observations, actions, returns, advantages, batch, weights, backward: false);

    /// <summary>
    /// Clears <see cref="Gradients"/> and fills it with d(loss)/d(parameters) for the batch. With empty
    /// <paramref name="advantages"/>, uses <c>returns − V(s)</c> from this very forward pass, detached.
    /// </summary>
    public LossBreakdown ComputeGradients(ReadOnlySpan<double> observations, ReadOnlySpan<int> actions, ReadOnlySpan<double> returns, ReadOnlySpan<double> advantages, int batch, LossWeights weights) =>
        Evaluate(observations, actions, returns, advantages, batch, weights, backward: true);

    private static double LogSumExp(ReadOnlySpan<double> row)
    {
        var max = double.NegativeInfinity;
        foreach (var z in row)
        {
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        foreach (var z in row)
        {
            sum += Math.Exp(z - max);
        }

        return max + Math.Log(sum);
    }

    private LossBreakdown Evaluate(ReadOnlySpan<double> observations, ReadOnlySpan<int> actions, ReadOnlySpan<double> returns, ReadOnlySpan<double> advantages, int batch, LossWeights weights, bool backward)
    {
        if (actions.Length < batch || returns.Length < batch || (!advantages.IsEmpty && advantages.Length < batch))
        {
            throw new ArgumentException($"Actions, returns and advantages need {batch} entries each.");
        }

        var values = Value.Forward(observations, batch);
        var logits = Policy.Forward(observations, batch);
        var scale = 1.0 / batch;
        double policyLoss = 0, valueLoss = 0, entropy = 0;
        for (var b = 0; b < batch; b++)
        {
            var advantage = advantages.IsEmpty ? returns[b] - values[b] : advantages[b];
            var error = values[b] - returns[b];
            valueLoss += error * error;
            _valueGrad[b] = 2.0 * weights.ValueLossScaling * error * scale;

            var row = logits.Slice(b * ActionCount, ActionCount);
            var logSumExp = LogSumExp(row);
            var action = actions[b];
            if ((uint)action >= (uint)ActionCount)
            {
                throw new ArgumentOutOfRangeException(nameof(actions), action, $"Action at row {b} is outside [0, {ActionCount}).");
            }

            var h = 0.0;
            for (var k = 0; k < ActionCount; k++)
            {
                var logP = row[k] - logSumExp;
                h -= Math.Exp(logP) * logP;
            }

            entropy += h;
            policyLoss -= advantage * (row[action] - logSumExp);

            // d/dz_k of −A·log π(a) is −A(1[k=a] − p_k); of −c·H it is c·p_k(log p_k + H).
            var g = _logitGrad.AsSpan(b * ActionCount, ActionCount);
            for (var k = 0; k < ActionCount; k++)
            {
                var logP = row[k] - logSumExp;
                var p = Math.Exp(logP);
                var pg = -advantage * ((k == action ? 1.0 : 0.0) - p);
                var ent = weights.EntropyLossScaling * p * (logP + h);
                g[k] = (pg + ent) * scale;
            }
        }

        policyLoss *= scale;
        valueLoss *= scale;
        entropy *= scale;
        var total = policyLoss + (weights.ValueLossScaling * valueLoss) - (weights.EntropyLossScaling * entropy);
        if (backward)
        {
            Array.Clear(Gradients);
            Policy.Backward(_logitGrad.AsSpan(0, batch * ActionCount));
            Value.Backward(_valueGrad.AsSpan(0, batch));
        }

        return new LossBreakdown(total, policyLoss, valueLoss, entropy);
    }
}
