namespace SlurmSearch.Agents.Learning;

/// <summary>
/// The Adam optimiser (Kingma &amp; Ba 2015) with PyTorch's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 and
/// bias correction, the optimiser of the autonomous-learning-library's A2C presets.
/// </summary>
internal sealed class Adam
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly double[] _m;
    private readonly double[] _v;
    private readonly double _learningRate;
    private long _t;

    public Adam(int parameterCount, double learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be positive and finite.");
        }

        _m = new double[parameterCount];
        _v = new double[parameterCount];
        _learningRate = learningRate;
    }

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        if (parameters.Length != _m.Length || gradients.Length != _m.Length)
        {
            throw new ArgumentException($"Adam was built for {_m.Length} parameters.", nameof(parameters));
        }

        _t++;
        var correction1 = 1.0 - Math.Pow(Beta1, _t);
        var correction2 = 1.0 - Math.Pow(Beta2, _t);
        var stepSize = _learningRate / correction1;
        var sqrtCorrection2 = Math.Sqrt(correction2);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i];
            _m[i] = (Beta1 * _m[i]) + ((1 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1 - Beta2) * g * g);
            parameters[i] -= stepSize * _m[i] / ((Math.Sqrt(_v[i]) / sqrtCorrection2) + Epsilon);
        }
    }
}
