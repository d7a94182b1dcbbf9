using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>The pickler's memo: which objects (by identity) and which shared values (by value) were written at which index.</summary>
/// <remarks>
/// Identity is what CPython keys its memo by. Values CPython keeps as one object — interned strs, module names,
/// the str/bytes singletons, each global — are tracked by value, so equal ones written from different .NET objects
/// still come out as one memo entry, as they would from CPython. Protocol 4 writes MEMOIZE; earlier ones BINPUT/LONG_BINPUT.
/// </remarks>
internal sealed class PicklerMemo
{
    private readonly PickleOutput _out;
    private readonly int _protocol;
    private readonly Dictionary<PyValue, int> _byIdentity = new(1024, ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _interned = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _sharedBytes = [];
    private readonly Dictionary<(string, string), int> _globals = [];
    private int _count;

    public PicklerMemo(PickleOutput output, int protocol)
    {
        _out = output;
        _protocol = protocol;
    }

    public bool TryGet(PyValue value, out int index) => _byIdentity.TryGetValue(value, out index);

    public bool TryGetInterned(string text, out int index) => _interned.TryGetValue(text, out index);

    /// <summary>bytes of length 0 and 1 are singletons in CPython: key −1 for b'', else the byte.</summary>
    public bool TryGetSharedBytes(int key, out int index) => _sharedBytes.TryGetValue(key, out index);

    public bool TryGetGlobal(string module, string name, out int index) => _globals.TryGetValue((module, name), out index);

    /// <summary>Memoizes the value just written, by identity.</summary>
    public void Put(PyValue value)
    {
        _byIdentity[value] = _count;
        PutAnonymous();
    }

    /// <summary>Memoizes the str just written, by value.</summary>
    public void PutInterned(string text)
    {
        _interned[text] = _count;
        PutAnonymous();
    }

    /// <summary>Memoizes the global just written, by name.</summary>
    public void PutGlobal(string module, string name)
    {
        _globals[(module, name)] = _count;
        PutAnonymous();
    }

    /// <summary>Records that the singleton bytes with <paramref name="key"/> live at <paramref name="index"/>.</summary>
    public void RecordSharedBytes(int key, int index) => _sharedBytes[key] = index;

    /// <summary>Memoizes the value just written that nothing else can refer to (a temporary CPython would also memoize).</summary>
    public void PutAnonymous()
    {
        var index = _count++;
        if (_protocol >= 4)
        {
            _out.WriteOp(PickleOpcode.Memoize);
        }
        else if (index < 256)
        {
            _out.WriteOp(PickleOpcode.BinPut, (byte)index);
        }
        else
        {
            _out.WriteOpUInt32(PickleOpcode.LongBinPut, (uint)index);
        }
    }

    /// <summary>Writes a fetch of memo entry <paramref name="index"/>.</summary>
    public void WriteGet(int index)
    {
        if (index < 256)
        {
            _out.WriteOp(PickleOpcode.BinGet, (byte)index);
        }
        else
        {
            _out.WriteOpUInt32(PickleOpcode.LongBinGet, (uint)index);
        }
    }
}
