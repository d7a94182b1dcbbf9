using FsCheck;
using FsCheck.Fluent;
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

    [Fact]
    public void Parse_EveryForm_BuildsTheEquivalentNodes()
    {
        var space = SpaceParser.Parse(
            """
            {
              a: uniform(-2, 2), b: quniform(low: 0, high: 10, q: 0.5), c: loguniform(log(1e-3), 0), d: qloguniform(0, log(100), 1),
              e: normal(0, 1), f: qnormal(mu: 0, sigma: 3, q: 1), g: lognormal(log(1e-3), 0.77), h: qlognormal(0, 1, 2),
              i: randint(5), j: randint(2, 5), k: uniformint(1, 8), l: float(quniform(1, 8, 1)), m: int(randint(3)),
              n: bounded(lognormal(log(1e-3), 0.77), min: 0, max: 1), o: bounded(normal(0, 1), 0), p: bounded(normal(0, 1), null, 1),
              q: pchoice((0.3, {x: 1}), (0.7, {x: 2})), r: [1, 2.5, "s", true, false, null, -3, 2 * 3 + 1, 1 / 4, -(2 - 5)],
              "quoted key": sqrt(16), t: exp(0), u: inf, v: -inf, w: e, x: pi, y: uniform("explicit", 0, 1), z: choice(1, 2, label: "zz"),
            }
            """,
            "all.space");

        var expected = Hp.Dict(
            ("a", Hp.Uniform("a", -2, 2)), ("b", Hp.QUniform("b", 0, 10, 0.5)), ("c", Hp.LogUniform("c", Math.Log(1e-3), 0)),
            ("d", Hp.QLogUniform("d", 0, Math.Log(100), 1)), ("e", Hp.Normal("e", 0, 1)), ("f", Hp.QNormal("f", 0, 3, 1)),
            ("g", Hp.LogNormal("g", Math.Log(1e-3), 0.77)), ("h", Hp.QLogNormal("h", 0, 1, 2)), ("i", Hp.RandInt("i", 5)),
            ("j", Hp.RandInt("j", 2, 5)), ("k", Hp.UniformInt("k", 1, 8)),
            ("l", new ParameterNode("l", new UniformDistribution(1, 8, 1), ValueKind.Float)), ("m", Hp.RandInt("m", 3)),
            ("n", Hp.Bounded(Hp.LogNormal("n", Math.Log(1e-3), 0.77), 0, 1)), ("o", Hp.Bounded(Hp.Normal("o", 0, 1), 0)),
            ("p", Hp.Bounded(Hp.Normal("p", 0, 1), max: 1)),
            ("q", Hp.PChoice("q", (0.3, Hp.Dict(("x", Hp.Constant(1)))), (0.7, Hp.Dict(("x", Hp.Constant(2)))))),
            ("r", Hp.List(new object?[] { 1L, 2.5, "s", true, false, null, -3L, 7L, 0.25, 3L }.Select(v => (SpaceNode)Hp.Constant(v)))),
            ("quoted key", Hp.Constant(4.0)), ("t", Hp.Constant(1.0)), ("u", Hp.Constant(double.PositiveInfinity)),
            ("v", Hp.Constant(double.NegativeInfinity)), ("w", Hp.Constant(Math.E)), ("x", Hp.Constant(Math.PI)),
            ("y", Hp.Uniform("explicit", 0, 1)), ("z", Hp.Choice("zz", Hp.Constant(1), Hp.Constant(2))));
        Assert.Equal(new StructuredSpace(expected), space);
    }

    [Fact]
    public void Parse_SharedKeysInOptions_AppendOptionIndices()
    {
        var space = SpaceParser.Parse("""{opt: choice({lr: uniform(0, 1), wd: uniform(0, 1)}, {lr: loguniform(-5, 0)}), a: choice(uniform(0, 1), 5)}""");

        Assert.Equal(["opt", "opt.lr.0", "opt.wd", "opt.lr.1", "a", "a.0"], space.Labels);
    }

    [Fact]
    public void Parse_NestedListsAndChoices_UseIndexPaths()
    {
        var space = SpaceParser.Parse("""[{x: uniform(-2, 2), y: uniform(-2, 2)}, choice(choice(randint(3), 1), 2)]""");

        Assert.Equal(["0.x", "0.y", "1", "1.0", "1.0.0"], space.Labels);
    }

    [Fact]
    public void Parse_SyntaxErrors_ReportsEveryOneWithPositionAndCaret()
    {
        const string Text = "{a: uniform(0, 1),\n b: uniform(1 0),\n c: normal(0, -1),\n d: frobnicate(2),\n e: [1, 2,, 3],\n f: `}";

        var error = Assert.Throws<SpaceParseException>(() => SpaceParser.Parse(Text, "bad.space"));

        Assert.Equal(
            [
                "bad.space:2:15: expected ',' or ')', found number 0",
                "bad.space:3:5: normal(): sigma must be a finite number > 0, got -1",
                "bad.space:4:5: unknown function 'frobnicate' (known: uniform, quniform, loguniform, qloguniform, normal, qnormal, lognormal, qlognormal, randint, uniformint, choice, pchoice, bounded, float, int, log, exp, sqrt)",
                "bad.space:5:11: expected a value, found ','",
                "bad.space:6:5: unexpected character '`'",
                "bad.space:6:6: expected a value, found '}'",
            ],
            error.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}: {e.Message}").OrderBy(m => m, StringComparer.Ordinal));
        Assert.Equal(("bad.space", 2, 15), (error.File, error.Line, error.Column));
        Assert.StartsWith("bad.space:2:15: expected ',' or ')', found number 0 (and 5 more errors)", error.Message, StringComparison.Ordinal);
        Assert.Equal("bad.space:3:5: normal(): sigma must be a finite number > 0, got -1\n c: normal(0, -1),\n    ^", error.Errors.Single(e => e.Line == 3).ToDisplayString());
    }

    [Theory]
    [InlineData("uniform(0, 1)", "<space>:1:1: 'uniform' at the top level needs a label, e.g. uniform(…, label: \"name\")")]
    [InlineData("{\"a.b\": uniform(0, 1), a: {b: uniform(0, 2)}}", "<space>:1:31: duplicate label 'a.b' (also at 1:9)")]
    [InlineData("{a: uniform(0, 1, label: \"x\"), b: normal(0, 1, label: \"x\")}", "<space>:1:35: duplicate label 'x' (also at 1:5)")]
    [InlineData("{a: 1, a: 2}", "<space>:1:8: duplicate key 'a'")]
    [InlineData("{a: uniform(0, 1) + 1}", "<space>:1:19: '+' applies to numbers only; search-space arithmetic is not supported")]
    [InlineData("{a: -choice(1, 2)}", "<space>:1:5: unary '-' applies to numbers only")]
    [InlineData("{a: int(uniform(0, 1))}", "<space>:1:5: int() applies to parameters with whole-number values")]
    [InlineData("{a: pchoice((0.5, 1), 2)}", "<space>:1:23: pchoice(): each option is a pair (probability, option)")]
    [InlineData("{a: pchoice((0.5, 1), (0.2, 2))}", "<space>:1:5: pchoice(): probabilities sum to 0.7, not 1")]
    [InlineData("{a: choice()}", "<space>:1:5: choice(): a choice needs at least one option")]
    [InlineData("{a: choice(1, lable: \"x\")}", "<space>:1:15: choice() has no argument 'lable'")]
    [InlineData("{a: uniform(0, 1, label: 3)}", "<space>:1:26: uniform(): label is a non-blank string")]
    [InlineData("{a: uniform(low: 0, 1)}", "<space>:1:21: uniform(): a positional argument cannot follow a named one")]
    [InlineData("{a: uniform(0, x)}", "<space>:1:16: unknown name 'x'")]
    [InlineData("{a: \"open}", "<space>:1:5: unterminated string")]
    [InlineData("{a: 1 / 0}", "<space>:1:7: 1 / 0 is not a number")]
    [InlineData("{a: log(0)}", "<space>:1:5: log(0) is not a real number")]
    [InlineData("{a: 99999999999999999999}", "<space>:1:5: integer 99999999999999999999 does not fit 64 bits")]
    [InlineData("{a: (1, 2)}", "<space>:1:5: a tuple is only valid as a pchoice option")]
    [InlineData("{a: 1} extra", "<space>:1:8: expected the end of the space, found 'extra'")]
    [InlineData("{a: [1, 2}", "<space>:1:10: expected ']' to close the '[' at 1:5, found '}'")]
    public void Parse_SemanticErrors_AreReportedAtTheirPosition(string text, string message)
    {
        var error = Assert.Throws<SpaceParseException>(() => SpaceParser.Parse(text));

        Assert.StartsWith(message, $"{error.File ?? "<space>"}:{error.Line}:{error.Column}: {error.Errors[0].Message}", StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BadText_ReturnsErrorsInsteadOfThrowing()
    {
        Assert.False(SpaceParser.TryParse("{a: }", null, out var space, out var errors));
        Assert.Null(space);
        Assert.Equal("expected a value, found '}'", Assert.Single(errors).Message);
        Assert.True(SpaceParser.TryParse("{a: 1}", null, out space, out errors));
        Assert.Equal(new StructuredSpace(Hp.Dict(("a", Hp.Constant(1)))), space);
        Assert.Empty(errors);
    }

    [Fact]
    public void ParseExpression_EmbeddedInALargerLanguage_StopsAfterTheSpace()
    {
        var tokens = Lexer.Tokenize("hp ~ {lr: loguniform(-5, 0)} samples 20");
        Assert.True(tokens.Next().IsIdentifier("hp"));
        Assert.True(tokens.TrySymbol("~"));

        var space = SpaceParser.ParseExpression(tokens);

        Assert.Equal(["lr"], space!.Labels);
        Assert.True(tokens.Next().IsIdentifier("samples"));
        Assert.Equal(20L, tokens.Next().Value);
        Assert.True(tokens.AtEnd);
        Assert.Empty(tokens.Errors);
    }

    [Theory]
    [InlineData("{a: [1, 2) , 3]}")]
    [InlineData("{a: (1, 2]}")]
    [InlineData("{a: uniform(0, 1]}")]
    [InlineData("{a: choice(1, {b: 2)}")]
    [InlineData("[[[[")]
    [InlineData("{a: 1]]]]]]")]
    public void Parse_MismatchedClosers_ReportTheBracketLeftOpenOnce(string text)
    {
        var error = Assert.Throws<SpaceParseException>(() => SpaceParser.Parse(text));

        Assert.Contains(" to close the ", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ArbitraryTokenSoup_EndsWithASpaceOrAFewPositionedErrors()
    {
        // Recovery must make progress on any input: a pass that neither consumes a token nor leaves its loop would add
        // the same error until the error cap, which this property catches (every real error needs a token of its own).
        string[] pieces = ["{", "}", "[", "]", "(", ")", ",", ":", "a", "b:", "1", "-2.5", "\"s\"", "uniform", "choice", "+", "@", "`", " "];
        var soup = Gen.Choose(0, 30).SelectMany(n => Gen.Elements(pieces).ArrayOf(n)).Select(p => string.Concat(p));
        Check.QuickThrowOnFailure(Prop.ForAll(Arb.From(soup), text =>
        {
            if (!SpaceParser.TryParse(text, null, out var space, out var errors))
            {
                Assert.Null(space);
                Assert.InRange(errors.Count, 1, (2 * text.Length) + 2); // at most 2 per character, far below the cap a runaway hits
                Assert.All(errors, e => Assert.True(e.Line == 1 && e.Column >= 1 && e.Column <= text.Length + 1, $"{e.Line}:{e.Column} in '{text}'"));
            }
        }));
    }

    [Fact]
    public void Parse_IntAndFloatOfConstants_KeepTheirKind()
    {
        // A long/double conditional once turned int(5) into 5.0.
        var space = SpaceParser.Parse("{a: int(5), b: float(5), c: int(2.7)}");

        var values = (IDictionary<string, object?>)space.Evaluate(new Dictionary<string, double>())!;
        Assert.IsType<long>(values["a"]);
        Assert.Equal(5L, values["a"]);
        Assert.IsType<double>(values["b"]);
        Assert.Equal(2L, values["c"]);
    }
}
