using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Search.Tests.Spaces.Syntax;

public sealed class SpacePrinterTests
{
    [Fact]
    public void Print_IssueExample_IsCanonicalAndOmitsDefaultLabels()
    {
        var space = SpaceParser.Parse(
            """
            # the example of the issue, spread over lines
            {lr: loguniform(log(1e-5), log(1e-1)),   # log-space bounds, as in hyperopt
             layers: quniform(1, 8, 1),
             opt: choice({name: "sgd", momentum: uniform(0, 0.99)}, {name: "adam"})}
            """);

        Assert.Equal(
            """{lr: loguniform(log(1e-05), log(0.1)), layers: quniform(1, 8, 1), opt: choice({name: "sgd", momentum: uniform(0, 0.99)}, {name: "adam"})}""",
            SpacePrinter.Print(space));
    }

    [Fact]
    public void Print_NonDefaultLabelsKindsAndBounds_WritesThemExplicitly()
    {
        var space = new StructuredSpace(Hp.List(
            Hp.Dict(("x", Hp.Uniform("x", -2, 2)), ("y", new ParameterNode("why", new UniformDistribution(1, 8, 1), ValueKind.Float))),
            Hp.Bounded(Hp.LogNormal("0.w", Math.Log(1e-3), 0.77), min: 0, max: 1),
            Hp.PChoice("1", (0.3, Hp.Constant(1L)), (0.7, Hp.RandInt("n", 2, 5))),
            Hp.Constant(-0.0)));

        var text = SpacePrinter.Print(space);

        Assert.Equal(
            """[{x: uniform(-2, 2, label: "x"), y: float(quniform(1, 8, 1, label: "why"))}, bounded(lognormal(log(0.001), 0.77, label: "0.w"), min: 0, max: 1), pchoice((0.3, 1), (0.7, randint(2, 5, label: "n")), label: "1"), -0.0]""",
            text);
        Assert.Equal(space, SpaceParser.Parse(text));
    }

    [Fact]
    public void ParsePrint_GeneratedSpaces_RoundTrip()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(SpaceGen.Arbitrary(), space =>
        {
            var text = SpacePrinter.Print(space);
            var parsed = SpaceParser.Parse(text);
            Assert.Equal(space, parsed);
            Assert.Equal(text, SpacePrinter.Print(parsed));
        }));
    }
}
