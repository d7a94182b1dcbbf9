using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>The pickle virtual machine for one pickle: runs opcodes until STOP and returns the value left on the stack.</summary>
/// <remarks>
/// It is iterative (no recursion, whatever the nesting) and never calls anything named in the pickle: globals become
/// <see cref="PyGlobal"/> references and calls become values only through the fixed <see cref="KnownCalls"/> list.
/// One instance reads one pickle, as each Python <c>pickle.load</c> call starts with an empty memo.
/// </remarks>
internal sealed class Unpickler
{
    private const int HighestProtocol = 5;
    private static readonly PyInt[] SmallInts = [.. Enumerable.Range(0, 256).Select(i => PyInt.Of(i))];

    private readonly ReaderSettings _settings;
    private readonly ValueStack _stack;
    private readonly UnpicklerMemo _memo = new();
    private readonly Dictionary<(string, string), PyGlobal> _globals = [];
    private int _proto;

    public Unpickler(ReaderSettings settings)
    {
        _settings = settings;
        _stack = new ValueStack { MaxDepth = settings.MaxDepth };
    }

    public PyValue Load(ReadOnlySpan<byte> data, int start, out int end)
    {
        var input = new PickleInput(data, start);
        while (true)
        {
            var at = input.Position;
            _stack.Offset = at;
            var op = input.ReadOpcode();
            switch (op)
            {
                case PickleOpcode.Stop:
                    var result = _stack.Pop(op);
                    end = input.Position;
                    return result;
                case PickleOpcode.Proto:
                    _proto = input.ReadByte(op);
                    if (_proto > HighestProtocol)
                    {
                        throw _stack.Corrupt($"unsupported pickle protocol {_proto}");
                    }

                    break;
                case PickleOpcode.Frame:
                    // Framing only batches reads; the data is in memory, so a frame only has to fit in it.
                    var frame = input.ReadUInt64(op);
                    if (frame > (ulong)input.Remaining)
                    {
                        throw StoreCorruptException.At(null, input.Length, $"truncated: FRAME at byte {at} announces {frame} bytes, {input.Remaining} remain");
                    }

                    break;
                case PickleOpcode.Mark: _stack.PushMark(); break;
                case PickleOpcode.Pop: _stack.DiscardTop(op); break;
                case PickleOpcode.PopMark: _stack.PopMark(op, out _); break;
                case PickleOpcode.Dup:
                    var top = _stack.Peek(op);
                    _stack.Push(top, _stack.PeekDepth);
                    break;

                // Scalars.
                case PickleOpcode.None: Push(PyNone.Instance); break;
                case PickleOpcode.NewTrue: Push(PyBool.True); break;
                case PickleOpcode.NewFalse: Push(PyBool.False); break;
                case PickleOpcode.BinInt: Push(Int(input.ReadInt32(op))); break;
                case PickleOpcode.BinInt1: Push(SmallInts[input.ReadByte(op)]); break;
                case PickleOpcode.BinInt2: Push(Int(input.ReadUInt16(op))); break;
                case PickleOpcode.Long1: Push(new PyInt(new BigInteger(input.Read(input.ReadByte(op), op)))); break;
                case PickleOpcode.Long4: Push(new PyInt(new BigInteger(input.Read(Length(input.ReadInt32(op), op), op)))); break;
                case PickleOpcode.BinFloat: Push(new PyFloat(BinaryPrimitives.ReadDoubleBigEndian(input.Read(8, op)))); break;
                case PickleOpcode.Int: Push(TextInt(input.ReadLine(op), op)); break;
                case PickleOpcode.Long: Push(TextLong(input.ReadLine(op), op)); break;
                case PickleOpcode.Float:
                    Push(PickleText.TryParseFloat(input.ReadLine(op), out var f) ? new PyFloat(f) : throw _stack.Corrupt("FLOAT argument is not a number"));
                    break;

                // Text and bytes.
                case PickleOpcode.ShortBinUnicode: Push(Utf8String(input.Read(input.ReadByte(op), op), input.Position)); break;
                case PickleOpcode.BinUnicode: Push(Utf8String(input.Read(input.ReadUInt32(op), op), input.Position)); break;
                case PickleOpcode.BinUnicode8: Push(Utf8String(input.Read(Length(input.ReadUInt64(op)), op), input.Position)); break;
                case PickleOpcode.Unicode:
                    Push(PickleText.TryRawUnicodeEscape(input.ReadLine(op), out var text) ? new PyStr(text) : throw _stack.Corrupt("UNICODE argument has a malformed \\u escape"));
                    break;
                case PickleOpcode.ShortBinBytes: Push(new PyBytes(input.Read(input.ReadByte(op), op))); break;
                case PickleOpcode.BinBytes: Push(new PyBytes(input.Read(input.ReadUInt32(op), op))); break;
                case PickleOpcode.BinBytes8: Push(new PyBytes(input.Read(Length(input.ReadUInt64(op)), op))); break;
                case PickleOpcode.ByteArray8: Push(new PyByteArray(input.Read(Length(input.ReadUInt64(op)), op))); break;
                case PickleOpcode.ShortBinString: Push(Python2String(input.Read(input.ReadByte(op), op), at)); break;
                case PickleOpcode.BinString: Push(Python2String(input.Read(Length(input.ReadInt32(op), op), op), at)); break;
                case PickleOpcode.String:
                    Push(PickleText.TryUnquote(input.ReadLine(op), out var raw) ? Python2String(raw, at) : throw _stack.Corrupt("STRING argument is not a quoted Python 2 string literal"));
                    break;

                // Containers.
                case PickleOpcode.EmptyTuple: Push(PyTuple.Empty); break;
                case PickleOpcode.EmptyList: _stack.Push(new PyList(), 1); break;
                case PickleOpcode.EmptyDict: _stack.Push(new PyDict(), 1); break;
                case PickleOpcode.EmptySet: _stack.Push(new PySet(false), 1); break;
                case PickleOpcode.Tuple1: PushTuple(1, op); break;
                case PickleOpcode.Tuple2: PushTuple(2, op); break;
                case PickleOpcode.Tuple3: PushTuple(3, op); break;
                case PickleOpcode.Tuple:
                    var tupleItems = _stack.PopMark(op, out var tupleDepth);
                    _stack.Push(PyTuple.Own(tupleItems), tupleDepth + 1);
                    break;
                case PickleOpcode.List:
                    var listStart = _stack.PopMarkInPlace(op, out var listDepth);
                    var list = new PyList();
                    list.Items.AddRange(_stack.Marked(listStart));
                    _stack.DropFrom(listStart);
                    _stack.Push(list, listDepth + 1);
                    break;
                case PickleOpcode.Dict:
                    var dictStart = _stack.PopMarkInPlace(op, out var dictDepth);
                    var dict = new PyDict();
                    SetItems(dict, _stack.Marked(dictStart), op);
                    _stack.DropFrom(dictStart);
                    _stack.Push(dict, dictDepth + 1);
                    break;
                case PickleOpcode.FrozenSet:
                    var setStart = _stack.PopMarkInPlace(op, out var setDepth);
                    var frozen = new PySet(true);
                    foreach (var item in _stack.Marked(setStart))
                    {
                        frozen.AddWhileBuilding(Hashed(item, op));
                    }

                    _stack.DropFrom(setStart);
                    _stack.Push(frozen, setDepth + 1);
                    break;
                case PickleOpcode.Append:
                    var appended = _stack.Pop(op, out var appendedDepth);
                    Append(_stack.Peek(op), [appended], op);
                    _stack.Deepen(appendedDepth);
                    break;
                case PickleOpcode.Appends:
                    var appendsStart = _stack.PopMarkInPlace(op, out var appendsDepth);
                    var appendsTarget = _stack.PeekBelow(appendsStart, op);
                    Append(appendsTarget, _stack.Marked(appendsStart), op);
                    _stack.DropFrom(appendsStart);
                    _stack.Deepen(appendsDepth);
                    break;
                case PickleOpcode.SetItem:
                    var value = _stack.Pop(op, out var valueDepth);
                    var key = _stack.Pop(op, out var keyDepth);
                    SetItems(_stack.Peek(op), [key, value], op);
                    _stack.Deepen(Math.Max(keyDepth, valueDepth));
                    break;
                case PickleOpcode.SetItems:
                    var pairsStart = _stack.PopMarkInPlace(op, out var pairsDepth);
                    SetItems(_stack.PeekBelow(pairsStart, op), _stack.Marked(pairsStart), op);
                    _stack.DropFrom(pairsStart);
                    _stack.Deepen(pairsDepth);
                    break;
                case PickleOpcode.AddItems:
                    var addedStart = _stack.PopMarkInPlace(op, out var addedDepth);
                    if (_stack.PeekBelow(addedStart, op) is not PySet { Frozen: false } set)
                    {
                        throw _stack.Corrupt($"ADDITEMS to a {_stack.PeekBelow(addedStart, op).TypeName}");
                    }

                    foreach (var item in _stack.Marked(addedStart))
                    {
                        set.Add(Hashed(item, op));
                    }

                    _stack.DropFrom(addedStart);
                    _stack.Deepen(addedDepth);
                    break;

                // Memo.
                case PickleOpcode.Memoize: _memo.Put(_memo.Count, _stack.Peek(op), _stack.PeekDepth); break;
                case PickleOpcode.BinPut: Put(input.ReadByte(op), op); break;
                case PickleOpcode.LongBinPut: Put(input.ReadUInt32(op), op); break;
                case PickleOpcode.Put: Put(TextIndex(input.ReadLine(op), op), op); break;
                case PickleOpcode.BinGet: Get(input.ReadByte(op), op); break;
                case PickleOpcode.LongBinGet: Get(input.ReadUInt32(op), op); break;
                case PickleOpcode.Get: Get(TextIndex(input.ReadLine(op), op), op); break;

                // Globals and objects.
                case PickleOpcode.Global:
                    var module = Utf8Name(input.ReadLine(op), op);
                    Push(Resolve(module, Utf8Name(input.ReadLine(op), op), at));
                    break;
                case PickleOpcode.StackGlobal:
                    var name = _stack.Pop(op);
                    var owner = _stack.Pop(op);
                    if (owner is not PyStr m || name is not PyStr n)
                    {
                        throw _stack.Corrupt($"STACK_GLOBAL needs two str, got {owner.TypeName} and {name.TypeName}");
                    }

                    Push(Resolve(m.Value, n.Value, at));
                    break;
                case PickleOpcode.Reduce:
                    var args = _stack.Pop(op, out var argsDepth);
                    var callable = _stack.Peek(op);
                    _stack.ReplaceTop(Construct(callable, args, null, PyOpaqueKind.Reduce, op), argsDepth + 1);
                    break;
                case PickleOpcode.NewObj:
                    var newArgs = _stack.Pop(op, out var newDepth);
                    var cls = _stack.Pop(op);
                    _stack.Push(Construct(cls, newArgs, null, PyOpaqueKind.NewObj, op), newDepth + 1);
                    break;
                case PickleOpcode.NewObjEx:
                    var kwargs = _stack.Pop(op, out var kwargsDepth);
                    var exArgs = _stack.Pop(op, out var exDepth);
                    var exCls = _stack.Pop(op);
                    _stack.Push(Construct(exCls, exArgs, kwargs, PyOpaqueKind.NewObjEx, op), Math.Max(exDepth, kwargsDepth) + 1);
                    break;
                case PickleOpcode.Inst:
                    var instModule = AsciiName(input.ReadLine(op), op);
                    var instClass = Resolve(instModule, AsciiName(input.ReadLine(op), op), at);
                    var instArgs = _stack.PopMark(op, out var instDepth);
                    _stack.Push(Construct(instClass, PyTuple.Own(instArgs), null, PyOpaqueKind.Inst, op), instDepth + 1);
                    break;
                case PickleOpcode.Obj:
                    var objItems = _stack.PopMark(op, out var objDepth);
                    if (objItems.Length == 0)
                    {
                        throw _stack.Corrupt("OBJ without a class after its MARK");
                    }

                    _stack.Push(Construct(objItems[0], new PyTuple(objItems.Skip(1)), null, PyOpaqueKind.Inst, op), objDepth + 1);
                    break;
                case PickleOpcode.Build:
                    var state = _stack.Pop(op, out var stateDepth);
                    Build(_stack.Peek(op), state);
                    _stack.Deepen(stateDepth);
                    break;

                // What needs the program that wrote the pickle: refused, as Python does without the matching hooks.
                case PickleOpcode.PersId:
                case PickleOpcode.BinPersId:
                    throw _stack.Corrupt($"{op}: persistent ids need the persistent_load of the program that wrote this pickle");
                case PickleOpcode.Ext1:
                case PickleOpcode.Ext2:
                case PickleOpcode.Ext4:
                    var code = op == PickleOpcode.Ext1 ? input.ReadByte(op) : op == PickleOpcode.Ext2 ? input.ReadUInt16(op) : input.ReadInt32(op);
                    throw _stack.Corrupt($"{op}: extension code {code} is not registered (copyreg extension registry)");
                case PickleOpcode.NextBuffer:
                case PickleOpcode.ReadOnlyBuffer:
                    throw _stack.Corrupt($"{op}: the pickle refers to out-of-band buffers, which were not given");
                default:
                    throw _stack.Corrupt($"unknown opcode 0x{(byte)op:x2}");
            }
        }
    }

