using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>FsCheck generators of <see cref="PyValue"/> trees: every kind, bounded depth, shared and recursive references.</summary>
/// <remarks>
/// Dict keys and set items are kept to str, int, None and tuples of them — never bool or float, which Python would merge
/// with equal ints — so a generated value means the same thing to Python. With <c>pythonOrder</c>, sets hold only ints
/// 0–7 in ascending order: that is the order CPython iterates them in, so its re-dump can be compared byte for byte.
/// </remarks>
internal static class PyValueGen
{
    private static readonly string[] Strings =
        ["", "a", "é", "ĉ", "key", "loss", "status", "ok", "with space", "ünï ©ødé", "日本語", "😀", "lone \udc80", "\ud800 high", "tab\tnew\nline", "quote ' \" \\", new string('x', 300), "x_1", "9000_0_4242_1"];

    private static readonly long[] Integers = [0, 1, -1, 255, 256, 65535, 65536, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue];

    /// <summary>Any value; <paramref name="foreign"/> adds globals and opaque objects (which Python cannot load here).</summary>
    public static Gen<PyValue> Value(bool foreign = true, bool pythonOrder = false, bool keywordObjects = true) =>
        Gen.Sized(size => Node(Math.Min(4, (size / 10) + 1), new Options(foreign, pythonOrder, keywordObjects)));

    private sealed record Options(bool Foreign, bool PythonOrder, bool KeywordObjects);

    private static Gen<PyValue> Node(int depth, Options o)
    {
        var choices = new List<(int, Gen<PyValue>)> { (6, Leaf(o)) };
        if (depth > 0)
        {
            var child = Gen.Sized(_ => Node(depth - 1, o));
            choices.Add((2, Gen.ListOf(child, 4).Select(items => (PyValue)new PyTuple(items))));
            choices.Add((2, Gen.ListOf(child, 5).Select(items => (PyValue)new PyList(items))));
            choices.Add((2, Gen.ListOf(Gen.Zip(Key(), child), 5).Select(pairs => (PyValue)new PyDict(pairs.Select(p => KeyValuePair.Create(p.Item1, p.Item2))))));
            choices.Add((1, child.Select(Shared)));
            choices.Add((1, child.Select(Recursive)));
            if (o.Foreign)
            {
                choices.Add((1, Opaque(child, o)));
            }
        }

        return Gen.Frequency(choices);
    }

    private static Gen<PyValue> Leaf(Options o)
    {
        var leaves = new List<Gen<PyValue>>
        {
            Gen.Elements<PyValue>(PyNone.Instance, PyBool.True, PyBool.False),
            Gen.Elements(Integers).Select(i => (PyValue)PyInt.Of(i)),
            Gen.Choose(-5, 5).Select(e => (PyValue)new PyInt(BigInteger.Pow(-3, 40 + e) * 7)),
            Gen.Elements(0.0, -0.0, 1.5, 1e-300, -2.5e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.1).Select(f => (PyValue)new PyFloat(f)),
            Gen.Choose(-100000, 100000).Select(i => (PyValue)new PyFloat(i / 7.0)),
            Gen.Elements(Strings).Select(s => (PyValue)new PyStr(s)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => (PyValue)new PyBytes(b)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => (PyValue)new PyByteArray(b)),
            Set(o, frozen: false),
            Set(o, frozen: true),
            Gen.Choose(0, 3_000_000).Select(n => (PyValue)new PyDateTime(new DateTime(1970, 1, 1).AddTicks(n * 123_456_789_012L % 3_155_378_975_990_000_000L / 10 * 10))),
            Gen.Choose(1, 3_000_000).Select(n => (PyValue)new PyDate(DateOnly.FromDayNumber(n))),
            Gen.Choose(0, 86_399_999).Select(ms => (PyValue)new PyTime(TimeOnly.FromTimeSpan(TimeSpan.FromMilliseconds(ms)).Add(TimeSpan.FromTicks(ms % 1000 * 10)))),
            Gen.Zip(Gen.Choose(-999_999_999, 999_999_999), Gen.Choose(0, 86_399), (d, s) => (PyValue)new PyTimeDelta(d, s, (d & 0xFFFFF) % 1_000_000)),
        };
        if (o.Foreign)
        {
            leaves.Add(Gen.Elements<PyValue>(new PyGlobal("user_mod", "function"), new PyGlobal("make_slurm_states", "objective"), new PyGlobal("user_mod", "Outer.Inner")));
        }

        return Gen.OneOf(leaves);
    }

    private static Gen<PyValue> Key() => Gen.OneOf(
        Gen.Elements(Strings).Select(s => (PyValue)new PyStr(s)),
        Gen.Elements(Integers).Select(i => (PyValue)PyInt.Of(i)),
        Gen.Constant<PyValue>(PyNone.Instance),
        Gen.Zip(Gen.Elements(Strings), Gen.Elements(Integers), (s, i) => (PyValue)new PyTuple(s, i)));

    private static Gen<PyValue> Set(Options o, bool frozen) => o.PythonOrder
        ? Gen.SubListOf(Enumerable.Range(0, 8)).Select(items => (PyValue)new PySet(frozen, items.Select(i => (PyValue)i)))
        : Gen.ListOf(Gen.OneOf(Gen.Elements(Strings).Select(s => (PyValue)s), Gen.Elements(Integers).Select(i => (PyValue)i)), 6)
            .Select(items => (PyValue)new PySet(frozen, items));

    // The same child twice: written once, fetched from the memo the second time.
    private static PyValue Shared(PyValue child) => new PyList(child, new PyTuple(child), child);

    private static PyValue Recursive(PyValue child)
    {
        var list = new PyList(child);
        list.Add(new PyDict { ["self"] = list });
        return list;
    }

    private static Gen<PyValue> Opaque(Gen<PyValue> child, Options o) =>
        from kind in Gen.Elements(o.KeywordObjects
            ? [PyOpaqueKind.Reduce, PyOpaqueKind.NewObj, PyOpaqueKind.NewObjEx, PyOpaqueKind.Inst]
            : new[] { PyOpaqueKind.Reduce, PyOpaqueKind.NewObj, PyOpaqueKind.Inst })
        from args in Gen.ListOf(child, 3)
        from state in Gen.OneOf(Gen.Constant<PyValue?>(null), child.Select(c => (PyValue?)new PyDict { ["attr"] = c }), child.Select(c => (PyValue?)c))
        from items in Gen.ListOf(child, 3)
        from pairs in Gen.ListOf(Gen.Zip(Key(), child), 3)
        select Build(kind, args, state, items, pairs);

    private static PyValue Build(PyOpaqueKind kind, IEnumerable<PyValue> args, PyValue? state, IEnumerable<PyValue> items, IEnumerable<(PyValue, PyValue)> pairs)
    {
        var opaque = new PyOpaque(new PyGlobal("user_mod", "Thing"), kind, new PyTuple(args), kind == PyOpaqueKind.NewObjEx ? new PyDict { ["kw"] = 1 } : null)
        {
            State = state,
        };
        opaque.ListItems.AddRange(items);
        opaque.DictItems.AddRange(pairs.Select(p => KeyValuePair.Create(p.Item1, p.Item2)));
        return opaque;
    }
}
