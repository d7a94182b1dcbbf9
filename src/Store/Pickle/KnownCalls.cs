using System.Collections.Frozen;
using System.Text;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>
/// The allow-list of callables the reader evaluates — only to build plain values (sets, bytes, datetimes, numpy
/// scalars) from the arguments already in the pickle. Nothing is imported or executed; every other callable yields an
/// inert <see cref="PyOpaque"/>.
/// </summary>
internal static class KnownCalls
{
    /// <summary>What strict mode allows without being told: everything this class evaluates, plus the inert types such values refer to.</summary>
    public static readonly FrozenSet<string> StrictAllowList = FrozenSet.ToFrozenSet(
        [
            "builtins.set", "builtins.frozenset", "builtins.bytearray", "builtins.bytes", "builtins.list", "builtins.dict",
            "builtins.tuple", "builtins.object", "_codecs.encode", "copyreg._reconstructor",
            "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.dtype",
        ],
        StringComparer.Ordinal);

    /// <summary>The value of <c>callable(*args)</c> (REDUCE, INST, OBJ) when the callable is known, else null.</summary>
    public static PyValue? Call(PyGlobal callable, PyTuple args, ValueStack stack)
    {
        var module = callable.Module == "__builtin__" ? "builtins" : callable.Module;
        try
        {
            return (module, callable.Name) switch
            {
                ("builtins", "set") => new PySet(false, Items(args, callable, stack)),
                ("builtins", "frozenset") => Frozen(Items(args, callable, stack)),
                ("builtins", "list") => new PyList(Items(args, callable, stack)),
                ("builtins", "tuple") => new PyTuple(Items(args, callable, stack)),
                ("builtins", "dict") => Dict(args, callable, stack),
                ("builtins", "bytes") => new PyBytes(Bytes(args, callable, stack)),
                ("builtins", "bytearray") => new PyByteArray(Bytes(args, callable, stack)),
                ("builtins", "getattr") when args is { Count: 2 } && args[0] is PyGlobal owner && args[1] is PyStr attribute =>
                    new PyGlobal(owner.Module, owner.Name + "." + attribute.Value),
                ("_codecs", "encode") => new PyBytes(Encode(args, callable, stack)),
                ("datetime", _) => DateTimeCalls.Call(callable.Name, args),
                ("numpy.core.multiarray" or "numpy._core.multiarray", "scalar") => NumpyScalar.Decode(args),
                _ => null,
            };
        }
        catch (ArgumentException e)
        {
            throw stack.Corrupt($"{callable.FullName}{Shape(args)} does not make a valid value: {e.Message}");
        }
    }

    /// <summary>The value of <c>cls.__new__(cls, *args)</c> (NEWOBJ) when the class is known, else null.</summary>
    public static PyValue? New(PyGlobal cls, PyTuple args, ValueStack stack)
    {
        var module = cls.Module == "__builtin__" ? "builtins" : cls.Module;
        return (module, cls.Name) switch
        {
            // The mutable built-ins' __new__ ignores its arguments: the contents arrive by APPENDS/SETITEMS/BUILD.
            ("builtins", "list") => new PyList(),
            ("builtins", "dict") => new PyDict(),
            ("builtins", "set") => new PySet(false),
            ("builtins", "bytearray") => new PyByteArray([]),
            ("builtins", "tuple" or "frozenset" or "bytes") => Call(cls, args, stack),
            ("datetime", "datetime" or "date" or "time" or "timedelta") => Call(cls, args, stack),
            _ => null,
        };
    }

    private static PySet Frozen(IEnumerable<PyValue> items)
    {
        var set = new PySet(true);
        foreach (var item in items)
        {
            set.AddWhileBuilding(item);
        }

        return set;
    }

