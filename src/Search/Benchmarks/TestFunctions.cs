using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>The six functions of <c>ssearch bench tpe</c>, with the spaces and minima the peers (Optuna, hyperopt) were measured on.</summary>
public static class TestFunctions
{
    private static readonly double[,] HartmannA = { { 3, 10, 30 }, { 0.1, 10, 35 }, { 3, 10, 30 }, { 0.1, 10, 35 } };

    private static readonly double[,] HartmannP =
    {
        { 0.3689, 0.1170, 0.2673 }, { 0.4699, 0.4387, 0.7470 }, { 0.1091, 0.8732, 0.5547 }, { 0.0381, 0.5743, 0.8828 },
    };

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    /// <summary>Branin on x1 ~ U(−5, 10), x2 ~ U(0, 15); minimum 0.397887… at (π, 2.275) and two other points.</summary>
    public static TestFunction Branin { get; } = new(
        "branin",
        Uniforms(("x1", -5, 10), ("x2", 0, 15)),
        p =>
        {
            double x1 = p["x1"], x2 = p["x2"];
            const double B = 5.1 / (4 * Math.PI * Math.PI), C = 5 / Math.PI, T = 1 / (8 * Math.PI);
            var r = x2 - (B * x1 * x1) + (C * x1) - 6;
            return (r * r) + (10 * (1 - T) * Math.Cos(x1)) + 10;
        },
        0.39788735772973816);

    /// <summary>Six-hump camel on x1 ~ U(−3, 3), x2 ~ U(−2, 2); minimum −1.0316284534898774.</summary>
    public static TestFunction SixHumpCamel { get; } = new(
        "six_hump_camel",
        Uniforms(("x1", -3, 3), ("x2", -2, 2)),
        p =>
        {
            double x1 = p["x1"], x2 = p["x2"];
            var a = x1 * x1;
            var b = x2 * x2;
            return ((4 - (2.1 * a) + (a * a / 3)) * a) + (x1 * x2) + ((-4 + (4 * b)) * b);
        },
        -1.0316284534898774);

    /// <summary>Hartmann-3 on [0, 1]³ with the standard A, P and α; minimum −3.8627797873326624 (as attained, not the often quoted −3.86278214).</summary>
    public static TestFunction Hartmann3 { get; } = new(
        "hartmann3",
        Uniforms(("x0", 0, 1), ("x1", 0, 1), ("x2", 0, 1)),
        p =>
        {
            Span<double> x = [p["x0"], p["x1"], p["x2"]];
            var sum = 0.0;
            for (var i = 0; i < 4; i++)
            {
                var inner = 0.0;
                for (var j = 0; j < 3; j++)
                {
                    var d = x[j] - HartmannP[i, j];
                    inner += HartmannA[i, j] * d * d;
                }

                sum += HartmannAlpha[i] * Math.Exp(-inner);
            }

            return -sum;
        },
        -3.8627797873326624);

    /// <summary>Rosenbrock in five dimensions on [−5, 10]⁵: Σ 100(x[i+1] − x[i]²)² + (x[i] − 1)²; minimum 0 at (1, …, 1).</summary>
    public static TestFunction Rosenbrock5 { get; } = new(
        "rosenbrock5",
        Uniforms(("x0", -5, 10), ("x1", -5, 10), ("x2", -5, 10), ("x3", -5, 10), ("x4", -5, 10)),
        p =>
        {
            Span<double> x = [p["x0"], p["x1"], p["x2"], p["x3"], p["x4"]];
            var sum = 0.0;
            for (var i = 0; i < 4; i++)
            {
                var a = x[i + 1] - (x[i] * x[i]);
                var b = x[i] - 1;
                sum += (100 * a * a) + (b * b);
            }

            return sum;
        },
        0.0);

    /// <summary>A learning rate, log-uniform on [1e−6, 1]: (log10 lr + 3)²; minimum 0 at lr = 1e−3.</summary>
    public static TestFunction LogLr { get; } = new(
        "log_lr",
        new SearchSpace([new Hyperparameter("lr", new UniformDistribution(Math.Log(1e-6), Math.Log(1.0), log: true))]),
        p =>
        {
            var d = Math.Log10(p["lr"]) + 3;
            return d * d;
        },
        0.0);

    /// <summary>
    /// Mixed integer: n an integer 1..20 (hyperopt's <c>uniformint</c>, i.e. quniform(1, 20, 1)), q in {0, 5, …, 100}
    /// (quniform(0, 100, 5)), x ~ U(−5, 5); (n − 7)² + ((q − 35)/5)² + x²; minimum 0.
    /// </summary>
    public static TestFunction IntQuad { get; } = new(
        "int_quad",
        new SearchSpace(
        [
            new Hyperparameter("n", new UniformDistribution(1, 20, q: 1)),
            new Hyperparameter("q", new UniformDistribution(0, 100, q: 5)),
            new Hyperparameter("x", new UniformDistribution(-5, 5)),
        ]),
        p =>
        {
            double n = p["n"], q = p["q"], x = p["x"];
            var a = n - 7;
            var b = (q - 35) / 5;
            return (a * a) + (b * b) + (x * x);
        },
        0.0);

    /// <summary>All six, in the order of the benchmark table.</summary>
    public static IReadOnlyList<TestFunction> All { get; } = [Branin, SixHumpCamel, Hartmann3, Rosenbrock5, LogLr, IntQuad];

    /// <summary>The function called <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the known names otherwise.</summary>
    public static TestFunction Get(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown test function '{name}'; known: {string.Join(", ", All.Select(f => f.Name))}", nameof(name));

    private static SearchSpace Uniforms(params (string Label, double Low, double High)[] dimensions) =>
        new(dimensions.Select(d => new Hyperparameter(d.Label, new UniformDistribution(d.Low, d.High))));
}
