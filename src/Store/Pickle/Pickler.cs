using System.Buffers.Binary;
using System.Text;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>Writes one <see cref="PyValue"/> tree as a pickle, choosing the opcodes CPython 3.11's C pickler chooses.</summary>
/// <remarks>
/// Mirrors CPython's <c>save</c> dispatch: the memo is keyed by object identity (a list referenced twice is written
/// once, recursion works). Immutable values CPython represents by one shared object — the empty str, one-character
/// latin-1 strs, identifier-like strs (interned literals), bytes of length 0 or 1, module names, the <c>'latin1'</c>
/// argument of <c>_codecs.encode</c> and each global — are memoized by value. Batches of APPENDS/SETITEMS/ADDITEMS hold
/// 1000 items, as in CPython.
/// </remarks>
internal sealed class Pickler : IDisposable
{
    private const int BatchSize = 1000;

    private readonly int _protocol;
    private readonly PickleOutput _out = new();
    private readonly PicklerMemo _memo;

    public Pickler(int protocol)
    {
        _protocol = protocol;
        _memo = new PicklerMemo(_out, protocol);
    }

    public void Dispose() => _out.Dispose();

    /// <summary>Pickles the value; the span is valid until this pickler is disposed.</summary>
    public ReadOnlySpan<byte> Dump(PyValue value)
    {
        _out.WriteOp(PickleOpcode.Proto, (byte)_protocol);
        _out.Framing = _protocol >= 4;
        Save(value);
        _out.WriteOp(PickleOpcode.Stop);
        _out.CommitFrame();
        return _out.Written;
    }

    private void Save(PyValue value)
    {
        _out.Boundary();
        switch (value)
        {
            case PyNone: _out.WriteOp(PickleOpcode.None); return;
            case PyBool b: _out.WriteOp(b.Value ? PickleOpcode.NewTrue : PickleOpcode.NewFalse); return;
            case PyInt { FitsInt64: true } i: _out.WriteInt(i.Int64); return;
            case PyInt i: _out.WriteInt(i.Value); return;
            case PyFloat f: _out.WriteFloat(f.Value); return;
            case PyStr s: SaveStr(s); return;
            case PyBytes b: SaveBytes(b); return;
            case PyGlobal g: SaveGlobal(g.Module, g.Name); return;
            case PyTuple { Count: 0 }: _out.WriteOp(PickleOpcode.EmptyTuple); return;
        }

        if (_memo.TryGet(value, out var index))
        {
            _memo.WriteGet(index);
            return;
        }

        if (!StackGuard.HasRoom)
        {
            StackGuard.RunOnFreshStack(() => SaveContainer(value));
            return;
        }

        SaveContainer(value);
    }

    private void SaveContainer(PyValue value)
    {
        switch (value)
        {
            case PyTuple t: SaveTuple(t); break;
            case PyList l: SaveList(l); break;
            case PyDict d: SaveDict(d); break;
            case PySet s when _protocol < 4: SaveReduce(Builtin(s.Frozen ? "frozenset" : "set"), new PyTuple(new PyList(s)), s); break;
            case PySet { Frozen: false } s: SaveSet(s); break;
            case PySet s: SaveFrozenSet(s); break;
            case PyByteArray a: SaveByteArray(a); break;
            case PyDateTime d: SaveDateTimeReduce("datetime", DateTimePayload.Write(d, _protocol), d.TzInfo, d); break;
            case PyDate d: SaveDateTimeReduce("date", DateTimePayload.Write(d), null, d); break;
            case PyTime t: SaveDateTimeReduce("time", DateTimePayload.Write(t, _protocol), t.TzInfo, t); break;
            case PyTimeDelta t: SaveTimeDeltaReduce(t); break;
            case PyOpaque o: SaveOpaque(o); break;
            default: throw new ArgumentException($"cannot pickle a {value.GetType().Name}");
        }
    }

    private static PyGlobal Builtin(string name) => new("builtins", name);

