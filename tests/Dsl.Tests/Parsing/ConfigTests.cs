using SlurmSearch.Dsl.Config;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Parsing;

public sealed class ConfigTests
{
    private static ConfigValue Value(string text)
    {
        var config = "config {\n    hp_space: { lr: uniform(0, 1) }\n    run_seed_space: quniform(0, 10, 1)\n    x: " + text + "\n}\n";
        return Some.Parse(Some.Text(config: config, experiment: "experiment {}", results: "results {}"))
            .Config["x"]!;
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7L)]
    [InlineData("2 ** 31", 2147483648L)]
    [InlineData("-2 ** 2", -4L)]
    [InlineData("2 ** 3 ** 2", 512L)]
    [InlineData("(1 + 2) * -3", -9L)]
    public void Config_IntegerArithmetic_StaysExactInteger(string text, long expected) =>
        Assert.Equal(new ConfigScalar(PyInt.Of(expected)), Value(text));

    [Theory]
    [InlineData("7 / 2", 3.5)]
    [InlineData("2 ** -1", 0.5)]
    [InlineData("1.5 * 2", 3.0)]
    [InlineData("log(exp(2))", 2.0)]
    [InlineData("sqrt(16)", 4.0)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    public void Config_FloatArithmetic_FollowsPython(string text, double expected) =>
        Assert.Equal(new ConfigScalar(new PyFloat(expected)), Value(text));

    [Fact]
    public void Config_PlainData_KeepsStringsBooleansListsAndMaps()
    {
        var value = Value("{ name: \"a\", on: true, off: false, none: null, items: [1, 2.5, \"x\"], \"odd key\": { n: 1 } }");

        var map = Assert.IsType<ConfigMap>(value);
        Assert.Equal(["name", "on", "off", "none", "items", "odd key"], map.Keys);
        Assert.Equal(new PyStr("a"), ((ConfigScalar)map["name"]!).Value);
        Assert.Equal(PyBool.Of(true), ((ConfigScalar)map["on"]!).Value);
        Assert.Equal(PyNone.Instance, ((ConfigScalar)map["none"]!).Value);
        Assert.Equal(3, Assert.IsType<ConfigList>(map["items"]).Items.Count);
        Assert.Equal(new ConfigScalar(PyInt.Of(1)), map.Lookup("odd key:n"));
    }

    [Fact]
    public void Config_SpaceValue_BecomesAStructuredSpaceWithKeyLabels()
    {
        var definition = Some.Parse(Some.Text());

        var hp = Assert.IsType<ConfigSpace>(definition.Config["hp_space"]);
        var seed = Assert.IsType<ConfigSpace>(definition.Config["run_seed_space"]);

        Assert.Equal(["lr"], hp.Space.Labels);
        Assert.Equal(["run_seed"], seed.Space.Labels);
        Assert.Equal(StructuredSpace.Parse("{lr: loguniform(log(1e-4), log(1e-2))}"), hp.Space);
    }

    [Fact]
    public void Config_ShippedHpSpace_KeepsTheOriginalsBoundsAndLabels()
    {
        var definition = ShippedExperiments.Load("hp_tuning_effects");

        var space = Assert.IsType<ConfigSpace>(definition.Config["hp_space"]).Space;
        var lr = Assert.IsType<BoundedNode>(((DictNode)space.Root).Entries.Single(e => e.Key == "lr").Value);
        var lognormal = Assert.IsType<ParameterNode>(lr.Expression);

        Assert.Equal(["clip_grad", "lr", "els", "n_envs", "n_steps"], space.Labels);
        Assert.Equal((0.0, 1.0), (lr.Min, lr.Max));
        Assert.Equal(StructuredSpace.Parse("{lr: lognormal(log(1e-3), (log(1e-3) - log(1e-4)) / 3)}").Labels, ["lr"]);
        Assert.Equal(((ParameterNode)((DictNode)StructuredSpace.Parse("{lr: lognormal(log(1e-3), (log(1e-3) - log(1e-4)) / 3)}").Root).Entries[0].Value).Distribution, lognormal.Distribution);
        Assert.Equal(new ConfigScalar(new PyFloat(double.PositiveInfinity)), definition.Config.Lookup("run_params:train_episodes"));
    }

    [Theory]
    [InlineData("1 / 0", "1.0 / 0.0 is not a number")]
    [InlineData("log(-1)", "log(-1.0) is not a real number")]
    [InlineData("\"a\" * 2", "'*' applies to numbers only")]
    [InlineData("foo", "unknown name 'foo' (a string needs double quotes: \"foo\")")]
    [InlineData("max(1)", "unknown function 'max'")]
    [InlineData("2 ** 4096 ** 2", "integer power 2 ** 16777216 is too large")]
    public void Config_BadValue_IsAPositionedError(string text, string message)
    {
        var config = "config {\n    x: " + text + "\n}\n";

        var errors = Some.Errors(Some.Text(config: config, experiment: "experiment {}", results: "results {}")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_NestedMaps_MergeAndOtherValuesReplace()
    {
        var definition = ShippedExperiments.Load("hp_tuning_effects");

        var merged = definition.Config.Merge(definition.DebugOverrides);

        Assert.Equal(new ConfigScalar(new PyStr("inline")), merged.Lookup("search:method"));
        Assert.Equal(new ConfigScalar(PyInt.Of(8)), merged.Lookup("search:threads"));
        Assert.Equal(new ConfigScalar(new PyStr("debug")), merged.Lookup("agent"));
        Assert.Equal(definition.Config.Keys, merged.Keys);
    }

    [Fact]
    public void With_Path_SetsANestedValueAndCreatesMaps()
    {
        var map = ConfigMap.Empty.With("a:b", new ConfigScalar(PyInt.Of(1))).With("a:c", new ConfigScalar(PyInt.Of(2)));

        Assert.Equal(new ConfigScalar(PyInt.Of(1)), map.Lookup("a:b"));
        Assert.Equal(new ConfigScalar(PyInt.Of(2)), map.Lookup("a:c"));
        Assert.Null(map.Lookup("a:d"));
        Assert.Null(map.Lookup("a:b:c"));
    }

    [Fact]
    public void ToPython_Config_IsPlainDataWithSpacesAsTheirDescription()
    {
        var definition = Some.Parse(Some.Text());

        var python = Assert.IsType<PyDict>(definition.Config.ToPython());

        Assert.Equal(new PyStr("a2c"), python[new PyStr("agent")]);
        var space = Assert.IsType<PyDict>(python[new PyStr("hp_space")]);
        Assert.Equal(new PyStr("dict"), space[new PyStr("type")]);
        Assert.Equal(definition.Config, ConfigValue.FromPython(python) is ConfigMap m ? m.With("hp_space", definition.Config["hp_space"]!).With("run_seed_space", definition.Config["run_seed_space"]!) : null);
    }
}
