using System.Globalization;
using System.Text.RegularExpressions;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>The session states the original Python Slurm Search wrote (Fixtures/slurm_search, see its README) load, display and write back.</summary>
public sealed partial class SlurmSearchFixtureTests
{
    public static TheoryData<string> Sessions => ["tpe_objref", "rand_complete_plain"];

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Read_Fixture_TopLevelKeysInTheOriginalsOrder(string session)
    {
        var state = (PyDict)PickleReader.Read(PickleOracle.Fixture(session));

        Assert.Equal(
            ["space", "interruptable", "objective", "algo", "strategy", "max_evals", "trials", "status", "start_time"],
            state.Keys.Select(k => ((PyStr)k).Value));
        Assert.Equal(new DateTime(2026, 11, 21, 7, 54, 10), TruncateToSecond(((PyDateTime)state["start_time"]).Value));
    }

    [Theory]
    [InlineData("tpe_objref", 33, 0.1171)]
    [InlineData("rand_complete_plain", 10, 0.2458)]
    public void Read_Fixture_TrialLossesAreThoseInPythonsRepr(string session, int trialCount, double best)
    {
        var trials = ((PyList)((PyDict)PickleReader.Read(PickleOracle.Fixture(session)))["trials"]).Items.Cast<PyDict>().ToList();

        var losses = trials.Select(t => (PyDict)t["result"]).Where(r => r.ContainsKey("loss")).Select(r => ((PyFloat)r["loss"]).Value).ToList();
        var repr = File.ReadAllText(Path.Combine(PickleOracle.FixtureDirectory, session, "session_state.repr.txt"));
        var expected = LossInRepr().Matches(repr).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(trialCount, trials.Count);
        Assert.Equal(expected, losses);
        Assert.Equal(best, Math.Round(losses.Min(), 4));
    }

    [Fact]
    public void Read_TpeObjref_NumpyValsAreFloatsAndIdxsInts()
    {
        var trials = ((PyList)((PyDict)PickleReader.Read(PickleOracle.Fixture("tpe_objref")))["trials"]).Items.Cast<PyDict>();

        foreach (var misc in trials.Select(t => (PyDict)t["misc"]))
        {
            Assert.All(((PyDict)misc["vals"]).Values, v => Assert.IsType<PyFloat>(Assert.Single(((PyList)v).Items)));
            Assert.All(((PyDict)misc["idxs"]).Values, v => Assert.IsType<PyInt>(Assert.Single(((PyList)v).Items)));
            Assert.Equal(new PyTuple("domain_attachment", "FMinIter_Domain"), misc["cmd"]);
        }

        var first = (PyDict)((PyDict)trials.First()["misc"])["vals"];
        Assert.Equal(-0.916383976182614, ((PyFloat)((PyList)first["x"])[0]).Value);
    }

    [Fact]
    public void Read_TpeObjref_ObjectiveIsAGlobalReference()
    {
        var state = (PyDict)PickleReader.Read(PickleOracle.Fixture("tpe_objref"));

        Assert.Equal(new PyGlobal("make_slurm_states", "objective"), state["objective"]);
        Assert.Equal(PyNone.Instance, ((PyDict)PickleReader.Read(PickleOracle.Fixture("rand_complete_plain")))["objective"]);
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Read_Fixture_SpaceIsInertPyllGraph(string session)
    {
        var space = (PyList)((PyDict)PickleReader.Read(PickleOracle.Fixture(session)))["space"];

        // Apply("float", [Apply("hyperopt_param", [Literal("x"), Apply("uniform", [Literal(-2), Literal(2)])])])
        var x = Assert.IsType<PyOpaque>(((PyDict)space[0])["x"]);
        Assert.Equal(("hyperopt.pyll.base.Apply", PyOpaqueKind.NewObj, "float"), (x.Callable.FullName, x.Kind, Name(x)));
        Assert.Equal(["name", "pos_args", "named_args", "o_len", "pure", "define_params"], x.StateDict!.Keys.Select(k => ((PyStr)k).Value));
        var param = (PyOpaque)((PyList)x.StateDict["pos_args"])[0];
        Assert.Equal("hyperopt_param", Name(param));
        var (label, uniform) = ((PyOpaque)((PyList)param.StateDict!["pos_args"])[0], (PyOpaque)((PyList)param.StateDict["pos_args"])[1]);
        Assert.Equal(("hyperopt.pyll.base.Literal", (PyValue)"x"), (label.Callable.FullName, label.StateDict!["_obj"]));
        Assert.Equal("uniform", Name(uniform));
        Assert.Equal([-2, 2], ((PyList)uniform.StateDict!["pos_args"]).Items.Select(l => (int)((PyInt)((PyOpaque)l).StateDict!["_obj"]).ToInt64()));
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Write_WholeFixtureState_PythonLoadsTheSameNonForeignContent(string session)
    {
        var original = PickleOracle.Fixture(session);

        var rewritten = PickleWriter.Write(PickleReader.Read(original));

        // hyperopt and make_slurm_states are not importable here: a find_class override maps every foreign global to a
        // stand-in that records what it was given; numpy scalars are compared by their numbers (how we write them).
        var verdict = PickleOracle.Run(
            $$"""
            import pprint, struct, oracle

            class Stand:
                where = '?'
                def __new__(cls, *args, **kwargs):
                    self = object.__new__(cls)
                    self.args, self.kwargs, self.state, self.items = args, kwargs, None, []
                    return self
                def __init__(self, *args, **kwargs):
                    pass
                def __setstate__(self, state):
                    self.state = state
                def append(self, item):
                    self.items.append(item)

            def scalar(dtype, raw):
                return struct.unpack('<' + {'f8': 'd', 'i8': 'q'}[dtype.args[0]], raw)[0]

            classes = {}
            class Loader(pickle.Unpickler):
                def find_class(self, module, name):
                    if module in ('builtins', 'datetime', 'copyreg', '_codecs'):
                        return super().find_class(module, name)
                    if name == 'scalar':
                        return scalar
                    return classes.setdefault((module, name), type(name, (Stand,), {'where': module + '.' + name}))

            def plain(x):
                if isinstance(x, Stand):
                    return {'__class__': x.where, 'args': plain(x.args), 'state': plain(x.state), 'items': plain(x.items)}
                if isinstance(x, type) and issubclass(x, Stand):
                    return '<global ' + x.where + '>'
                if isinstance(x, dict):
                    return {plain(k): plain(v) for k, v in x.items()}
                if isinstance(x, (list, tuple)):
                    return type(x)(plain(i) for i in x)
                return x

            theirs = plain(Loader(io.BytesIO(bytes.fromhex('{{Convert.ToHexString(original)}}'))).load())
            ours = plain(Loader(io.BytesIO(data)).load())
            print('ok' if oracle.same(ours, theirs) and pprint.pformat(ours) == pprint.pformat(theirs) else pprint.pformat(ours)[:3000])
            """,
            rewritten);
        Assert.Equal("ok", verdict);
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Write_FixtureTwice_IsDeterministicAndStable(string session)
    {
        var once = PickleWriter.Write(PickleReader.Read(PickleOracle.Fixture(session)));

        Assert.Equal(once, PickleWriter.Write(PickleReader.Read(once)));
    }

    private static string Name(PyOpaque apply) => ((PyStr)apply.StateDict!["name"]).Value;

    private static DateTime TruncateToSecond(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    [GeneratedRegex(@"'loss': ([-0-9.e+]+)")]
    private static partial Regex LossInRepr();
}
