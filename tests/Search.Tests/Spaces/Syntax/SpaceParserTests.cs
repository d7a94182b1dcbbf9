using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Search.Tests.Spaces.Syntax;

public sealed class SpaceParserTests
{
    private const string IssueExample =
        """{lr: loguniform(log(1e-5), log(1e-1)), layers: quniform(1, 8, 1), opt: choice({name: "sgd", momentum: uniform(0, 0.99)}, {name: "adam"})}""";

    [Fact]
    public void Parse_IssueExample_BuildsTheSpaceWithKeyPathLabels()
    {
        var space = SpaceParser.Parse(IssueExample);

        var expected = new StructuredSpace(Hp.Dict(
            ("lr", Hp.LogUniform("lr", Math.Log(1e-5), Math.Log(1e-1))),
            ("layers", Hp.QUniform("layers", 1, 8, 1)),
            ("opt", Hp.Choice("opt", Hp.Dict(("name", Hp.Constant("sgd")), ("momentum", Hp.Uniform("opt.momentum", 0, 0.99))), Hp.Dict(("name", Hp.Constant("adam")))))));
        Assert.Equal(expected, space);
        Assert.Equal(["lr", "layers", "opt", "opt.momentum"], space.Labels);
    }
}
