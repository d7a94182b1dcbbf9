using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tests.Spaces;

public sealed class StructuredSpaceTests
{
    private static StructuredSpace Nested() => new(Hp.Dict(
        ("lr", Hp.LogUniform("lr", Math.Log(1e-5), Math.Log(1e-1))),
        ("layers", Hp.QUniform("layers", 1, 8, 1)),
        ("opt", Hp.Choice(
            "opt",
            Hp.Dict(("name", Hp.Constant("sgd")), ("momentum", Hp.Uniform("opt.momentum", 0, 0.99)),
                ("schedule", Hp.Choice("opt.schedule", Hp.Constant("cosine"), Hp.Dict(("step", Hp.RandInt("opt.step", 10, 20)))))),
            Hp.Dict(("name", Hp.Constant("adam"))))),
        ("clip", Hp.Bounded(Hp.Normal("clip", 1, 2), min: 0, max: 3)),
        ("sizes", Hp.List(Hp.Constant(32L), Hp.RandInt("width", 4, 9)))));

    [Fact]
    public void Constructor_DuplicateLabels_ListsEveryDuplicate()
    {
        var error = Assert.Throws<ArgumentException>(() => new StructuredSpace(Hp.List(
            Hp.Uniform("x", 0, 1), Hp.Uniform("x", 0, 2), Hp.Choice("c", Hp.Uniform("y", 0, 1)), Hp.Normal("y", 0, 1), Hp.Uniform("x", 1, 2))));

        Assert.StartsWith("duplicate labels 'x' (3×), 'y' (2×): labels must be unique in a space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NestedChoices_ListsParentsFirstWithTheWholeConditionChain()
    {
        var flat = Nested().Compile();

        Assert.Equal(["lr", "layers", "opt", "opt.momentum", "opt.schedule", "opt.step", "clip", "width"], flat.Parameters.Select(p => p.Label));
        Assert.Empty(flat["lr"].Conditions);
        Assert.Equal([new ActivationCondition("opt", 0)], flat["opt.momentum"].Conditions);
        Assert.Equal([new ActivationCondition("opt", 0), new ActivationCondition("opt.schedule", 1)], flat["opt.step"].Conditions);
        Assert.Equal(CategoricalDistribution.Uniform(2), flat["opt"].Distribution);
        Assert.Equal(new UniformDistribution(Math.Log(1e-5), Math.Log(1e-1), log: true), flat["lr"].Distribution);
    }

    [Fact]
    public void Evaluate_ActiveBranch_GivesPlainDataWithIntsClipsAndNoInactiveKeys()
    {
        var values = new Dictionary<string, double>
        {
            ["lr"] = 0.01, ["layers"] = 3.0, ["opt"] = 0, ["opt.momentum"] = 0.9, ["opt.schedule"] = 1, ["opt.step"] = 12,
            ["clip"] = 4.5, ["width"] = 6,
        };

        var tree = Assert.IsType<Dictionary<string, object?>>(Nested().Evaluate(values));

        Assert.Equal(["lr", "layers", "opt", "clip", "sizes"], tree.Keys);
        Assert.Equal(0.01, tree["lr"]);
        Assert.Equal(3L, tree["layers"]);
        var opt = Assert.IsType<Dictionary<string, object?>>(tree["opt"]);
        Assert.Equal(["name", "momentum", "schedule"], opt.Keys);
        Assert.Equal("sgd", opt["name"]);
        Assert.Equal(new Dictionary<string, object?> { ["step"] = 12L }, opt["schedule"]);
        Assert.Equal(3.0, tree["clip"]);
        Assert.Equal(new List<object?> { 32L, 6L }, tree["sizes"]);
    }

    [Fact]
    public void Evaluate_OtherOption_IgnoresValuesOfInactiveLabels()
    {
        var values = new Dictionary<string, double> { ["lr"] = 0.01, ["layers"] = 8, ["opt"] = 1, ["opt.momentum"] = 0.5, ["clip"] = -1, ["width"] = 4 };

        var tree = Assert.IsType<Dictionary<string, object?>>(Nested().Evaluate(values));

        Assert.Equal(new Dictionary<string, object?> { ["name"] = "adam" }, tree["opt"]);
        Assert.Equal(0.0, tree["clip"]);
    }

    [Fact]
    public void Evaluate_MissingActiveLabel_ThrowsNamingIt()
    {
        var values = new Dictionary<string, double> { ["lr"] = 0.01, ["layers"] = 8, ["opt"] = 0, ["clip"] = 1, ["width"] = 4 };

        var error = Assert.Throws<ArgumentException>(() => Nested().Evaluate(values));

        Assert.StartsWith("no value for the active label 'opt.momentum'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    public void Evaluate_ChoiceValueNotAnOptionIndex_Throws(double value)
    {
        var space = new StructuredSpace(Hp.Choice("c", Hp.Constant(1), Hp.Constant(2)));

        var error = Assert.Throws<ArgumentException>(() => space.Evaluate(new Dictionary<string, double> { ["c"] = value }));

        Assert.Contains("is not an option index 0..1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BoundedInteger_StaysIntegerUnderWholeBoundsOnly()
    {
        var whole = new StructuredSpace(Hp.Bounded(Hp.RandInt("n", 0, 10), min: 2, max: 5));
        var fractional = new StructuredSpace(Hp.Bounded(Hp.RandInt("n", 0, 10), max: 4.5));

        Assert.Equal(5L, whole.Evaluate(new Dictionary<string, double> { ["n"] = 9 }));
        Assert.Equal(2L, whole.Evaluate(new Dictionary<string, double> { ["n"] = 0 }));
        Assert.Equal(3L, whole.Evaluate(new Dictionary<string, double> { ["n"] = 3 }));
        Assert.Equal(4.5, fractional.Evaluate(new Dictionary<string, double> { ["n"] = 9 }));
    }

    [Fact]
    public void Evaluate_FloatKindQuniform_KeepsHyperoptsFloat()
    {
        var space = new StructuredSpace(new ParameterNode("n", new UniformDistribution(1, 8, 1), ValueKind.Float));

        Assert.Equal(3.0, space.Evaluate(new Dictionary<string, double> { ["n"] = 3 }));
    }

    [Fact]
    public void Equals_StructurallyEqualSpaces_AreEqual()
    {
        Assert.Equal(Nested(), Nested());
        Assert.Equal(Nested().GetHashCode(), Nested().GetHashCode());
        Assert.NotEqual(Nested(), new StructuredSpace(Hp.Dict(("lr", Hp.Uniform("lr", 0, 1)))));
        Assert.NotEqual(new StructuredSpace(Hp.Constant(1L)), new StructuredSpace(Hp.Constant(1.0)));
    }
}
