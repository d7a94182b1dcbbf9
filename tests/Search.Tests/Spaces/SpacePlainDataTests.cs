using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tests.Spaces;

public sealed class SpacePlainDataTests
{
    [Fact]
    public void ToPlainData_Parameter_IsATypedMap()
    {
        var data = new StructuredSpace(Hp.Uniform("x", -2, 2)).ToPlainData();

        Assert.Equal(new Dictionary<string, object?> { ["type"] = "uniform", ["label"] = "x", ["low"] = -2.0, ["high"] = 2.0 }, data);
    }

    [Fact]
    public void ToPlainData_NestedSpace_UsesOnlyPlainTypes()
    {
        var space = new StructuredSpace(Hp.List(Hp.Dict(
            ("n", Hp.RandInt("n", 1, 4)),
            ("q", new ParameterNode("q", new UniformDistribution(1, 8, 1), ValueKind.Float)),
            ("opt", Hp.PChoice("opt", (0.25, Hp.Constant("a")), (0.75, Hp.Bounded(Hp.LogNormal("w", 0, 1), max: 2)))))));

        var data = space.ToPlainData();

        var item = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(((Dictionary<string, object?>)data)["items"])));
        var items = Assert.IsType<Dictionary<string, object?>>(item["items"]);
        Assert.Equal(new Dictionary<string, object?> { ["type"] = "randint", ["label"] = "n", ["low"] = 1L, ["high"] = 4L }, items["n"]);
        Assert.Equal("float", ((Dictionary<string, object?>)items["q"]!)["kind"]);
        var opt = (Dictionary<string, object?>)items["opt"]!;
        Assert.Equal("pchoice", opt["type"]);
        Assert.Equal(new List<object?> { 0.25, 0.75 }, opt["probabilities"]);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["type"] = "bounded",
                ["expr"] = new Dictionary<string, object?> { ["type"] = "lognormal", ["label"] = "w", ["mu"] = 0.0, ["sigma"] = 1.0 },
                ["max"] = 2.0,
            },
            ((List<object?>)opt["options"]!)[1]);
        AssertPlain(data);
    }

    [Fact]
    public void FromPlainData_GeneratedSpaces_RoundTrip()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(SpaceGen.Arbitrary(), space =>
        {
            var data = space.ToPlainData();
            AssertPlain(data);
            Assert.Equal(space, StructuredSpace.FromPlainData(data));
        }));
    }

    [Fact]
    public void FromPlainData_OtherContainerAndNumberTypes_AreAccepted()
    {
        var data = new Dictionary<string, object?>
        {
            ["type"] = "list",
            ["items"] = new object?[]
            {
                new SortedDictionary<string, object?> { ["type"] = "quniform", ["label"] = "x", ["low"] = 1, ["high"] = 8L, ["q"] = 1.0f },
                new Dictionary<string, object?> { ["type"] = "randint", ["label"] = "n", ["low"] = 0.0, ["high"] = 3.0 },
            },
        };

        var space = StructuredSpace.FromPlainData(data);

        Assert.Equal(new StructuredSpace(Hp.List(Hp.QUniform("x", 1, 8, 1), Hp.RandInt("n", 3))), space);
    }

    [Theory]
    [InlineData("""{"type": "dict", "items": {"opt": {"type": "choice", "label": "opt", "options": [{"type": "const", "value": 1}, {"type": "uniform", "label": "lr", "low": 1, "high": "big"}]}}}""", "space description at $.items.opt.options[1].high: expected a number, got the string \"big\"")]
    [InlineData("""{"type": "dict", "items": {"a": {"type": "uniform", "label": "x", "low": 2, "high": 1}}}""", "space description at $.items.a: 'x': low (2) must be below high (1)")]
    [InlineData("""{"type": "list", "items": [{"type": "beta", "label": "x"}]}""", "space description at $.items[0]: unknown type 'beta'")]
    [InlineData("""{"type": "list", "items": [{"label": "x"}]}""", "space description at $.items[0]: missing the string field 'type'")]
    [InlineData("""{"type": "uniform", "label": "x", "low": 0, "high": 1, "qq": 2}""", "space description at $.qq: unexpected field")]
    [InlineData("""{"type": "choice", "label": "", "options": []}""", "space description at $.label: expected a non-empty string")]
    [InlineData("""{"type": "list", "items": [{"type": "uniform", "label": "x", "low": 0, "high": 1}, {"type": "normal", "label": "x", "mu": 0, "sigma": 1}]}""", "space description at $: duplicate labels 'x' (2×)")]
    [InlineData("""[1, 2]""", "space description at $: expected a map with a 'type'")]
    public void FromPlainData_BadDescription_NamesThePath(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => StructuredSpace.FromPlainData(Json.ToPlain(json)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static void AssertPlain(object? value)
    {
        switch (value)
        {
            case null or string or double or long or bool:
                return;
            case Dictionary<string, object?> map:
                foreach (var item in map.Values)
                {
                    AssertPlain(item);
                }

                return;
            case List<object?> list:
                foreach (var item in list)
                {
                    AssertPlain(item);
                }

                return;
            default:
                Assert.Fail($"not plain data: {value.GetType()}");
                return;
        }
    }
}
