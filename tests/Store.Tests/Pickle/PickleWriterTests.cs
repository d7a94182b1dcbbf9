using System.Buffers;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>What Python makes of our pickles: equal, same-typed values, valid framing, CPython's own opcode choices.</summary>
public sealed class PickleWriterTests
{
    public static TheoryData<int> Protocols => [2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Write_RichValue_PythonLoadsTypeStrictEqualValueWithSharingAndCycle(int protocol)
    {
        var verdict = PickleOracle.Run(
            """
            import make_golden, oracle
            v = pickle.loads(data)
            print(oracle.same(v, make_golden.rich()), v['shared'][0] is v['shared'][1], v['recursive'][1] is v['recursive'])
            """,
            PickleWriter.Write(PickleSamples.Rich(), protocol));

        Assert.Equal("True True True", verdict);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Write_Output_PickletoolsAndThePurePythonUnpicklerAccept(int protocol)
    {
        var large = new PyDict
        {
            ["rich"] = PickleSamples.Rich(),
            ["many"] = new PyList(Enumerable.Range(0, 30_000).Select(i => (PyValue)new PyDict { ["tid"] = i, ["loss"] = i / 3.0 })),
            ["big text"] = new string('t', 70_000),
            ["big bytes"] = new PyBytes(new byte[80_000]),
            ["big bytearray"] = new PyByteArray(new byte[90_000]),
        };

        // pickle._loads is the pure-Python unpickler: unlike the C one it checks that no opcode straddles a frame.
        var verdict = PickleOracle.Run(
            """
            out = io.StringIO()
            pickletools.dis(data, out=out)
            v = pickle._loads(data)
            print(out.getvalue().splitlines()[-1], len(v['many']), pickle.loads(data)['many'][29999])
            """,
            PickleWriter.Write(large, protocol));

        Assert.Equal($"highest protocol among opcodes = {protocol} 30000 {{'tid': 29999, 'loss': 9999.666666666666}}", verdict);
    }

    [Fact]
    public void Write_LargeState_FramesAndLargePayloadsExactlyAsCPython()
    {
        var value = new PyDict
        {
            ["trials"] = new PyList(Enumerable.Range(0, 20_000).Select(i => (PyValue)new PyDict { ["tid"] = i, ["result"] = new PyDict { ["loss"] = 1.0 / (i + 1), ["status"] = "ok" } })),
            ["note"] = new string('n', 65_535),
            ["blob"] = new PyBytes(new byte[65_536]),
            ["text"] = new string('é', 40_000),
            ["tail"] = new PyList(1, 2, 3),
        };

        foreach (var protocol in new[] { 4, 5 })
        {
            var ours = PickleWriter.Write(value, protocol);
            Assert.Equal(Convert.ToHexString(PickleOracle.Redump(ours, protocol)), Convert.ToHexString(ours));
        }
    }

    [Fact]
    public void Write_BatchBoundaries_AsCPython()
    {
        var value = new PyList(
            new PyList(Enumerable.Range(0, 999).Select(i => (PyValue)i)),
            new PyList(Enumerable.Range(0, 1000).Select(i => (PyValue)i)),
            new PyList(Enumerable.Range(0, 1001).Select(i => (PyValue)i)),
            new PyList(Enumerable.Range(0, 2001).Select(i => (PyValue)i)),
            new PyDict(Enumerable.Range(0, 1000).Select(i => KeyValuePair.Create((PyValue)i, (PyValue)i))),
            new PyDict(Enumerable.Range(0, 1001).Select(i => KeyValuePair.Create((PyValue)i, (PyValue)i))),
            new PySet(false, Enumerable.Range(0, 1000).Select(i => (PyValue)i)),
            new PySet(false, Enumerable.Range(0, 1001).Select(i => (PyValue)i)),
            new PyList(1),
            new PyList(),
            new PyDict(),
            new PyDict { [1] = 2 },
            new PySet(false),
            new PySet(false, 1),
            new PySet(true));

        foreach (var protocol in new[] { 2, 4 })
        {
            var ours = PickleWriter.Write(value, protocol);
            Assert.Equal(Convert.ToHexString(PickleOracle.Redump(ours, protocol)), Convert.ToHexString(ours));
        }
    }

    [Fact]
    public void Write_ObjectItemsInBatches_AsCPythonForListAndDictSubclasses()
    {
        var original = Convert.FromHexString(PickleOracle.Run(
            """
            import foreign
            items, mapping = foreign.Items(range(2001)), foreign.Mapping((i, i) for i in range(1001))
            sys.stdout.write(pickle.dumps([items, mapping, foreign.Items([1]), foreign.Mapping(a=1)], protocol=4).hex())
            """,
            []));

        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(PickleWriter.Write(PickleReader.Read(original))));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Write_DatetimeFamily_AsCPythonWithFoldFromProtocol4(int protocol)
    {
        var utcPlus2 = new PyOpaque(new PyGlobal("datetime", "timezone"), PyOpaqueKind.Reduce, new PyTuple(new PyTimeDelta(0, 7200, 0)));
        var value = new PyList(
            new PyDateTime(new DateTime(2021, 11, 7, 1, 30, 0).AddTicks(10), fold: true),
            new PyDateTime(new DateTime(1, 1, 1), utcPlus2),
            new PyTime(new TimeOnly(1, 30), utcPlus2, fold: true),
            new PyDate(new DateOnly(9999, 12, 31)),
            new PyTimeDelta(-999_999_999, 0, 1));

        var ours = PickleWriter.Write(value, protocol);

        var python = PickleOracle.Run(
            $"""
            import datetime as d
            tz = d.timezone(d.timedelta(seconds=7200))
            expected = [d.datetime(2021, 11, 7, 1, 30, 0, 1, fold=1), d.datetime(1, 1, 1, tzinfo=tz), d.time(1, 30, tzinfo=tz, fold=1),
                        d.date(9999, 12, 31), d.timedelta(-999999999, 0, 1)]
            v = pickle.loads(data)
            print(pickle.dumps(expected, protocol={protocol}) == data, v[0].fold, v[2].fold, v == expected)
            """,
            ours);
        Assert.Equal(protocol >= 4 ? "True 1 1 True" : "True 0 0 True", python);
    }

    [Fact]
    public void Write_Protocol2_OnlyProtocol2Opcodes()
    {
        var python = PickleOracle.Run(
            "print(max(op.proto for op, _, _ in pickletools.genops(data)), sorted({op.name for op, _, _ in pickletools.genops(data)} & {'FRAME', 'MEMOIZE', 'STACK_GLOBAL', 'SHORT_BINUNICODE', 'SHORT_BINBYTES', 'BINBYTES', 'EMPTY_SET'}))",
            PickleWriter.Write(PickleSamples.Rich(), 2));

        Assert.Equal("2 []", python);
    }

    [Fact]
    public void Write_BufferWriterAndStream_SameBytesAsArray()
    {
        var value = PickleSamples.Rich();
        var buffer = new ArrayBufferWriter<byte>();
        using var stream = new MemoryStream();

        PickleWriter.Write(value, buffer);
        PickleWriter.Write(value, stream, 2);

        Assert.Equal(PickleWriter.Write(value), buffer.WrittenSpan.ToArray());
        Assert.Equal(PickleWriter.Write(value, 2), stream.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void Write_UnsupportedProtocol_Refused(int protocol)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PickleWriter.Write(PyNone.Instance, protocol));
    }

    [Fact]
    public void Write_KeywordConstructedObjectBelowProtocol4_ClearError()
    {
        var value = new PyOpaque(new PyGlobal("user_mod", "KeywordNew"), PyOpaqueKind.NewObjEx, new PyTuple(3), new PyDict { ["y"] = 4 });

        var error = Assert.Throws<ArgumentException>(() => PickleWriter.Write(value, 3));

        Assert.Contains("user_mod.KeywordNew", error.Message, StringComparison.Ordinal);
        Assert.Equal("True", PickleOracle.Run("import foreign\nprint(pickle.loads(data) == foreign.KeywordNew(3, y=4))", PickleWriter.Write(value)));
    }

    [Fact]
    public void Write_NaNAndSignedZero_BitsPreserved()
    {
        var value = new PyList(double.NaN, PickleSamples.PythonNaN, -0.0);

        Assert.Equal(
            "fff8000000000000 7ff8000000000000 8000000000000000",
            PickleOracle.Run("import struct\nprint(*(struct.pack('>d', f).hex() for f in pickle.loads(data)))", PickleWriter.Write(value)));
    }
}
