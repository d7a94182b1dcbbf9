namespace SlurmSearch.Agents.Learning;

/// <summary>
/// A fully connected network with tanh hidden layers and a linear output, computed over a batch of
/// rows at once. Its weights and gradients live in slices of flat arrays shared with other networks,
/// so one optimiser and one global-norm clip see every parameter. Layout per layer: the weight matrix
/// row-major [outputs × inputs], then the biases. All buffers are allocated once, for
/// <c>maxBatch</c> rows; forward and backward allocate nothing.
/// </summary>
internal sealed class Mlp
{
    private readonly int[] _sizes;
    private readonly double[] _parameters;
    private readonly double[] _gradients;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly double[][] _activations;
    private readonly double[] _deltaA;
    private readonly double[] _deltaB;
    private int _batch;

    public Mlp(IReadOnlyList<int> sizes, double[] parameters, double[] gradients, int offset, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizes.Count, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _sizes = [.. sizes];
        if (_sizes.Any(s => s < 1))
        {
            throw new ArgumentException("Every layer needs at least one unit.", nameof(sizes));
        }

        ParameterCount = CountParameters(_sizes);
        if (offset < 0 || offset + ParameterCount > parameters.Length || gradients.Length != parameters.Length)
        {
            throw new ArgumentException($"Parameters [{offset}, {offset + ParameterCount}) do not fit the shared arrays.", nameof(offset));
        }

        _parameters = parameters;
        _gradients = gradients;
        ParameterOffset = offset;
        MaxBatch = maxBatch;
        _weightOffsets = new int[_sizes.Length - 1];
        _biasOffsets = new int[_sizes.Length - 1];
        var at = offset;
        for (var l = 0; l < _sizes.Length - 1; l++)
        {
            _weightOffsets[l] = at;
            at += _sizes[l] * _sizes[l + 1];
            _biasOffsets[l] = at;
            at += _sizes[l + 1];
        }

        _activations = [.. _sizes.Select(s => new double[maxBatch * s])];
        var widest = _sizes.Max();
        _deltaA = new double[maxBatch * widest];
        _deltaB = new double[maxBatch * widest];
    }

    public int InputSize => _sizes[0];

    public int OutputSize => _sizes[^1];

    public int ParameterOffset { get; }

    public int ParameterCount { get; }

    public int MaxBatch { get; }

    public static int CountParameters(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var count = 0;
        for (var l = 0; l < sizes.Count - 1; l++)
        {
            count += (sizes[l] + 1) * sizes[l + 1];
        }

        return count;
    }

    /// <summary>
    /// Glorot-uniform weights and zero biases; the output layer is scaled by <paramref name="outputGain"/>
    /// (a small gain starts a policy near uniform, as the small-gain orthogonal init of common A2C code does).
    /// </summary>
    public void Initialize(Rng rng, double outputGain)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (var l = 0; l < _sizes.Length - 1; l++)
        {
            var fanIn = _sizes[l];
            var fanOut = _sizes[l + 1];
            var limit = Math.Sqrt(6.0 / (fanIn + fanOut)) * (l == _sizes.Length - 2 ? outputGain : 1.0);
            var weights = _parameters.AsSpan(_weightOffsets[l], fanIn * fanOut);
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = rng.NextUniform(-limit, limit);
            }

            _parameters.AsSpan(_biasOffsets[l], fanOut).Clear();
        }
    }

    /// <summary>Computes the outputs for <paramref name="batch"/> input rows; the result is valid until the next call.</summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> input, int batch)
    {
        if (batch < 1 || batch > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"Batch must be within [1, {MaxBatch}].");
        }

        if (input.Length < batch * InputSize)
        {
            throw new ArgumentException($"Input holds {input.Length} values, {batch * InputSize} needed.", nameof(input));
        }

        _batch = batch;
        input[..(batch * InputSize)].CopyTo(_activations[0]);
        var last = _sizes.Length - 2;
        for (var l = 0; l <= last; l++)
        {
            var nIn = _sizes[l];
            var nOut = _sizes[l + 1];
            ReadOnlySpan<double> weights = _parameters.AsSpan(_weightOffsets[l], nIn * nOut);
            ReadOnlySpan<double> biases = _parameters.AsSpan(_biasOffsets[l], nOut);
            var x = _activations[l];
            var y = _activations[l + 1];
            for (var b = 0; b < batch; b++)
            {
                ReadOnlySpan<double> row = x.AsSpan(b * nIn, nIn);
                var outRow = y.AsSpan(b * nOut, nOut);
                for (var o = 0; o < nOut; o++)
                {
                    var z = biases[o] + VectorMath.Dot(weights.Slice(o * nIn, nIn), row);
                    outRow[o] = l == last ? z : Math.Tanh(z);
                }
            }
        }

        return _activations[^1].AsSpan(0, batch * OutputSize);
    }

    /// <summary>
    /// Back-propagates d(loss)/d(output) for the rows of the last <see cref="Forward"/> call and
    /// adds d(loss)/d(parameter) to the shared gradient array (callers clear it between updates).
    /// </summary>
    public void Backward(ReadOnlySpan<double> outputGradient)
    {
        var batch = _batch;
        if (batch == 0)
        {
            throw new InvalidOperationException("Backward needs a preceding Forward.");
        }

        if (outputGradient.Length != batch * OutputSize)
        {
            throw new ArgumentException($"Gradient holds {outputGradient.Length} values, {batch * OutputSize} expected.", nameof(outputGradient));
        }

        var delta = _deltaA;
        var next = _deltaB;
        outputGradient.CopyTo(delta);
        for (var l = _sizes.Length - 2; l >= 0; l--)
        {
            var nIn = _sizes[l];
            var nOut = _sizes[l + 1];
            ReadOnlySpan<double> weights = _parameters.AsSpan(_weightOffsets[l], nIn * nOut);
            var weightGrads = _gradients.AsSpan(_weightOffsets[l], nIn * nOut);
            var biasGrads = _gradients.AsSpan(_biasOffsets[l], nOut);
            var x = _activations[l];
            for (var b = 0; b < batch; b++)
            {
                ReadOnlySpan<double> row = x.AsSpan(b * nIn, nIn);
                ReadOnlySpan<double> d = delta.AsSpan(b * nOut, nOut);
                for (var o = 0; o < nOut; o++)
                {
                    biasGrads[o] += d[o];
                    VectorMath.Axpy(d[o], row, weightGrads.Slice(o * nIn, nIn));
                }
            }

            if (l == 0)
            {
                break;
            }

            // Through the weights to the inputs of this layer, then through their tanh: tanh' = 1 − tanh².
            var back = next.AsSpan(0, batch * nIn);
            back.Clear();
            for (var b = 0; b < batch; b++)
            {
                var target = back.Slice(b * nIn, nIn);
                ReadOnlySpan<double> d = delta.AsSpan(b * nOut, nOut);
                for (var o = 0; o < nOut; o++)
                {
                    VectorMath.Axpy(d[o], weights.Slice(o * nIn, nIn), target);
                }
            }

            for (var i = 0; i < back.Length; i++)
            {
                var a = x[i];
                back[i] *= 1.0 - (a * a);
            }

            (delta, next) = (next, delta);
        }
    }
}
