using System.Text.Json;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace SlurmSearch.Sessions.Tests;

public sealed class PlainJsonTests
{
    // The oracle: what the reflection serializer wrote for SSEARCH_PARAMS before PlainJson replaced it.
    private static readonly JsonSerializerOptions Reflection = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static readonly Gen<object?> Leaf = Gen.OneOf(
        Gen.Constant<object?>(null),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (object?)b),
        ArbMap.Default.GeneratorFor<long>().Select(l => (object?)l),
        ArbMap.Default.GeneratorFor<double>().Select(d => (object?)d),
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300, -0.0, 5.0).Select(d => (object?)d),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => (object?)s),
        Gen.Elements("it's", "<a href=\"x\">", "é ü ß", "tab\tnew\nline", "\u0001", "emoji 🙂").Select(s => (object?)s));

    private static Gen<object?> Tree(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, Gen.ListOf(Tree(depth - 1)).Select(items => (object?)items.Take(4).ToList())),
            (1, Gen.ListOf(Gen.Zip(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null), Tree(depth - 1)))
                .Select(pairs =>
                {
                    var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var (key, value) in pairs.Take(4))
                    {
                        dict[key] = value;
                    }

                    return (object?)dict;
                })));

    [Fact]
    public void Serialize_PlainTrees_IsWhatTheReflectionSerializerWrites()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Tree(3).ToArbitrary(), tree =>
            PlainJson.Serialize(tree) == JsonSerializer.Serialize(tree, Reflection)));
    }

    [Fact]
    public void Serialize_ParameterTree_KeepsOrderIntegersAndNamedFloats()
    {
        var parameters = new Dictionary<string, object?>
        {
            ["lr"] = 0.001,
            ["layers"] = 3L,
            ["episodes"] = double.PositiveInfinity,
            ["opt"] = new Dictionary<string, object?> { ["name"] = "sgd", ["betas"] = new List<object?> { 0.9, 0.999 } },
            ["note"] = "it's here",
        };
        Assert.Equal(
            "{\"lr\":0.001,\"layers\":3,\"episodes\":\"Infinity\",\"opt\":{\"name\":\"sgd\",\"betas\":[0.9,0.999]},\"note\":\"it\\u0027s here\"}",
            PlainJson.Serialize(parameters));
    }
}
