using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Dsl.Evaluation;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Dsl.Tests.Evaluation;

public sealed class ExperimentParamsTests
{
    [Theory]
    [InlineData("12", 12L)]
    [InlineData("-3", -3L)]
    [InlineData("1_000", 1000L)]
    [InlineData("1e-3", 0.001)]
    [InlineData("0.5", 0.5)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("cpu", "cpu")]
    [InlineData("true", "true")]
    [InlineData("1.2.3", "1.2.3")]
    public void ParseValue_Scalar_AsPythonsParamsFromArgs(string text, object expected)
    {
        Assert.Equal(expected, ExperimentParams.ParseValue(text));
    }

    [Fact]
    public void ParseValue_Commas_IsAListOfParsedValues()
    {
        Assert.Equal(new List<object?> { 1L, 2.5, "a" }, ExperimentParams.ParseValue("1,2.5,a"));
    }

    [Fact]
    public void FromArguments_NestedNames_UnflattenOnColons()
    {
        var tree = ExperimentParams.FromArguments(["--search:threads=4", "--search:method=cpu", "--agent=debug"]);

        Assert.Equal(4L, ExperimentParams.Get(tree, "search:threads"));
        Assert.Equal("cpu", ExperimentParams.Get(tree, "search:method"));
        Assert.Equal("debug", tree["agent"]);
    }

    [Theory]
    [InlineData("--novalue")]
    [InlineData("--=3")]
    [InlineData("--a::b=3")]
    public void FromArguments_Malformed_IsAClearError(string argument)
    {
        var error = Assert.Throws<ExperimentException>(() => ExperimentParams.FromArguments([argument]));
        Assert.Contains(argument, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArguments_ValueAndNestedAtOnePath_IsAnError()
    {
        Assert.Throws<ExperimentException>(() => ExperimentParams.FromArguments(["--a=1", "--a:b=2"]));
    }

    [Fact]
    public void Updated_NestedMaps_MergeRecursivelyAndKeepOrder()
    {
        var config = new Dictionary<string, object?> { ["search"] = new Dictionary<string, object?> { ["method"] = "slurm", ["threads"] = 8L }, ["agent"] = "a2c" };
        var merged = ExperimentParams.Updated(config, ExperimentParams.FromArguments(["--search:method=inline"]));

        Assert.Equal(["search", "agent"], merged.Keys);
        Assert.Equal("inline", ExperimentParams.Get(merged, "search:method"));
        Assert.Equal(8L, ExperimentParams.Get(merged, "search:threads"));
        Assert.Equal("slurm", ExperimentParams.Get(config, "search:method"));
    }

    [Fact]
    public void ToArguments_ThenFromArguments_GivesTheSameParameters()
    {
        var leaf = Gen.OneOf(
            Gen.Choose(-50, 50).Select(i => (object?)(long)i),
            Gen.Choose(-50, 50).Select(i => (object?)(i / 4.0 + 0.125)),
            Gen.Elements("cpu", "inline", "a2c").Select(s => (object?)s));
        var name = Gen.Elements("a", "b", "c", "search", "eval");
        var tree = Gen.Zip(name.ListOf(), leaf.NonEmptyListOf()).Select(p =>
        {
            var flat = p.Item2.Select((v, i) => KeyValuePair.Create(string.Join(':', p.Item1.Take(i % 3).Append($"k{i}")), v));
            return ExperimentParams.Unflattened(flat);
        });
        Check.QuickThrowOnFailure(Prop.ForAll(tree.ToArbitrary(), t =>
        {
            var back = ExperimentParams.FromArguments(ExperimentParams.ToArguments(t));
            Assert.True(ExperimentParams.Equal(t, back), $"{string.Join(' ', ExperimentParams.ToArguments(t))}");
        }));
    }

    [Fact]
    public void Equal_IntegerAndEqualFloat_AreEqualAsInPython()
    {
        Assert.True(ExperimentParams.Equal(new Dictionary<string, object?> { ["a"] = 1L }, new Dictionary<string, object?> { ["a"] = 1.0 }));
        Assert.False(ExperimentParams.Equal(new Dictionary<string, object?> { ["a"] = 1L }, new Dictionary<string, object?> { ["a"] = 2L }));
        Assert.False(ExperimentParams.Equal(new Dictionary<string, object?> { ["a"] = 1L }, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 1L }));
    }

    [Fact]
    public void ToPy_ThenFromPy_KeepsSpacesAndPlainData()
    {
        var space = StructuredSpace.Parse("{lr: loguniform(log(1e-5), log(1e-1)), n: quniform(1, 8, 1)}");
        var tree = new Dictionary<string, object?>
        {
            ["hp_space"] = space,
            ["run_params"] = new Dictionary<string, object?> { ["train_frames"] = 1000L, ["train_episodes"] = double.PositiveInfinity },
            ["agents"] = new List<object?> { "a2c", "debug" },
        };

        var back = ExperimentParams.TreeFromPy(ExperimentParams.ToPy(tree));

        Assert.Equal(space, back["hp_space"]);
        Assert.True(ExperimentParams.Equal(tree, back));
    }

    [Fact]
    public void PointKey_DictsInAnyKeyOrder_AreTheSameKey()
    {
        var a = new Dictionary<string, object?> { ["lr"] = 0.1, ["n"] = new Dictionary<string, object?> { ["x"] = 1L } };
        var b = new Dictionary<string, object?> { ["n"] = new Dictionary<string, object?> { ["x"] = 1L }, ["lr"] = 0.1 };

        Assert.Equal(ExperimentParams.PointKey(a), ExperimentParams.PointKey(b));
        Assert.Equal("{'lr': 0.1, 'n/x': 1}", ExperimentParams.PointKey(a));
        Assert.NotEqual(ExperimentParams.PointKey(0.1), ExperimentParams.PointKey(0.2));
    }
}