    private static IEnumerable<PyValue> Items(PyTuple args, PyGlobal callable, ValueStack stack)
    {
        if (args.Count == 0)
        {
            return [];
        }

        IEnumerable<PyValue> items = args.Count == 1 ? args[0] switch
        {
            PyList x => [.. x.Items],
            PyTuple x => x.Items,
            PySet x => [.. x],
            PyDict x => [.. x.Keys],
            PyStr x => x.Value.EnumerateRunes().Select(r => (PyValue)new PyStr(r.ToString())).ToArray(),
            PyBytes x => x.Span.ToArray().Select(b => (PyValue)PyInt.Of(b)).ToArray(),
            _ => throw stack.Corrupt($"{callable.FullName} cannot iterate a {args[0].TypeName}"),
        }
        : throw stack.Corrupt($"{callable.FullName} takes at most 1 argument, got {args.Count}");
        if (callable.Name is "set" or "frozenset" && items.Select(Hashable.FindUnhashable).FirstOrDefault(u => u is not null) is { } bad)
        {
            throw stack.Corrupt($"{callable.FullName} item is an unhashable {bad.TypeName}");
        }

        return items;
    }

    private static PyDict Dict(PyTuple args, PyGlobal callable, ValueStack stack)
    {
        var dict = new PyDict();
        if (args.Count == 0)
        {
            return dict;
        }

        IEnumerable<PyValue> pairs = args is { Count: 1 } && args[0] is PyDict source
            ? [.. source.Select(kv => (PyValue)new PyTuple(kv.Key, kv.Value))]
            : Items(args, callable, stack);
        foreach (var pair in pairs)
        {
            var (key, value) = pair switch
            {
                PyTuple { Count: 2 } t => (t[0], t[1]),
                PyList { Count: 2 } l => (l[0], l[1]),
                _ => throw stack.Corrupt($"{callable.FullName} needs key/value pairs, got a {pair.TypeName}"),
            };
            if (Hashable.FindUnhashable(key) is { } bad)
            {
                throw stack.Corrupt($"dict key is an unhashable {bad.TypeName}");
            }

            dict[key] = value;
        }

        return dict;
    }

    private static byte[] Bytes(PyTuple args, PyGlobal callable, ValueStack stack) => args.Items switch
    {
        [] => [],
        [PyBytes b] => b.Span.ToArray(),
        [PyByteArray b] => [.. b.Items],
        [PyStr, PyStr] or [PyStr, PyStr, PyStr] => Encode(args, callable, stack),
        [PyList l] when l.Items.All(i => i is PyInt p && p.Value >= 0 && p.Value <= 255) => [.. l.Items.Select(i => (byte)((PyInt)i).Value)],
        _ => throw stack.Corrupt($"{callable.FullName}{Shape(args)} is not a supported way to build bytes"),
    };

    // Python 3 pickles bytes for protocols < 3 as _codecs.encode(latin-1 text, 'latin1').
    private static byte[] Encode(PyTuple args, PyGlobal callable, ValueStack stack)
    {
        if (args.Count is < 1 or > 3 || args[0] is not PyStr text || args.Items.Skip(1).Any(a => a is not PyStr))
        {
            throw stack.Corrupt($"{callable.FullName}{Shape(args)} expects (str, encoding)");
        }

        var encoding = args.Count > 1 ? ((PyStr)args[1]).Value.Replace('_', '-').ToUpperInvariant() : "UTF-8";
        switch (encoding)
        {
            case "LATIN1" or "LATIN-1" or "ISO-8859-1" or "L1":
                if (text.Value.Any(c => c > 0xFF))
                {
                    throw stack.Corrupt($"{callable.FullName}: text is not latin-1");
                }

                return Encoding.Latin1.GetBytes(text.Value);
            case "ASCII" or "US-ASCII":
                if (text.Value.Any(c => c > 0x7F))
                {
                    throw stack.Corrupt($"{callable.FullName}: text is not ASCII");
                }

                return Encoding.ASCII.GetBytes(text.Value);
            case "UTF-8" or "UTF8":
                if (!SurrogateUtf8.IsWellFormed(text.Value))
                {
                    throw stack.Corrupt($"{callable.FullName}: text holds a lone surrogate");
                }

                return Encoding.UTF8.GetBytes(text.Value);
            default:
                throw stack.Corrupt($"{callable.FullName}: encoding '{((PyStr)args[1]).Value}' is not supported");
        }
    }

    private static string Shape(PyTuple args) => "(" + string.Join(", ", args.Items.Select(a => a.TypeName)) + ")";
}
