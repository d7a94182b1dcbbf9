using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Opcode-level behaviour of the reader, with CPython's <c>pickle.loads</c> as the judge where it can load the input.</summary>
public sealed class PickleReaderTests
{
    [Theory]
    [InlineData(@"(lp0\nI1\naI01\naI00\naL12345678901234567890L\naF1.5\naFnan\naF-inf\naS'py2 \\x41\\n'\naVeuro \\u20ac \\U0001f600 \\\\u0041\np1\na(I1\nI-2\ntp2\na(dp3\nS'k'\np4\nNsag4\na(l(t0g1\na.")]
    [InlineData(@"]q\x00(K\x01M\x00\x01J\xff\xff\xff\xff\x8a\x02\x00\x80\x8b\x02\x00\x00\x00\x01\x80G?\xf8\x00\x00\x00\x00\x00\x00U\x03abcT\x02\x00\x00\x00xyX\x02\x00\x00\x00\xc3\xa9\x88\x89Ne.")]
    [InlineData(@"\x80\x02]r\x00\x01\x00\x00(j\x00\x01\x00\x00K\x012\x30K\x02\x85)\x86K\x03K\x04K\x05\x87e.")]
    [InlineData(@"\x80\x04\x95\x29\x00\x00\x00\x00\x00\x00\x00(\x8f\x94(K\x01K\x02\x90(K\x03\x91\x94\x8c\x01a\x94\x8d\x01\x00\x00\x00\x00\x00\x00\x00b\x8e\x02\x00\x00\x00\x00\x00\x00\x00xyt.")]
    [InlineData(@"\x80\x05\x96\x03\x00\x00\x00\x00\x00\x00\x00abc\x94.")]
    [InlineData(@"(I1\nI2\nI3\nI4\nd.")]
    public void Read_HandMadePickle_SameValueAsPython(string pickle)
    {
        var bytes = PickleBytes.Py(pickle);

        var ours = PickleReader.Read(bytes);

        var theirs = PickleReader.Read(PickleOracle.Redump(bytes, 4));
        Assert.True(PyEquality.Equal(theirs, ours), $"{ours} vs Python's {theirs}");
    }

    [Fact]
    public void Read_Protocol0Memo_GetReturnsTheSameObject()
    {
        var value = (PyList)PickleReader.Read(PickleBytes.Py(@"(lp0\n(lp1\nag1\na."));

        Assert.Same(value[0], value[1]);
    }

    [Fact]
    public void Read_MemoizeAndLongBinGet_ShareIdentity()
    {
        var value = (PyTuple)PickleReader.Read(PickleBytes.Py(@"\x80\x04]\x94j\x00\x00\x00\x00\x86."));

        Assert.Same(value[0], value[1]);
    }

    [Fact]
    public void Read_PutAtFarIndex_KeptWithoutGrowingTheMemo()
    {
        var value = (PyList)PickleReader.Read(PickleBytes.Py(@"(lp4000000000\ng4000000000\na."));

        Assert.Same(value, value[0]);
    }

    [Theory]
    [InlineData("ASCII", @"S'caf\\xe9'\np0\n.", null)]
    [InlineData("latin1", @"S'caf\\xe9'\np0\n.", "café")]
    [InlineData("latin1", @"U\x04caf\xe9.", "café")]
    [InlineData("latin1", @"T\x04\x00\x00\x00caf\xe9.", "café")]
    [InlineData("utf-8", @"U\x05caf\xc3\xa9.", "café")]
    [InlineData("ASCII", @"U\x03caf.", "caf")]
    public void Read_Python2String_DecodedPerEncodingOption(string encoding, string pickle, string? expected)
    {
        var options = new PickleReaderOptions { Encoding = encoding };

        if (expected is null)
        {
            var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(PickleBytes.Py(pickle), options));
            Assert.Equal(0, error.Offset);
            Assert.Contains("not Ascii", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(new PyStr(expected), PickleReader.Read(PickleBytes.Py(pickle), options));
        }
    }