    // What save_reduce writes for datetime(state[, tzinfo]), emitted directly: the state bytes and the argument tuple are
    // temporaries nothing else can refer to, so they are memoized anonymously instead of being built and kept in the memo.
    // Each _out.Boundary() stands where CPython's save() is entered.
    private void SaveDateTimeReduce(string name, byte[] state, PyValue? tz, PyValue obj)
    {
        _out.Boundary();
        SaveGlobal("datetime", name);
        _out.Boundary();
        _out.Boundary();
        if (_protocol >= 3)
        {
            _out.WriteBinary(PickleOpcode.ShortBinBytes, PickleOpcode.BinBytes, state);
            _memo.PutAnonymous();
        }
        else
        {
            // Protocol 2 has no bytes: _codecs.encode(state as latin-1 text, 'latin1'), like any bytes object.
            _out.Boundary();
            SaveGlobal("_codecs", "encode");
            _out.Boundary();
            _out.Boundary();
            _out.WriteStr(Encoding.Latin1.GetString(state), _protocol >= 4);
            _memo.PutAnonymous();
            Save(Latin1);
            _out.WriteOp(PickleOpcode.Tuple2);
            _memo.PutAnonymous();
            _out.WriteOp(PickleOpcode.Reduce);
            _memo.PutAnonymous();
        }

        if (tz is not null)
        {
            Save(tz);
        }

        _out.WriteOp(tz is null ? PickleOpcode.Tuple1 : PickleOpcode.Tuple2);
        _memo.PutAnonymous();
        _out.WriteOp(PickleOpcode.Reduce);
        FinishReduce(obj);
    }

    private void SaveTimeDeltaReduce(PyTimeDelta t)
    {
        _out.Boundary();
        SaveGlobal("datetime", "timedelta");
        _out.Boundary();
        foreach (var field in (ReadOnlySpan<int>)[t.Days, t.Seconds, t.Microseconds])
        {
            _out.Boundary();
            _out.WriteInt(field);
        }

        _out.WriteOp(PickleOpcode.Tuple3);
        _memo.PutAnonymous();
        _out.WriteOp(PickleOpcode.Reduce);
        FinishReduce(t);
    }

    private void SaveStr(PyStr s)
    {
        // Interned strings are shared by value, which covers identity too: they skip the identity memo altogether.
        var text = s.Value;
        if (IsInterned(text))
        {
            if (_memo.TryGetInterned(text, out var shared))
            {
                _memo.WriteGet(shared);
                return;
            }

            _out.WriteStr(text, _protocol >= 4);
            _memo.PutInterned(text);
            return;
        }

        if (_memo.TryGet(s, out var index))
        {
            _memo.WriteGet(index);
            return;
        }

        _out.WriteStr(text, _protocol >= 4);
        _memo.Put(s);
    }

