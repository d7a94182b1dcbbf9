using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Spaces.Syntax;
using SlurmSearch.Search.Tests.Spaces;
using SlurmSearch.Search.Trials;

namespace SlurmSearch.Search.Tests.Trials;

public sealed class TrialValuesTests
{
    private static readonly SearchSpace Space = SpaceParser.Parse(
        """{lr: loguniform(-5, 0), opt: choice({momentum: uniform(0, 0.99)}, {beta: randint(3)}), n: quniform(1, 8, 1)}""").Compile();

    private static readonly Dictionary<string, double> Suggestion = new() { ["lr"] = 0.01, ["opt"] = 1, ["opt.beta"] = 2, ["n"] = 3 };

    [Fact]
    public void ToMisc_Suggestion_HasEveryLabelWithHyperoptsListShapes()
    {
        var misc = TrialValues.ToMisc(Space, Suggestion, tid: 7);

        Assert.Equal(["tid", "idxs", "vals"], misc.Keys);
        Assert.Equal(7L, misc["tid"]);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["lr"] = new List<object?> { 0.01 },
                ["opt"] = new List<object?> { 1L },
                ["opt.momentum"] = new List<object?>(),
                ["opt.beta"] = new List<object?> { 2L },
                ["n"] = new List<object?> { 3.0 },
            },
            misc["vals"]);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["lr"] = new List<object?> { 7L },
                ["opt"] = new List<object?> { 7L },
                ["opt.momentum"] = new List<object?>(),
                ["opt.beta"] = new List<object?> { 7L },
                ["n"] = new List<object?> { 7L },
            },
            misc["idxs"]);
    }

    [Fact]
    public void FromVals_OriginalShapes_AreTolerated()
    {
        var vals = new Dictionary<string, object?>
        {
            ["lr"] = new object?[] { 0.01f },
            ["opt"] = new List<object?> { 1.0 },
            ["opt.momentum"] = Array.Empty<object?>(),
            ["opt.beta"] = new List<object?> { 2 },
            ["n"] = new List<object?> { 3L },
            ["removed_from_space"] = new List<object?> { 0.5 },
        };

        var values = TrialValues.FromVals(Space, vals);

        Assert.Equal(new Dictionary<string, double> { ["lr"] = 0.01f, ["opt"] = 1, ["opt.beta"] = 2, ["n"] = 3 }, values);
    }

    [Theory]
    [InlineData("two values", "misc.vals['lr'] holds 2 values")]
    [InlineData("a string", "misc.vals['lr'] is not a number: x")]
    [InlineData("fractional index", "misc.vals['opt'] = 0.5 is not a whole number")]
    public void FromVals_BadValues_ThrowNamingTheLabel(string scenario, string message)
    {
        var vals = scenario switch
        {
            "two values" => new Dictionary<string, object?> { ["lr"] = new List<object?> { 0.1, 0.2 } },
            "a string" => new Dictionary<string, object?> { ["lr"] = new List<object?> { "x" } },
            _ => new Dictionary<string, object?> { ["opt"] = new List<object?> { 0.5 } },
        };

        var error = Assert.Throws<FormatException>(() => TrialValues.FromVals(Space, vals));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("opt.momentum", 0.5, "the suggestion has a value for 'opt.momentum', which is inactive under it")]
    [InlineData("ghost", 1.0, "the suggestion has a value for 'ghost', which is not a label of the space")]
    public void ToVals_SuggestionNotMatchingTheSpace_Throws(string label, double value, string message)
    {
        var suggestion = new Dictionary<string, double>(Suggestion) { [label] = value };

        var error = Assert.Throws<ArgumentException>(() => TrialValues.ToVals(Space, suggestion));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToVals_MissingActiveLabel_Throws()
    {
        var suggestion = new Dictionary<string, double>(Suggestion);
        suggestion.Remove("opt.beta");

        var error = Assert.Throws<ArgumentException>(() => TrialValues.ToIdxs(Space, suggestion, 0));

        Assert.StartsWith("the suggestion has no value for the active label 'opt.beta'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVals_RandomSuggestionsOverGeneratedSpaces_RoundTrip()
    {
        var arbitrary = Arb.From(SpaceGen.Space().Zip(Gen.Choose(0, int.MaxValue)));
        Check.QuickThrowOnFailure(Prop.ForAll(arbitrary, input =>
        {
            var flat = input.Item1.Compile();
            var suggestion = new RandomSampler().Suggest(flat, [], new Random(input.Item2));

            var vals = TrialValues.ToVals(flat, suggestion);

            Assert.Equal(flat.Parameters.Select(p => p.Label), vals.Keys);
            Assert.Equal(suggestion.OrderBy(p => p.Key, StringComparer.Ordinal), TrialValues.FromVals(flat, vals).OrderBy(p => p.Key, StringComparer.Ordinal));
        }));
    }
}
