using System.Numerics;
using System.Text.Json;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Tests.Pickle;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Store.Tests.Values;

/// <summary><c>state show --json</c>: every value kind maps to documented JSON, and the output parses.</summary>
public sealed class PyJsonTests
{
    [Theory]
    [MemberData(nameof(Scalars))]
    public void Serialize_Scalar_DocumentedJson(PyValue value, string json)
    {
        Assert.Equal(json, PyJson.Serialize(value, indented: false));
    }

    public static TheoryData<PyValue, string> Scalars => new()
    {
        { PyNone.Instance, "null" },
        { PyBool.True, "true" },
        { PyInt.Of(-42), "-42" },
        { new PyInt(BigInteger.Pow(2, 100)), "1267650600228229401496703205376" },
        { new PyFloat(1.0), "1.0" },
        { new PyFloat(0.1171875), "0.1171875" },
        { new PyFloat(1e-5), "1e-05" },
        { new PyFloat(1e16), "1e+16" },
        { new PyFloat(double.NaN), "\"NaN\"" },
        { new PyFloat(double.PositiveInfinity), "\"Infinity\"" },
        { new PyFloat(double.NegativeInfinity), "\"-Infinity\"" },
        { new PyStr("é \"q\" \n"), "\"é \\\"q\\\" \\n\"" },
        { new PyStr("lone \udc80"), "\"lone \\udc80\"" },
        { new PyBytes([0, 1, 255]), "{\"__bytes__\":\"AAH/\"}" },
        { new PyByteArray([104, 105]), "{\"__bytearray__\":\"aGk=\"}" },
        { new PyDateTime(new DateTime(2026, 11, 21, 7, 54, 10).AddTicks(3_381_680)), "\"2026-11-21T07:54:10.338168\"" },
        { new PyDateTime(new DateTime(2020, 1, 2)), "\"2020-01-02T00:00:00.000000\"" },
        { new PyDate(new DateOnly(1999, 12, 31)), "\"1999-12-31\"" },
        { new PyTime(new TimeOnly(23, 59, 58)), "\"23:59:58.000000\"" },
        { new PyTimeDelta(1, 5, 250_000), "86405.25" },
        { new PyTimeDelta(-1, 86_399, 999_999), "-0.000001" },
        { new PyGlobal("make_slurm_states", "objective"), "{\"__python__\":\"make_slurm_states.objective\"}" },
    };

    [Fact]
    public void Serialize_AwareDatetime_CarriesTheTimezoneOffset()
    {
        var tz = new PyOpaque(new PyGlobal("datetime", "timezone"), PyOpaqueKind.Reduce, new PyTuple(new PyTimeDelta(-1, 81_000, 0)));

        Assert.Equal("\"2020-05-06T07:08:09.000010-01:30\"", PyJson.Serialize(new PyDateTime(new DateTime(2020, 5, 6, 7, 8, 9).AddTicks(100), tz), indented: false));
    }

    [Fact]
    public void Serialize_Containers_OrderKeptAndNonStringKeysAsRepr()
    {
        var value = new PyDict
        {
            ["z"] = new PyList(1, new PyTuple(2, 3), new PySet(true, 4)),
            [1] = "int key",
            [new PyTuple(1, "a")] = "tuple key",
            [PyNone.Instance] = "None key",
            ["a"] = new PyDict(),
        };

        Assert.Equal(
            "{\"z\":[1,[2,3],[4]],\"1\":\"int key\",\"(1, 'a')\":\"tuple key\",\"None\":\"None key\",\"a\":{}}",
            PyJson.Serialize(value, indented: false));
    }

    [Fact]
    public void Serialize_Opaque_ClassArgsStateAndItems()
    {
        var literal = new PyOpaque(new PyGlobal("hyperopt.pyll.base", "Literal"), PyOpaqueKind.NewObj, PyTuple.Empty) { State = new PyDict { ["_obj"] = "x" } };
        literal.ListItems.Add(1);
        literal.DictItems.Add(new(2, "two"));

        Assert.Equal(
            "{\"__python__\":\"hyperopt.pyll.base.Literal\",\"args\":[],\"state\":{\"_obj\":\"x\"},\"listitems\":[1],\"dictitems\":{\"2\":\"two\"}}",
            PyJson.Serialize(literal, indented: false));
    }

    [Fact]
    public void Serialize_RecursiveAndShared_RecursionMarkedSharingRepeated()
    {
        var shared = new PyList(1);
        var value = new PyList(shared, shared);
        value.Add(value);

        Assert.Equal("[[1],[1],\"<recursive>\"]", PyJson.Serialize(value, indented: false));
    }

    [Fact]
    public void Serialize_Indented_TwoSpaceIndentSameContent()
    {
        var value = new PyDict { ["a"] = new PyList(1, 2) };

        var indented = PyJson.Serialize(value);

        Assert.Equal("{\n  \"a\": [\n    1,\n    2\n  ]\n}", indented.ReplaceLineEndings("\n"));
        Assert.Equal(PyJson.Serialize(value, indented: false), JsonSerializer.Serialize(JsonDocument.Parse(indented).RootElement));
    }

    [Theory]
    [InlineData("tpe_objref")]
    [InlineData("rand_complete_plain")]
    public void Serialize_FixtureState_PythonJsonParsesIt(string session)
    {
        var state = PickleReader.Read(PickleOracle.Fixture(session));
        using var stream = new MemoryStream();

        PyJson.Serialize(stream, state);

        var summary = Python.Check(
            "import json, sys\nd = json.load(sys.stdin)\nprint(len(d['trials']), d['space'][0]['x']['__python__'], d['trials'][0]['misc']['vals']['x'][0], d['start_time'])",
            stdin: stream.ToArray()).Trim();
        var trials = ((PyList)((PyDict)state)["trials"]).Count;
        var firstX = ((PyFloat)((PyList)((PyDict)((PyDict)((PyDict)((PyList)((PyDict)state)["trials"])[0])["misc"])["vals"])["x"])[0]).Value;
        Assert.Equal($"{trials} hyperopt.pyll.base.Apply {PyRepr.FormatFloat(firstX)} {((PyDateTime)((PyDict)state)["start_time"]).Value:yyyy-MM-dd'T'HH:mm:ss.ffffff}", summary);
    }

    [Fact]
    public void Serialize_RichValue_ValidJsonForPython()
    {
        var json = PyJson.Serialize(PickleSamples.Rich());

        var keys = Python.Check("import json, sys\nprint(list(json.loads(sys.stdin.read()))[-6:])", stdin: System.Text.Encoding.UTF8.GetBytes(json)).Trim();

        Assert.Equal("['date', 'time', 'timedelta', 'shared', 'recursive', 'nested']", keys);
    }
}
