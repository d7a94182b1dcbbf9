using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Pickles written by CPython 3.11 (Golden/make_golden.py) read to the expected values and write back to the same bytes.</summary>
public sealed class PickleGoldenTests
{
    public static TheoryData<int> AllProtocols => [0, 1, 2, 3, 4, 5];

    public static TheoryData<int> WrittenProtocols => [2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public void Read_RichGolden_EqualsTheValuePythonPickled(int protocol)
    {
        var value = PickleReader.Read(PickleOracle.Golden($"rich_p{protocol}.pickle"));

        Assert.True(PyEquality.Equal(PickleSamples.Rich(), value), PyRepr.Format(value));
        var dict = (PyDict)value;
        var shared = (PyList)dict["shared"];
        Assert.Same(shared[0], shared[1]);
        var recursive = (PyList)dict["recursive"];
        Assert.Same(recursive, recursive[1]);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(6_789_010), ((PyDateTime)dict["datetime"]).Value);
    }

    [Theory]
    [MemberData(nameof(WrittenProtocols))]
    public void Write_RichGoldenReadBack_ReproducesCPythonBytes(int protocol)
    {
        var golden = PickleOracle.Golden($"rich_p{protocol}.pickle");

        var written = PickleWriter.Write(PickleReader.Read(golden), protocol);

        Assert.Equal(Convert.ToHexString(golden), Convert.ToHexString(written));
    }

    [Theory]
    [MemberData(nameof(WrittenProtocols))]
    public void Write_RichValueBuiltInCSharp_EqualsCPythonBytes(int protocol)
    {
        var written = PickleWriter.Write(PickleSamples.Rich(), protocol);

        Assert.Equal(Convert.ToHexString(PickleOracle.Golden($"rich_p{protocol}.pickle")), Convert.ToHexString(written));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Read_NumpyScalars_DecodeToPlainNumbers(int protocol)
    {
        var value = PickleReader.Read(PickleOracle.Golden($"numpy_p{protocol}.pickle"));

        Assert.True(PyEquality.Equal(PickleSamples.NumpyScalars(), value), PyRepr.Format(value));
    }

    [Fact]
    public void Read_ForeignObjects_AreInertOpaqueValuesOfEachConstructionKind()
    {
        var items = ((PyList)PickleReader.Read(PickleOracle.Golden("foreign_p4.pickle"))).Items;

        var plain = Assert.IsType<PyOpaque>(items[0]);
        Assert.Equal(("user_mod.Plain", PyOpaqueKind.NewObj), (plain.Callable.FullName, plain.Kind));
        Assert.Equal(new PyDict { ["a"] = 1, ["b"] = new PyList(2) }, plain.State);
        var reduced = Assert.IsType<PyOpaque>(items[1]);
        Assert.Equal((PyOpaqueKind.Reduce, new PyTuple("x", new PyTuple(1, 2))), (reduced.Kind, reduced.Args));
        Assert.Null(reduced.State);
        var keyword = Assert.IsType<PyOpaque>(items[2]);
        Assert.Equal((PyOpaqueKind.NewObjEx, new PyTuple(3), new PyDict { ["y"] = 4 }), (keyword.Kind, keyword.Args, keyword.Kwargs));
        var slotted = Assert.IsType<PyOpaque>(items[3]);
        Assert.Equal(new PyTuple(new PyDict { ["d"] = "dict part" }, new PyDict { ["s"] = 7 }), slotted.State);
        Assert.Equal(new PyDict { ["d"] = "dict part" }, slotted.StateDict);
        var list = Assert.IsType<PyOpaque>(items[4]);
        Assert.Equal([1, 2, 3], list.ListItems.Select(i => (int)((PyInt)i).ToInt64()));
        Assert.Equal(new PyDict { ["tag"] = "listy" }, list.State);
        var mapping = Assert.IsType<PyOpaque>(items[5]);
        Assert.Equal([new("k", "v"), new("n", 2)], mapping.DictItems);
        var nested = Assert.IsType<PyOpaque>(items[6]);
        Assert.Equal("user_mod.Outer.Inner", nested.Callable.FullName);
        Assert.Equal(new PyGlobal("user_mod", "function"), items[7]);
        var aware = Assert.IsType<PyDateTime>(items[8]);
        var utc = Assert.IsType<PyOpaque>(aware.TzInfo);
        Assert.Equal(("datetime.timezone", new PyTuple(new PyTimeDelta(0, 0, 0))), (utc.Callable.FullName, utc.Args));
    }

    [Fact]
    public void Read_ForeignObjectsAtProtocol2_NestedClassIsOneGlobal()
    {
        var items = ((PyList)PickleReader.Read(PickleOracle.Golden("foreign_p2.pickle"))).Items;

        Assert.Equal("user_mod.Outer.Inner", Assert.IsType<PyOpaque>(items[6]).Callable.FullName);
        Assert.Equal(new PyGlobal("user_mod", "function"), items[7]);
    }

    [Theory]
    [InlineData("foreign_p2.pickle", 2)]
    [InlineData("foreign_p4.pickle", 4)]
    public void Write_ForeignObjectsReadBack_PythonLoadsEqualObjects(string golden, int protocol)
    {
        var original = PickleOracle.Golden(golden);

        var rewritten = PickleWriter.Write(PickleReader.Read(original), protocol);

        var verdict = PickleOracle.Run(
            $$"""
            import foreign, oracle
            ours, theirs = pickle.loads(data), pickle.loads(bytes.fromhex('{{Convert.ToHexString(original)}}'))
            print('ok' if oracle.same(ours, theirs) else f'differ: {ours!r} vs {theirs!r}')
            """,
            rewritten);
        Assert.Equal("ok", verdict);
    }

    [Fact]
    public void Write_ForeignObjectsReadBack_ReproducesCPythonBytes()
    {
        var original = PickleOracle.Golden("foreign_p4.pickle");

        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(PickleWriter.Write(PickleReader.Read(original))));
    }

    [Fact]
    public void Write_NumpyScalarsReadBack_PythonSeesPlainNumbersOfTheScalarsValues()
    {
        var original = PickleOracle.Golden("numpy_p4.pickle");

        var rewritten = PickleWriter.Write(PickleReader.Read(original));

        var verdict = PickleOracle.Run(
            $"""
            import foreign, struct
            ours, theirs = pickle.loads(data), pickle.loads(bytes.fromhex('{Convert.ToHexString(original)}'))
            fmt = dict(f2='e', f4='f', f8='d', i1='b', i2='h', i4='i', i8='q', u1='B', u2='H', u4='I', u8='Q', b1='?')
            kind = dict(f=float, i=int, u=int, b=bool)
            print(all(type(o) is kind[code[0]] and o == struct.unpack(('>' if order == '>' else '<') + fmt[code], raw)[0]
                      for o, (_, code, order, raw) in zip(ours, theirs, strict=True)))
            """,
            rewritten);
        Assert.Equal("True", verdict);
    }
}
