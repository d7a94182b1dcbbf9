using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tests.Spaces;

public sealed class HpTests
{
    public static TheoryData<string, Func<SpaceNode>, string> InvalidNodes => new()
    {
        { "NaN low", () => Hp.Uniform("lr", double.NaN, 1), "'lr': low must be a finite number" },
        { "low = high", () => Hp.QUniform("layers", 3, 3, 1), "'layers': low (3) must be below high (3)" },
        { "low > high", () => Hp.LogUniform("lr", 0, -1), "'lr': low (0) must be below high (-1)" },
        { "q = 0", () => Hp.QUniform("layers", 1, 8, 0), "'layers': q must be a finite number > 0, got 0" },
        { "q < 0", () => Hp.QLogNormal("w", 0, 1, -1), "'w': q must be a finite number > 0, got -1" },
        { "sigma = 0", () => Hp.Normal("z", 0, 0), "'z': sigma must be a finite number > 0, got 0" },
        { "randint empty", () => Hp.RandInt("n", 5, 5), "'n': randint needs low (5) below high (5)" },
        { "empty choice", () => Hp.Choice("opt"), "'opt': a choice needs at least one option" },
        { "pchoice sum", () => Hp.PChoice("opt", (0.5, Hp.Constant(1)), (0.4, Hp.Constant(2))), "'opt': probabilities sum to 0.9, not 1" },
        { "pchoice negative", () => Hp.PChoice("opt", (1.5, Hp.Constant(1)), (-0.5, Hp.Constant(2))), "'opt': probability -0.5 is not a number ≥ 0" },
        { "int of continuous", () => new ParameterNode("u", new UniformDistribution(0, 1), ValueKind.Int), "'u': uniform does not produce whole numbers" },
        { "int of fractional q", () => new ParameterNode("u", new UniformDistribution(0, 1, 0.5), ValueKind.Int), "'u': quniform does not produce whole numbers" },
        { "huge randint", () => Hp.RandInt("n", 0, 1L << 60), "'n': randint bounds must lie within ±2^53" },
        { "bounded of a dict", () => Hp.Bounded(Hp.Dict(("a", Hp.Constant(1)))), "bounded needs a numeric expression" },
        { "bounded min > max", () => Hp.Bounded(Hp.Uniform("x", 0, 1), 2, 1), "bounded: min (2) is above max (1)" },
        { "duplicate key", () => new DictNode([KeyValuePair.Create("a", (SpaceNode)Hp.Constant(1)), KeyValuePair.Create("a", (SpaceNode)Hp.Constant(2))]), "duplicate key 'a'" },
        { "NaN constant", () => Hp.Constant(double.NaN), "a constant cannot be NaN" },
    };

    [Theory]
    [MemberData(nameof(InvalidNodes))]
    public void Factories_InvalidArguments_ThrowNamingTheLabel(string scenario, Func<SpaceNode> create, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(create);

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{scenario}: '{error.Message}' lacks '{message}'");
    }

    [Fact]
    public void UniformInt_IsQuniformWithStepOneAndIntKind()
    {
        var node = Hp.UniformInt("n", 1, 8);

        Assert.Equal(new UniformDistribution(1, 8, 1), node.Distribution);
        Assert.Equal(ValueKind.Int, node.Kind);
        Assert.Equal(Hp.QUniform("n", 1, 8, 1), node);
    }

    [Theory]
    [InlineData(0.5, ValueKind.Float)]
    [InlineData(1.0, ValueKind.Int)]
    [InlineData(5.0, ValueKind.Int)]
    public void DefaultKind_QForms_AreIntOnlyForWholeQuanta(double q, ValueKind expected)
    {
        Assert.Equal(expected, Hp.QUniform("x", 0, 10, q).Kind);
        Assert.Equal(expected, Hp.QNormal("x", 0, 10, q).Kind);
        Assert.Equal(ValueKind.Float, Hp.Uniform("x", 0, 10).Kind);
        Assert.Equal(ValueKind.Int, Hp.RandInt("x", 10).Kind);
    }

    [Fact]
    public void Create_PositionalAndNamedArguments_BindLikePython()
    {
        Assert.Equal(Hp.QUniform("x", 1, 8, 2), Hp.Create("quniform", "x", [1], new Dictionary<string, double> { ["q"] = 2, ["high"] = 8 }));
        Assert.Equal(Hp.RandInt("n", 0, 5), Hp.Create("randint", "n", [5]));
        Assert.Equal(Hp.RandInt("n", 2, 5), Hp.Create("randint", "n", [2, 5]));
        Assert.Equal(Hp.RandInt("n", 0, 5), Hp.Create("randint", "n", [], new Dictionary<string, double> { ["upper"] = 5 }));
        Assert.Equal(Hp.LogNormal("w", -1, 0.5), Hp.Create("lognormal", "w", [], new Dictionary<string, double> { ["mu"] = -1, ["sigma"] = 0.5 }));
    }

    [Theory]
    [InlineData("uniform", new double[] { 0 }, "'x': uniform is missing 'high'")]
    [InlineData("uniform", new double[] { 0, 1, 2 }, "'x': uniform takes at most 2 arguments (low, high), got 3")]
    [InlineData("randint", new double[] { 0.5, 3 }, "'x': randint low must be a whole number, got 0.5")]
    [InlineData("beta", new double[] { 0, 1 }, "'x': unknown distribution 'beta'")]
    public void Create_BadArguments_ThrowNamingLabelAndArgument(string function, double[] positional, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Hp.Create(function, "x", positional));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownOrRepeatedNamedArgument_Throws()
    {
        Assert.Contains("has no argument 'mean'", Assert.Throws<ArgumentException>(
            () => Hp.Create("normal", "x", [0], new Dictionary<string, double> { ["mean"] = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("got argument 'low' twice", Assert.Throws<ArgumentException>(
            () => Hp.Create("uniform", "x", [0, 1], new Dictionary<string, double> { ["low"] = 1 })).Message, StringComparison.Ordinal);
    }
}