    // Strings CPython keeps as one object per value: '' and each latin-1 character (singletons, also after a reload), and
    // identifier-like literals such as dict keys and 'ok' (interned by the compiler, as are module names). Sharing them
    // by value writes what CPython writes for data built in code, e.g. the original tool's trial documents.
    private static bool IsInterned(string text)
    {
        if (text.Length <= 1)
        {
            return text.Length == 0 || text[0] <= 0xFF;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private void SaveBytes(PyBytes b)
    {
        var key = b.Length switch { 0 => -1, 1 => b.Span[0], _ => int.MinValue };
        if (_memo.TryGet(b, out var index) || (key != int.MinValue && _memo.TryGetSharedBytes(key, out index)))
        {
            _memo.WriteGet(index);
            return;
        }

        if (_protocol < 3)
        {
            // No bytes opcodes before protocol 3: Python 3 writes bytes() or _codecs.encode(latin-1 text, 'latin1').
            if (b.Length == 0)
            {
                SaveReduce(Builtin("bytes"), PyTuple.Empty, b);
            }
            else
            {
                SaveReduce(new PyGlobal("_codecs", "encode"), new PyTuple(new PyStr(Encoding.Latin1.GetString(b.Span)), Latin1), b);
            }
        }
        else
        {
            _out.WriteBinary(PickleOpcode.ShortBinBytes, PickleOpcode.BinBytes, b.Span);
            _memo.Put(b);
        }

        if (key != int.MinValue && _memo.TryGet(b, out var written))
        {
            _memo.RecordSharedBytes(key, written);
        }
    }

    private static PyStr Latin1 { get; } = new("latin1");

    private void SaveByteArray(PyByteArray a)
    {
        if (_protocol < 5)
        {
            SaveReduce(Builtin("bytearray"), a.Items.Count == 0 ? PyTuple.Empty : new PyTuple(new PyBytes([.. a.Items])), a);
            return;
        }

        Span<byte> header = stackalloc byte[9];
        header[0] = (byte)PickleOpcode.ByteArray8;
        BinaryPrimitives.WriteUInt64LittleEndian(header[1..], (ulong)a.Items.Count);
        var payload = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(a.Items);
        if (payload.Length >= PickleOutput.FrameSizeTarget)
        {
            _out.WriteLarge(header, payload);
        }
        else
        {
            _out.Write(header);
            _out.Write(payload);
        }

        _memo.Put(a);
    }

    private void SaveTuple(PyTuple t)
    {
        var n = t.Count;
        if (n <= 3)
        {
            foreach (var item in t.Items)
            {
                Save(item);
            }

            // Subtle, as in CPython: saving the items may have saved the tuple itself (through a list inside it).
            if (_memo.TryGet(t, out var index))
            {
                for (var i = 0; i < n; i++)
                {
                    _out.WriteOp(PickleOpcode.Pop);
                }

                _memo.WriteGet(index);
                return;
            }

            _out.WriteOp(n switch { 1 => PickleOpcode.Tuple1, 2 => PickleOpcode.Tuple2, _ => PickleOpcode.Tuple3 });
            _memo.Put(t);
            return;
        }

        _out.WriteOp(PickleOpcode.Mark);
        foreach (var item in t.Items)
        {
            Save(item);
        }

        if (_memo.TryGet(t, out var again))
        {
            _out.WriteOp(PickleOpcode.PopMark);
            _memo.WriteGet(again);
            return;
        }

        _out.WriteOp(PickleOpcode.Tuple);
        _memo.Put(t);
    }

    private void SaveList(PyList list)
    {
        _out.WriteOp(PickleOpcode.EmptyList);
        _memo.Put(list);
        var items = list.Items;
        if (items.Count == 1)
        {
            Save(items[0]);
            _out.WriteOp(PickleOpcode.Append);
            return;
        }

        // CPython's batch_list_exact: full batches, and a last partial batch even of one item.
        for (var i = 0; i < items.Count;)
        {
            _out.WriteOp(PickleOpcode.Mark);
            for (var end = Math.Min(i + BatchSize, items.Count); i < end; i++)
            {
                Save(items[i]);
            }

            _out.WriteOp(PickleOpcode.Appends);
        }
    }

    private void SaveDict(PyDict dict)
    {
        _out.WriteOp(PickleOpcode.EmptyDict);
        _memo.Put(dict);
        if (dict.Count == 0)
        {
            return;
        }

        var pairs = dict.Entries.GetEnumerator();
        if (dict.Count == 1)
        {
            pairs.MoveNext();
            Save(pairs.Current.Key);
            Save(pairs.Current.Value);
            _out.WriteOp(PickleOpcode.SetItem);
            return;
        }

        // CPython's batch_dict_exact loops while a batch came out full: a multiple of 1000 ends with an empty MARK SETITEMS.
        int batch;
        do
        {
            _out.WriteOp(PickleOpcode.Mark);
            for (batch = 0; batch < BatchSize && pairs.MoveNext(); batch++)
            {
                Save(pairs.Current.Key);
                Save(pairs.Current.Value);
            }

            _out.WriteOp(PickleOpcode.SetItems);
        }
        while (batch == BatchSize);
    }

    private void SaveSet(PySet set)
    {
        _out.WriteOp(PickleOpcode.EmptySet);
        _memo.Put(set);
        if (set.Count == 0)
        {
            return;
        }

        // CPython's save_set loops while a batch came out full, so a multiple of 1000 ends with an empty MARK ADDITEMS.
        var items = set.ToArray();
        var i = 0;
        int batch;
        do
        {
            _out.WriteOp(PickleOpcode.Mark);
            for (batch = 0; batch < BatchSize && i < items.Length; batch++, i++)
            {
                Save(items[i]);
            }

            _out.WriteOp(PickleOpcode.AddItems);
        }
        while (batch == BatchSize);
    }

    private void SaveFrozenSet(PySet set)
    {
        _out.WriteOp(PickleOpcode.Mark);
        foreach (var item in set)
        {
            Save(item);
        }

        if (_memo.TryGet(set, out var index))
        {
            _out.WriteOp(PickleOpcode.PopMark);
            _memo.WriteGet(index);
            return;
        }

        _out.WriteOp(PickleOpcode.FrozenSet);
        _memo.Put(set);
    }

    private void SaveGlobal(string module, string name)
    {
        if (_memo.TryGetGlobal(module, name, out var index))
        {
            _memo.WriteGet(index);
            return;
        }

        if (_protocol >= 4)
        {
            _out.Boundary();
            // Module names are interned in CPython; qualified names of classes are not.
            if (_memo.TryGetInterned(module, out var moduleIndex))
            {
                _memo.WriteGet(moduleIndex);
            }
            else
            {
                _out.WriteStr(module, _protocol >= 4);
                _memo.PutInterned(module);
            }

            _out.Boundary();
            _out.WriteStr(name, _protocol >= 4);
            _memo.PutAnonymous();
            _out.WriteOp(PickleOpcode.StackGlobal);
        }
        else if (name.Contains('.', StringComparison.Ordinal))
        {
            // Before protocol 4 a nested name is written as getattr(parent, last), as CPython does.
            var dot = name.LastIndexOf('.');
            SaveReduce(Builtin("getattr"), new PyTuple(new PyGlobal(module, name[..dot]), new PyStr(name[(dot + 1)..])), null);
        }
        else
        {
            var (written, writtenName) = _protocol < 3 ? CompatNames.ToPython2(module, name) : (module, name);
            var line = $"{written}\n{writtenName}\n";
            if (line.Count(c => c == '\n') != 2 || (_protocol < 3 && line.Any(c => c > 0x7F)))
            {
                throw new ArgumentException($"global {module}.{name} cannot be written at protocol {_protocol}");
            }

            _out.WriteOp(PickleOpcode.Global);
            _out.Write(Encoding.UTF8.GetBytes(line));
        }

        _memo.PutGlobal(module, name);
    }

    private void SaveOpaque(PyOpaque o)
    {
        switch (o.Kind)
        {
            case PyOpaqueKind.Reduce:
                Save(o.Callable);
                Save(o.Args);
                _out.WriteOp(PickleOpcode.Reduce);
                break;
            case PyOpaqueKind.NewObj:
                Save(o.Callable);
                Save(o.Args);
                _out.WriteOp(PickleOpcode.NewObj);
                break;
            case PyOpaqueKind.NewObjEx when _protocol >= 4:
                Save(o.Callable);
                Save(o.Args);
                Save(o.Kwargs ?? new PyDict());
                _out.WriteOp(PickleOpcode.NewObjEx);
                break;
            case PyOpaqueKind.ReduceObject when o.Args is { Count: 2 } && o.Args[1] is PyTuple arguments:
                Save(o.Args[0]);
                Save(arguments);
                _out.WriteOp(PickleOpcode.Reduce);
                break;
            case PyOpaqueKind.ReduceObject:
                throw new ArgumentException($"a {o.Callable.FullName} call object needs Args (callee, arguments tuple)");
            case PyOpaqueKind.NewObjEx:
                throw new ArgumentException($"{o.Callable.FullName} was built with keyword arguments (NEWOBJ_EX), which needs protocol 4 or later");
            default:
                // INST and OBJ build alike; OBJ names the class by value so non-ASCII names survive.
                _out.WriteOp(PickleOpcode.Mark);
                Save(o.Callable);
                foreach (var arg in o.Args.Items)
                {
                    Save(arg);
                }

                _out.WriteOp(PickleOpcode.Obj);
                break;
        }

        FinishReduce(o);
        SaveItems(o.ListItems, PickleOpcode.Append, PickleOpcode.Appends, item => Save(item));
        SaveItems(o.DictItems, PickleOpcode.SetItem, PickleOpcode.SetItems, pair =>
        {
            Save(pair.Key);
            Save(pair.Value);
        });
        if (o.State is not null)
        {
            Save(o.State);
            _out.WriteOp(PickleOpcode.Build);
        }
    }

    // CPython's generic batch_list/batch_dict (used for objects' list and dict items): a lone last item uses the one-item opcode.
    private void SaveItems<T>(List<T> items, PickleOpcode one, PickleOpcode many, Action<T> save)
    {
        var i = 0;
        while (i < items.Count)
        {
            if (items.Count - i == 1)
            {
                save(items[i]);
                _out.WriteOp(one);
                return;
            }

            _out.WriteOp(PickleOpcode.Mark);
            for (var end = Math.Min(i + BatchSize, items.Count); i < end; i++)
            {
                save(items[i]);
            }

            _out.WriteOp(many);
        }
    }

    private void SaveReduce(PyGlobal callable, PyTuple args, PyValue? obj)
    {
        Save(callable);
        Save(args);
        _out.WriteOp(PickleOpcode.Reduce);
        if (obj is not null)
        {
            FinishReduce(obj);
        }
    }

    private void FinishReduce(PyValue obj)
    {
        if (_memo.TryGet(obj, out var index))
        {
            _out.WriteOp(PickleOpcode.Pop);
            _memo.WriteGet(index);
            return;
        }

        _memo.Put(obj);
    }
}