    private static PyInt Int(long value) => value is >= 0 and < 256 ? SmallInts[value] : PyInt.Of(value);

    private void Push(PyValue value) => _stack.Push(value, 0);

    private void PushTuple(int count, PickleOpcode op)
    {
        var items = new PyValue[count];
        var depth = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            items[i] = _stack.Pop(op, out var d);
            depth = Math.Max(depth, d);
        }

        _stack.Push(PyTuple.Own(items), depth + 1);
    }

    private long Length(long length, PickleOpcode op) =>
        length >= 0 ? length : throw _stack.Corrupt($"{op} has a negative length {length}");

    // A 64-bit length beyond what memory can hold is a length beyond the input: PickleInput reports it as truncation.
    private static long Length(ulong length) => length > long.MaxValue ? long.MaxValue : (long)length;

    private PyValue TextInt(ReadOnlySpan<byte> line, PickleOpcode op)
    {
        // Python 2 wrote booleans as INT 00 / 01.
        if (line.SequenceEqual("00"u8))
        {
            return PyBool.False;
        }

        if (line.SequenceEqual("01"u8))
        {
            return PyBool.True;
        }

        return PickleText.TryParseInt(line, out var value) ? new PyInt(value) : throw _stack.Corrupt($"{op} argument is not an integer");
    }

    private PyInt TextLong(ReadOnlySpan<byte> line, PickleOpcode op)
    {
        if (line.Length > 0 && line[^1] == 'L')
        {
            line = line[..^1];
        }

        return PickleText.TryParseInt(line, out var value) ? new PyInt(value) : throw _stack.Corrupt($"{op} argument is not an integer");
    }

    private long TextIndex(ReadOnlySpan<byte> line, PickleOpcode op) =>
        PickleText.TryParseInt(line, out var value) && value >= 0 && value <= long.MaxValue ? (long)value : throw _stack.Corrupt($"{op} argument is not a memo index");

    private PyStr Utf8String(ReadOnlySpan<byte> bytes, int end)
    {
        var text = SurrogateUtf8.Decode(bytes, out var invalidAt);
        return text is not null ? new PyStr(text) : throw StoreCorruptException.At(null, end - bytes.Length + invalidAt, "invalid UTF-8 in a pickled str");
    }

    private PyValue Python2String(ReadOnlySpan<byte> bytes, int at)
    {
        switch (_settings.Encoding)
        {
            case StringEncoding.Bytes:
                return new PyBytes(bytes);
            case StringEncoding.Latin1:
                return new PyStr(Encoding.Latin1.GetString(bytes));
            case StringEncoding.Utf8 when Utf8.IsValid(bytes):
                return new PyStr(Encoding.UTF8.GetString(bytes));
            case StringEncoding.Ascii when !bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F):
                return new PyStr(Encoding.ASCII.GetString(bytes));
            default:
                throw StoreCorruptException.At(null, at, $"Python 2 string is not {_settings.Encoding}; read it with encoding latin1 or bytes");
        }
    }

    private string Utf8Name(ReadOnlySpan<byte> line, PickleOpcode op) =>
        Utf8.IsValid(line) ? Encoding.UTF8.GetString(line) : throw _stack.Corrupt($"{op} name is not UTF-8");

    private string AsciiName(ReadOnlySpan<byte> line, PickleOpcode op) =>
        !line.ContainsAnyExceptInRange((byte)0, (byte)0x7F) ? Encoding.ASCII.GetString(line) : throw _stack.Corrupt($"{op} name is not ASCII");

    private PyGlobal Resolve(string module, string name, int at)
    {
        if (_proto < 3)
        {
            (module, name) = CompatNames.ToPython3(module, name);
        }

        if (!_globals.TryGetValue((module, name), out var global))
        {
            global = new PyGlobal(module, name);
            if (!_settings.Allows(module, global.FullName))
            {
                throw PickleRefusedException.At(null, at, global.FullName);
            }

            _globals.Add((module, name), global);
        }

        return global;
    }

    private void Put(long index, PickleOpcode op) => _memo.Put(index, _stack.Peek(op), _stack.PeekDepth);

    private void Get(long index, PickleOpcode op)
    {
        if (!_memo.TryGet(index, out var value, out var depth))
        {
            throw _stack.Corrupt($"{op} {index}: no such memo entry");
        }

        _stack.Push(value, depth);
    }

    private PyValue Hashed(PyValue item, PickleOpcode op) =>
        Hashable.FindUnhashable(item) is { } bad ? throw _stack.Corrupt($"{op}: an unhashable {bad.TypeName} cannot be a set item or dict key") : item;

    private void Append(PyValue target, ReadOnlySpan<PyValue> items, PickleOpcode op)
    {
        switch (target)
        {
            case PyList list: list.Items.AddRange(items); break;
            case PyOpaque opaque: opaque.ListItems.AddRange(items); break;
            default: throw _stack.Corrupt($"{op} to a {target.TypeName}");
        }
    }

    private void SetItems(PyValue target, ReadOnlySpan<PyValue> items, PickleOpcode op)
    {
        if (items.Length % 2 != 0)
        {
            throw _stack.Corrupt($"{op} with an odd number of items");
        }

        if (target is PyDict sized)
        {
            sized.EnsureCapacity(sized.Count + (items.Length / 2));
        }

        for (var i = 0; i < items.Length; i += 2)
        {
            switch (target)
            {
                case PyDict dict: dict[Hashed(items[i], op)] = items[i + 1]; break;
                case PyOpaque opaque: opaque.DictItems.Add(new(items[i], items[i + 1])); break;
                default: throw _stack.Corrupt($"{op} on a {target.TypeName}");
            }
        }
    }

    private PyValue Construct(PyValue callable, PyValue args, PyValue? kwargs, PyOpaqueKind kind, PickleOpcode op)
    {
        if (args is not PyTuple tuple)
        {
            throw _stack.Corrupt($"{op} arguments are a {args.TypeName}, not a tuple");
        }

        if (callable is PyOpaque callee && kind == PyOpaqueKind.Reduce)
        {
            return new PyOpaque(callee.Callable, PyOpaqueKind.ReduceObject, new PyTuple(callee, tuple));
        }

        if (callable is not PyGlobal global)
        {
            throw _stack.Corrupt($"{op} on a {callable.TypeName}: only classes, functions and objects built from them can be called");
        }

        if (kwargs is not null and not PyDict)
        {
            throw _stack.Corrupt($"{op} keyword arguments are a {kwargs.TypeName}, not a dict");
        }

        var known = kind switch
        {
            PyOpaqueKind.NewObj => KnownCalls.New(global, tuple, _stack),
            PyOpaqueKind.NewObjEx when kwargs is PyDict { Count: 0 } => KnownCalls.New(global, tuple, _stack),
            PyOpaqueKind.NewObjEx => null,
            _ => KnownCalls.Call(global, tuple, _stack),
        };
        return known ?? new PyOpaque(global, kind, tuple, kwargs as PyDict);
    }

    // BUILD calls __setstate__ or updates __dict__; an opaque object keeps the state to show and write back.
    private void Build(PyValue target, PyValue state)
    {
        if (target is not PyOpaque opaque)
        {
            throw _stack.Corrupt($"BUILD on a {target.TypeName}");
        }

        if (opaque.State is PyDict current && state is PyDict update)
        {
            // A second BUILD with a dict updates the attributes, as Python's default __setstate__ does.
            foreach (var (k, v) in update)
            {
                current[k] = v;
            }
        }
        else
        {
            opaque.State = state;
        }
    }
}
