using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Truncated, garbled and hostile input: a value or a <see cref="StoreCorruptException"/> with an offset, never a crash, a hang or a huge allocation.</summary>
public sealed class MalformedPickleTests
{
    [Theory]
    [InlineData("tpe_objref")]
    [InlineData("rand_complete_plain")]
    public void Read_FixtureTruncatedAtEveryOffset_TruncationErrorAtTheEnd(string session)
    {
        var bytes = PickleOracle.Fixture(session);

        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes.AsSpan(0, length).ToArray();
            var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(prefix));
            Assert.True(PickleReader.IsTruncation(error, length), $"cut at {length}: {error.Message}");
        }
    }

    [Theory]
    [InlineData("rich_p0.pickle")]
    [InlineData("rich_p4.pickle")]
    public void Read_GoldenTruncatedAtEveryOffset_ErrorWithOffsetWithinTheInput(string golden)
    {
        var bytes = PickleOracle.Golden(golden);

        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(bytes.AsSpan(0, length)));
            Assert.InRange(error.Offset, 0, length);
        }
    }

    [Theory]
    [InlineData("tpe_objref", 1)]
    [InlineData("rand_complete_plain", 2)]
    public void Read_RandomBitFlips_ValueOrCorruptionErrorOnly(string session, int seed)
    {
        var original = PickleOracle.Fixture(session);
        var random = new Random(seed);

        for (var trial = 0; trial < 3000; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                var value = PickleReader.Read(bytes);
                _ = PickleWriter.Write(value); // whatever was read can be written
            }
            catch (StoreCorruptException e)
            {
                Assert.InRange(e.Offset, 0, bytes.Length);
            }
        }
    }

    [Theory]
    [InlineData(@"\x80\x04\x8d\x00\x00\x00\x00\x00\x00\x00\x10abc.", "BinUnicode8")]
    [InlineData(@"\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\xffabc.", "BinBytes8")]
    [InlineData(@"\x80\x05\x96\x00\x00\x00\x00\x00\x00\x00\x10abc.", "ByteArray8")]
    [InlineData(@"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x10N.", "FRAME")]
    [InlineData(@"\x80\x02\x8b\xff\xff\xff\x7fabc.", "Long4")]
    [InlineData(@"X\xff\xff\xff\xffabc.", "BinUnicode")]
    [InlineData(@"T\xff\xff\xff\x7fabc.", "BinString")]
    public void Read_AbsurdLength_TruncationErrorWithoutAllocating(string pickle, string opcode)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(PickleBytes.Py(pickle)));

        Assert.Contains(opcode, error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "allocated as if the length were real");
    }

    [Theory]
    [InlineData(@"a.", 0, "stack underflow at Append")]
    [InlineData(@"]N(a.", 3, "stack underflow at Append (only a MARK is left)")]
    [InlineData(@"]Ne.", 2, "Appends without a MARK")]
    [InlineData(@"\x80\x04h\x05.", 2, "BinGet 5: no such memo entry")]
    [InlineData(@"\x80\x04\xff.", 2, "unknown opcode 0xff")]
    [InlineData(@"\x80\x06N.", 0, "unsupported pickle protocol 6")]
    [InlineData(@"}(K\x01u.", 4, "SetItems with an odd number of items")]
    [InlineData(@"}]K\x01s.", 4, "SetItem: an unhashable list cannot be a set item or dict key")]
    [InlineData(@"\x8c\x02a\xff.", 3, "invalid UTF-8")]
    [InlineData(@"K\x01\x8c\x01aR.", 5, "Reduce arguments are a str, not a tuple")]
    [InlineData(@"K\x01)R.", 3, "Reduce on a int")]
    [InlineData(@"]Nb.", 2, "BUILD on a list")]
    [InlineData(@"P1\n.", 0, "persistent ids")]
    [InlineData(@"NQ.", 1, "persistent ids")]
    [InlineData(@"\x82\x01.", 0, "extension code 1")]
    [InlineData(@"\x83\x01\x01.", 0, "extension code 257")]
    [InlineData(@"\x84\x01\x00\x00\x01.", 0, "extension code 16777217")]
    [InlineData(@"\x80\x05\x97.", 2, "out-of-band buffers")]
    [InlineData(@"\x80\x05\x98.", 2, "out-of-band buffers")]
    [InlineData(@"Ffoo\n.", 0, "FLOAT argument is not a number")]
    [InlineData(@"I12x\n.", 0, "Int argument is not an integer")]
    [InlineData(@"S'unterminated\n.", 0, "STRING argument is not a quoted")]
    [InlineData(@"cdatetime\ndatetime\nC\x0a\x07\xe4\x01\x20\x00\x00\x00\x00\x00\x00\x85R.", 32, "datetime.datetime(bytes) does not make a valid value")]
    public void Read_Malformed_CorruptErrorNamingTheProblemAndOffset(string pickle, int offset, string reason)
    {
        var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(PickleBytes.Py(pickle)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Read_LoneSurrogateInUtf8_AcceptedAsPythonsSurrogatepass()
    {
        Assert.Equal(new PyStr("a\udc80"), PickleReader.Read(PickleBytes.Py(@"\x8c\x04a\xed\xb2\x80.")));
    }

    [Fact]
    public void Read_DeepNestedLists_ErrorNotStackOverflow()
    {
        var deep = PickleBytes.Py(new string(']', 100_000) + new string('a', 99_999) + ".");

        var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(deep));

        Assert.Contains("deeper than 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeepNestedTuplesWithConstantStack_ErrorNotStackOverflow()
    {
        var deep = PickleBytes.Py(")" + string.Concat(Enumerable.Repeat(@"\x85", 100_000)) + ".");

        var error = Assert.Throws<StoreCorruptException>(() => PickleReader.Read(deep));

        Assert.Contains("deeper than 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadWrite_NestingAtTheLimit_RoundTripsOnAnyThread()
    {
        PyValue value = PyTuple.Empty;
        for (var i = 0; i < 9_999; i++)
        {
            value = new PyList(value);
        }

        var read = PickleReader.Read(PickleWriter.Write(value));

        Assert.True(PyEquality.Equal(value, read));
        Assert.NotEmpty(PyJson.Serialize(read, indented: false));
        Assert.Throws<StoreCorruptException>(() => PickleReader.Read(PickleWriter.Write(new PyList(new PyList(value)))));
    }

    [Fact]
    public void Read_HugeTextInteger_RefusedLikePython()
    {
        var digits = new string('7', 5000);

        Assert.Throws<StoreCorruptException>(() => PickleReader.Read(PickleBytes.Py($"I{digits}\\n.")));
        Assert.Equal(PyInt.Of(42), PickleReader.Read(PickleBytes.Py(@"L42L\n.")));
    }
}