    [Fact]
    public void Read_Python2StringAsBytes_KeepsRawBytes()
    {
        var value = PickleReader.Read(PickleBytes.Py(@"U\x04caf\xe9."), new PickleReaderOptions { Encoding = "bytes" });

        Assert.Equal(new PyBytes(PickleBytes.Py(@"caf\xe9")), value);
    }

    [Fact]
    public void Read_Python2Datetime_LatinOneStateDecodes()
    {
        // What Python 2 wrote for datetime(2020, 1, 2, 3, 4, 5, 6): the packed state as a str; Python 3 reads it with encoding='latin1'.
        var pickle = PickleBytes.Py(@"cdatetime\ndatetime\np0\n(S'\\x07\\xe4\\x01\\x02\\x03\\x04\\x05\\x00\\x00\\x06'\np1\ntp2\nRp3\n.");

        var value = PickleReader.Read(pickle, new PickleReaderOptions { Encoding = "latin1" });

        Assert.Equal(new PyDateTime(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(60)), value);
    }

    [Fact]
    public void Read_InstAndObj_InertObjectsPythonRebuildsFromOurRewrite()
    {
        // Protocol 0/1 instances (Python 2 old-style classes): INST names the class by text, OBJ takes it from the stack.
        var inst = PickleBytes.Py(@"(iuser_mod\nPlain\np0\n(dp1\nS'a'\nI1\nsb.");
        var obj = PickleBytes.Py(@"(cuser_mod\nPlain\nq\x00o}q\x01U\x01aK\x01sb.");

        foreach (var pickle in new[] { inst, obj })
        {
            var value = Assert.IsType<PyOpaque>(PickleReader.Read(pickle));
            Assert.Equal((PyOpaqueKind.Inst, "user_mod.Plain", PyTuple.Empty), (value.Kind, value.Callable.FullName, value.Args));
            Assert.Equal(new PyDict { ["a"] = 1 }, value.State);
            var verdict = PickleOracle.Run(
                $"import foreign\nprint(pickle.loads(data) == pickle.loads(bytes.fromhex('{Convert.ToHexString(pickle)}')) == foreign.Plain(a=1))",
                PickleWriter.Write(value));
            Assert.Equal("True", verdict);
        }
    }

    [Fact]
    public void Read_DupPopAndPopMark_BehaveAsPython()
    {
        var value = PickleReader.Read(PickleBytes.Py(@"\x80\x02K\x012\x86(K\x07K\x081\x85(0K\x09\x86."));

        Assert.Equal(new PyTuple(new PyTuple(new PyTuple(1, 1)), 9), value);
    }

    [Fact]
    public void Read_GlobalRenamedByFixImports_ForOldProtocols()
    {
        var value = PickleReader.Read(PickleBytes.Py(@"\x80\x02c__builtin__\nxrange\nq\x00.")); // Python 2's xrange is range

        Assert.Equal(new PyGlobal("builtins", "range"), value);
        Assert.Equal(new PyGlobal("__builtin__", "xrange"), PickleReader.Read(PickleBytes.Py(@"\x80\x03c__builtin__\nxrange\nq\x00.")));
    }

    [Fact]
    public void Read_GetattrOfGlobal_IsTheNestedGlobal()
    {
        var value = PickleReader.Read(PickleBytes.Py(@"\x80\x02c__builtin__\ngetattr\ncuser_mod\nOuter\nX\x05\x00\x00\x00Inner\x86R."));

        Assert.Equal(new PyGlobal("user_mod", "Outer.Inner"), value);
    }

