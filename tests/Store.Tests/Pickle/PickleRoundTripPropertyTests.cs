using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Round trips over generated values: through our own reader, and through Python's pickle module.</summary>
public sealed class PickleRoundTripPropertyTests
{
    [Fact]
    public void ReadWrite_GeneratedValues_EqualAtEveryProtocol()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(PyValueGen.Value().ToArbitrary(), value =>
        {
            foreach (var protocol in new[] { 4, 5, 3, 2 })
            {
                if (protocol < 4 && HasKeywordObject(value))
                {
                    Assert.Throws<ArgumentException>(() => PickleWriter.Write(value, protocol));
                    continue;
                }

                var read = PickleReader.Read(PickleWriter.Write(value, protocol));
                Assert.True(PyEquality.Equal(value, read), $"protocol {protocol}: {value} read back as {read}");
            }
        }));
    }

    [Fact]
    public void ReadWrite_SharedChild_KeepsIdentity()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(PyValueGen.Value(foreign: false).ToArbitrary(), child =>
        {
            var list = new PyList();
            var value = new PyTuple(list, list, new PyDict { ["again"] = list });
            list.Add(child);

            var read = (PyTuple)PickleReader.Read(PickleWriter.Write(value));

            Assert.Same(read[0], read[1]);
            Assert.Same(read[0], ((PyDict)read[2])["again"]);
        }));
    }

    [Fact]
    public void Write_GeneratedValues_PythonRedumpIsByteIdentical()
    {
        var values = Gen.Sample(PyValueGen.Value(foreign: false, pythonOrder: true), 40, 60);

        var (ours, theirs) = ThroughPython(values, protocol: 4);

        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(ours[i].AsSpan().SequenceEqual(theirs[i]), $"{values[i]}\nours   {Convert.ToHexString(ours[i])}\nPython {Convert.ToHexString(theirs[i])}");
        }
    }

    [Fact]
    public void Write_GeneratedValuesAtProtocol2_PythonRedumpIsByteIdentical()
    {
        var values = Gen.Sample(PyValueGen.Value(foreign: false, pythonOrder: true), 30, 40);

        var (ours, theirs) = ThroughPython(values, protocol: 2);

        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(ours[i].AsSpan().SequenceEqual(theirs[i]), $"{values[i]}\nours   {Convert.ToHexString(ours[i])}\nPython {Convert.ToHexString(theirs[i])}");
        }
    }

    [Fact]
    public void ReadWrite_GeneratedValuesThroughPython_ComeBackEqual()
    {
        // Sets of strings iterate in hash order in Python, so these come back equal rather than byte-identical.
        var values = Gen.Sample(PyValueGen.Value(foreign: false), 40, 60);

        var (_, theirs) = ThroughPython(values, protocol: 4);

        for (var i = 0; i < values.Length; i++)
        {
            var back = PickleReader.Read(theirs[i]);
            Assert.True(PyEquality.Equal(values[i], back), $"{values[i]} came back as {back}");
        }
    }

    // One Python process for the whole sample: it loads each of our pickles and writes what CPython writes for it.
    private static (byte[][] Ours, byte[][] Theirs) ThroughPython(PyValue[] values, int protocol)
    {
        var ours = values.Select(v => PickleWriter.Write(v, protocol)).ToArray();
        var output = PickleOracle.Run(
            $"""
            f = io.BytesIO(data)
            while f.tell() < len(data):
                print(pickle.dumps(pickle.load(f), protocol={protocol}).hex())
            """,
            [.. ours.SelectMany(b => b)]);
        var theirs = output.Split('\n').Select(Convert.FromHexString).ToArray();
        Assert.Equal(ours.Length, theirs.Length);
        return (ours, theirs);
    }

    private static bool HasKeywordObject(PyValue value)
    {
        var seen = new HashSet<PyValue>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<PyValue>([value]);
        while (pending.TryPop(out var v))
        {
            if (!seen.Add(v))
            {
                continue;
            }

            switch (v)
            {
                case PyOpaque { Kind: PyOpaqueKind.NewObjEx }:
                    return true;
                case PyOpaque o:
                    foreach (var x in o.Args.Items.Concat(o.ListItems).Concat(o.DictItems.SelectMany(p => new[] { p.Key, p.Value })).Append(o.State ?? PyNone.Instance))
                    {
                        pending.Push(x);
                    }

                    break;
                case PyTuple t: t.Items.ToList().ForEach(pending.Push); break;
                case PyList l: l.Items.ForEach(pending.Push); break;
                case PyDict d: d.Keys.Concat(d.Values).ToList().ForEach(pending.Push); break;
            }
        }

        return false;
    }
}
