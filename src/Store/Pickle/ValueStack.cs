using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>The unpickler's value stack and mark stack; each value carries the nesting depth of what it holds.</summary>
/// <remarks>
/// Like CPython's C unpickler, a MARK fences the stack: opcodes see only the values pushed since the last mark, and
/// reaching below the fence is a stack underflow. Depths bound how deeply values nest so a hostile pickle cannot build
/// a structure that later walkers could not traverse; a container's depth is raised as items are added to it.
/// </remarks>
internal sealed class ValueStack
{
    private PyValue[] _values = new PyValue[64];
    private int[] _depths = new int[64];
    private int[] _marks = new int[16];
    private int _markCount;

    /// <summary>The number of values, marked regions included.</summary>
    public int Count { get; private set; }

    /// <summary>The offset of the opcode being run, for error messages.</summary>
    public int Offset { get; set; }

    /// <summary>The deepest nesting allowed.</summary>
    public int MaxDepth { get; init; }

    private int Fence => _markCount == 0 ? 0 : _marks[_markCount - 1];

    public void Push(PyValue value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"values nest deeper than {MaxDepth} levels");
        }

        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
            Array.Resize(ref _depths, Count * 2);
        }

        _values[Count] = value;
        _depths[Count] = depth;
        Count++;
    }

    public PyValue Pop(PickleOpcode op) => Pop(op, out _);

    public PyValue Pop(PickleOpcode op, out int depth)
    {
        if (Count <= Fence)
        {
            throw Underflow(op);
        }

        Count--;
        depth = _depths[Count];
        var value = _values[Count];
        _values[Count] = null!;
        return value;
    }

    /// <summary>POP: drops the top value, or the last mark when nothing is above it (as CPython's unpickler does).</summary>
    public void DiscardTop(PickleOpcode op)
    {
        if (Count > Fence)
        {
            Pop(op);
        }
        else if (_markCount > 0)
        {
            _markCount--;
        }
        else
        {
            throw Underflow(op);
        }
    }

    public PyValue Peek(PickleOpcode op)
    {
        if (Count <= Fence)
        {
            throw Underflow(op);
        }

        return _values[Count - 1];
    }

    public int PeekDepth => _depths[Count - 1];

    /// <summary>Replaces the top value (REDUCE and BUILD-like results).</summary>
    public void ReplaceTop(PyValue value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt($"values nest deeper than {MaxDepth} levels");
        }

        _values[Count - 1] = value;
        _depths[Count - 1] = depth;
    }

    /// <summary>Records that the top container now holds something <paramref name="itemDepth"/> deep.</summary>
    public void Deepen(int itemDepth)
    {
        if (itemDepth + 1 > _depths[Count - 1])
        {
            if (itemDepth + 1 > MaxDepth)
            {
                throw Corrupt($"values nest deeper than {MaxDepth} levels");
            }

            _depths[Count - 1] = itemDepth + 1;
        }
    }

    public void PushMark()
    {
        if (_markCount == _marks.Length)
        {
            Array.Resize(ref _marks, _markCount * 2);
        }

        _marks[_markCount++] = Count;
    }

    /// <summary>Pops the values above the last mark and the mark itself; returns them and the deepest of their depths.</summary>
    public PyValue[] PopMark(PickleOpcode op, out int maxDepth)
    {
        if (_markCount == 0)
        {
            throw Corrupt($"{op} without a MARK before it");
        }

        var start = _marks[--_markCount];
        var items = _values.AsSpan(start, Count - start).ToArray();
        maxDepth = 0;
        for (var i = start; i < Count; i++)
        {
            maxDepth = Math.Max(maxDepth, _depths[i]);
        }

        Array.Clear(_values, start, Count - start);
        Count = start;
        return items;
    }

    /// <summary>
    /// Pops the last mark but leaves the values above it in place, readable through <see cref="Marked"/> until
    /// <see cref="DropFrom"/>: APPENDS, SETITEMS and friends consume them without copying.
    /// </summary>
    public int PopMarkInPlace(PickleOpcode op, out int maxDepth)
    {
        if (_markCount == 0)
        {
            throw Corrupt($"{op} without a MARK before it");
        }

        var start = _marks[--_markCount];
        maxDepth = 0;
        for (var i = start; i < Count; i++)
        {
            maxDepth = Math.Max(maxDepth, _depths[i]);
        }

        return start;
    }

    /// <summary>The value just below a popped mark's region: the container APPENDS, SETITEMS and ADDITEMS fill.</summary>
    public PyValue PeekBelow(int start, PickleOpcode op) => start > Fence ? _values[start - 1] : throw Underflow(op);

    public ReadOnlySpan<PyValue> Marked(int start) => _values.AsSpan(start, Count - start);

    public void DropFrom(int start)
    {
        Array.Clear(_values, start, Count - start);
        Count = start;
    }

    public StoreCorruptException Corrupt(string reason) => StoreCorruptException.At(null, Offset, reason);

    private StoreCorruptException Underflow(PickleOpcode op) =>
        Corrupt(_markCount > 0 && Count == Fence ? $"stack underflow at {op} (only a MARK is left)" : $"stack underflow at {op}");
}