    [Fact]
    public void Read_UnknownNumpyDtype_StaysOpaqueAndWritesBackUnchanged()
    {
        // numpy.complex128(0): a kind the reader does not decode.
        var pickle = PickleBytes.Py(@"\x80\x03cnumpy.core.multiarray\nscalar\nq\x00cnumpy\ndtype\nq\x01X\x03\x00\x00\x00c16q\x02\x89\x88\x87q\x03Rq\x04(K\x03X\x01\x00\x00\x00<q\x05NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tq\x06bC\x10" + string.Concat(Enumerable.Repeat(@"\x00", 16)) + @"q\x07\x86q\x08Rq\t.");

        var value = Assert.IsType<PyOpaque>(PickleReader.Read(pickle));

        Assert.Equal("numpy.core.multiarray.scalar", value.Callable.FullName);
        Assert.Equal("numpy.dtype", Assert.IsType<PyOpaque>(value.Args[0]).Callable.FullName);
        Assert.Equal(Convert.ToHexString(pickle), Convert.ToHexString(PickleWriter.Write(value, 3)));
    }

    [Fact]
    public void ReadAll_ConsecutivePickles_EachValueWithItsRange()
    {
        var first = PickleWriter.Write(new PyDict { ["generation"] = 1 });
        var second = PickleWriter.Write(new PyTuple("tx", new PyList(1, 2)), 2);
        var third = PickleBytes.Py(@"I3\n.");

        var records = PickleReader.ReadAll(PickleBytes.Concat(first, second, third)).ToList();

        Assert.Equal([(0, first.Length), (first.Length, first.Length + second.Length), (first.Length + second.Length, first.Length + second.Length + 4)],
            records.Select(r => (r.Start, r.End)));
        Assert.Equal(new PyTuple("tx", new PyList(1, 2)), records[1].Value);
        Assert.Equal(PyInt.Of(3), records[2].Value);
    }

    [Fact]
    public void ReadAll_TornLastRecord_GoodRecordsFirstThenTruncationAtTheEnd()
    {
        var good = PickleWriter.Write(new PyList("a", "b"));
        var torn = PickleWriter.Write(new PyDict { ["claim"] = "worker-1" })[..^3];
        var data = PickleBytes.Concat(good, good, torn);
        var seen = new List<PickleRecord>();

        var error = Assert.Throws<StoreCorruptException>(() =>
        {
            foreach (var record in PickleReader.ReadAll(data))
            {
                seen.Add(record);
            }
        });

        Assert.Equal(2, seen.Count);
        Assert.Equal(2 * good.Length, seen[^1].End);
        Assert.True(PickleReader.IsTruncation(error, data.Length));
        Assert.Equal(data.Length, error.Offset);
    }

    [Fact]
    public void ReadAll_GarbageRecord_IsCorruptionNotTruncation()
    {
        var good = PickleWriter.Write(new PyList("a"));
        var data = PickleBytes.Concat(good, PickleBytes.Py(@"\x80\x04\xff."));

        var error = Assert.Throws<StoreCorruptException>(() => PickleReader.ReadAll(data).ToList());

        Assert.False(PickleReader.IsTruncation(error, data.Length));
        Assert.Equal(good.Length + 2, error.Offset);
        Assert.Contains("unknown opcode 0xff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeekableStream_ConsecutiveCallsReadConsecutivePicklesAsPickleLoad()
    {
        using var stream = new MemoryStream(PickleBytes.Concat(PickleWriter.Write("one"), PickleWriter.Write(2, 2), PickleWriter.Write(3.5, 5)));

        Assert.Equal([new PyStr("one"), PyInt.Of(2), new PyFloat(3.5)], [PickleReader.Read(stream), PickleReader.Read(stream), PickleReader.Read(stream)]);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Write_ConsecutivePickles_PythonReplaysThemWithRepeatedPickleLoad()
    {
        var records = new PyValue[] { new PyDict { ["trials"] = new PyList() }, new PyTuple("tx", new PyList(new PyTuple("set", "status", "active"))), PyNone.Instance };
        using var journal = new MemoryStream();
        foreach (var record in records)
        {
            PickleWriter.Write(record, journal);
        }

        var replayed = PickleOracle.Run(
            """
            f, out = io.BytesIO(data), []
            while f.tell() < len(data):
                out.append(pickle.load(f))
            print(repr(out))
            """,
            journal.ToArray());

        Assert.Equal("[{'trials': []}, ('tx', [('set', 'status', 'active')]), None]", replayed);
    }
}
