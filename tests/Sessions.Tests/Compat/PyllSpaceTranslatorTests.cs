using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions.Compat;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;
using static SlurmSearch.Sessions.Tests.Compat.Pyll;

namespace SlurmSearch.Sessions.Tests.Compat;

public sealed class PyllSpaceTranslatorTests
{
    private static readonly StructuredSpace FixtureSpace = new(Hp.List(Hp.Dict(("x", Hp.Uniform("x", -2, 2)), ("y", Hp.Uniform("y", -2, 2)))));

    [Fact]
    public void Translate_HandBuiltFixtureGraph_GivesTheOneElementListOfXAndY()
    {
        var stored = new PyList(new PyDict { ["x"] = Param("uniform", "x", -2, 2), ["y"] = Param("uniform", "y", -2, 2) });

        Assert.True(PyllSpaceTranslator.ContainsPyll(stored));
        Assert.Equal(FixtureSpace, PyllSpaceTranslator.Translate(stored));
    }

    [Theory]
    [InlineData("tpe_objref")]
    [InlineData("rand_complete_plain")]
    public void Translate_OriginalSessionPickle_GivesTheOneElementListOfXAndY(string name)
    {
        var state = (PyDict)PickleReader.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "slurm_search", name, "session_state.pickle")));

        var space = PyllSpaceTranslator.Translate(state["space"]);

        Assert.Equal(FixtureSpace, space);
        Assert.Equal("[{x: uniform(-2, 2, label: \"x\"), y: uniform(-2, 2, label: \"y\")}]", space.ToString());
    }

    [Fact]
    public void Translate_GraphPickledByPython_CoversChoicePchoiceIntsAndContainers()
    {
        // pyll is not installed here: stand-in classes pickle exactly as hyperopt's Apply/Literal do (NEWOBJ + BUILD of
        // the same attributes), and helpers build the graphs hyperopt 0.2.7's hp functions build.
        var bytes = Convert.FromBase64String(Python.Check(
            """
            import base64, math, pickle, sys, types
            for name in ("hyperopt", "hyperopt.pyll", "hyperopt.pyll.base"):
                sys.modules[name] = types.ModuleType(name)
            class Apply:
                def __init__(self, name, pos_args, named_args, o_len=None, pure=False, define_params=None):
                    self.name, self.pos_args = name, list(pos_args)
                    self.named_args = [[k, v] for k, v in named_args]
                    self.o_len, self.pure, self.define_params = o_len, pure, define_params
            class Literal(Apply):
                def __init__(self, obj=None):
                    try: o_len = len(obj)
                    except TypeError: o_len = None
                    Apply.__init__(self, "literal", [], {}, o_len, pure=True)
                    self._obj = obj
            for cls in (Apply, Literal):
                cls.__module__ = "hyperopt.pyll.base"
                setattr(sys.modules["hyperopt.pyll.base"], cls.__name__, cls)
            def as_apply(obj):
                if isinstance(obj, Apply): return obj
                if isinstance(obj, tuple): return Apply("pos_args", [as_apply(a) for a in obj], {}, len(obj))
                if isinstance(obj, list): return Apply("pos_args", [as_apply(a) for a in obj], {}, None)
                if isinstance(obj, dict): return Apply("dict", [], [(k, as_apply(v)) for k, v in sorted(obj.items())], len(obj))
                return Literal(obj)
            def scope(name, *args, **kwargs):
                return Apply(name, [as_apply(a) for a in args], sorted((k, as_apply(v)) for k, v in kwargs.items()), pure=name in ("float", "int"))
            def param(fn, label, *args, **kwargs): return scope("hyperopt_param", label, scope(fn, *args, **kwargs))
            def hp_float(fn, label, *args, **kwargs): return scope("float", param(fn, label, *args, **kwargs))
            def choice(label, options): return scope("switch", param("randint", label, len(options)), *options)
            def pchoice(label, p_options):
                p, options = list(zip(*p_options))
                return scope("switch", param("categorical", label, p, upper=len(options)), *options)
            space = {
                "lr": hp_float("loguniform", "lr", math.log(1e-5), math.log(1e-1)),
                "layers": scope("int", hp_float("quniform", "layers", 1, 8, q=1)),
                "opt": choice("opt", [{"name": "sgd", "momentum": hp_float("uniform", "momentum", 0, 0.99)},
                                      {"name": "adam", "beta": pchoice("beta", [(0.3, 0.9), (0.7, 0.99)])}]),
                "seed": param("randint", "seed", 10, 20),
                "n": param("randint", "n", 5),
                "w": hp_float("qnormal", "w", 0, 1, 1),
                "pair": (1, "a"),
                "nested": as_apply({"b": [2.5, None, True], "a": hp_float("lognormal", "a", 0, 1)}),
            }
            sys.stdout.write(base64.b64encode(pickle.dumps([space], protocol=4)).decode())
            """));

        var space = PyllSpaceTranslator.Translate(PickleReader.Read(bytes));

        var expected = Hp.List(Hp.Dict(
            ("lr", Hp.LogUniform("lr", Math.Log(1e-5), Math.Log(1e-1))),
            ("layers", Hp.UniformInt("layers", 1, 8)),
            ("opt", Hp.Choice(
                "opt",
                Hp.Dict(("momentum", Hp.Uniform("momentum", 0, 0.99)), ("name", Hp.Constant("sgd"))),
                Hp.Dict(("beta", Hp.PChoice("beta", (0.3, Hp.Constant(0.9)), (0.7, Hp.Constant(0.99)))), ("name", Hp.Constant("adam"))))),
            ("seed", Hp.RandInt("seed", 10, 20)),
            ("n", Hp.RandInt("n", 5)),
            ("w", new ParameterNode("w", new NormalDistribution(0, 1, 1), ValueKind.Float)),
            ("pair", Hp.List(Hp.Constant(1L), Hp.Constant("a"))),
            ("nested", Hp.Dict(("a", Hp.LogNormal("a", 0, 1)), ("b", Hp.List(Hp.Constant(2.5), Hp.Constant(null), Hp.Constant(true)))))));
        Assert.Equal(new StructuredSpace(expected), space);
        Assert.Equal(["lr", "layers", "opt", "momentum", "beta", "seed", "n", "w", "a"], space.Labels);
    }

    [Fact]
    public void Translate_BareHyperoptParamAndNamedArguments_AreUnderstood()
    {
        var stored = Apply("dict", named:
        [
            ("q", Apply("hyperopt_param", [Literal("q"), Apply("quniform", [Literal(0)], [("high", Literal(10)), ("q", Literal(2))])])),
            ("b", Apply("bounded", [Param("normal", "b", 0, 1)], [("max", Literal(1)), ("min", Literal(PyNone.Instance))])),
            ("k", Apply("switch", [Apply("hyperopt_param", [Literal("k"), Apply("randint", named: [("upper", Literal(2))])]), Literal("a"), Literal("b")])),
        ]);

        var space = PyllSpaceTranslator.Translate(stored);

        Assert.Equal(
            new StructuredSpace(Hp.Dict(
                ("q", new ParameterNode("q", new UniformDistribution(0, 10, 2), ValueKind.Float)),
                ("b", Hp.Bounded(Hp.Normal("b", 0, 1), max: 1)),
                ("k", Hp.Choice("k", Hp.Constant("a"), Hp.Constant("b"))))),
            space);
    }

    [Theory]
    [MemberData(nameof(BadGraphs))]
    public void Translate_UnsupportedGraph_ThrowsNamingTheNodeAndPath(string scenario, PyValue stored, string message)
    {
        var error = Assert.Throws<FormatException>(() => PyllSpaceTranslator.Translate(stored));

        Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), $"{scenario}: {error.Message}");
    }

    public static TheoryData<string, PyValue, string> BadGraphs()
    {
        var shared = Param("uniform", "x", 0, 1);
        return new()
        {
            { "arithmetic", new PyList(new PyDict { ["x"] = Apply("add", [Param("uniform", "x", 0, 1), Literal(1)]) }), "pyll space at $[0]['x'] add: unsupported pyll node 'add'" },
            { "no label", new PyDict { ["x"] = Apply("uniform", [Literal(0), Literal(1)]) }, "pyll space at $['x'] uniform: the distribution 'uniform' has no label" },
            { "shared node", new PyList(shared, shared), "pyll space at $[1] float hyperopt_param: this hyperparameter node is used in two places" },
            {
                "option count", Apply("switch", [Apply("hyperopt_param", [Literal("c"), Apply("randint", [Literal(3)])]), Literal(1), Literal(2)]),
                "pyll space at $ switch(c): the index takes 3 values but switch() has 2 options"
            },
            { "bad bounds", new PyDict { ["x"] = Param("uniform", "x", 2, 1) }, "pyll space at $['x'] float hyperopt_param(x) uniform: 'x': low (2) must be below high (1)" },
            { "unknown distribution", new PyDict { ["x"] = Param("beta", "x", 2, 1) }, "pyll space at $['x'] float hyperopt_param(x) beta: unsupported distribution 'beta'" },
            { "opaque", new PyDict { ["f"] = new PyOpaque(new PyGlobal("make_slurm_states", "objective"), PyOpaqueKind.Reduce, PyTuple.Empty) }, "pyll space at $['f']: a objective" },
            { "duplicate labels", new PyList(Param("uniform", "x", 0, 1), Param("normal", "x", 0, 1)), "pyll space: duplicate labels 'x' (2×)" },
            { "non-string key", new PyDict { [1] = Literal(1) }, "pyll space at $: a dict key is a int (1), not a string" },
        };
    }
}
