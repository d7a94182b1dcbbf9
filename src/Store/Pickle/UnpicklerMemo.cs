namespace SlurmSearch.Store.Pickle;

/// <summary>The unpickler's memo: index → value (with its nesting depth), as Python's dict-based memo.</summary>
/// <remarks>
/// Indices are normally dense (MEMOIZE uses the entry count), so a list serves them; a PUT with a far-away index
/// (legal, if odd) goes to a dictionary instead of growing the list, so a hostile index cannot force a huge allocation.
/// </remarks>
internal sealed class UnpicklerMemo
{
    private const int MaxGap = 4096;
    private readonly List<(Values.PyValue? Value, int Depth)> _dense = [];
    private Dictionary<long, (Values.PyValue Value, int Depth)>? _sparse;

    /// <summary>The number of entries (what MEMOIZE uses as the next index).</summary>
    public int Count { get; private set; }

    public void Put(long index, Values.PyValue value, int depth)
    {
        if (index < _dense.Count)
        {
            if (_dense[(int)index].Value is null && !(_sparse?.Remove(index) ?? false))
            {
                Count++;
            }

            _dense[(int)index] = (value, depth);
            return;
        }

        if (index - _dense.Count <= MaxGap && (_sparse is null || !_sparse.ContainsKey(index)))
        {
            while (_dense.Count < index)
            {
                _dense.Add((null, 0));
            }

            _dense.Add((value, depth));
            Count++;
            return;
        }

        _sparse ??= [];
        if (_sparse.TryAdd(index, (value, depth)))
        {
            Count++;
        }
        else
        {
            _sparse[index] = (value, depth);
        }
    }

    public bool TryGet(long index, out Values.PyValue value, out int depth)
    {
        if (index >= 0 && index < _dense.Count && _dense[(int)index].Value is { } found)
        {
            value = found;
            depth = _dense[(int)index].Depth;
            return true;
        }

        if (_sparse is not null && _sparse.TryGetValue(index, out var entry))
        {
            (value, depth) = entry;
            return true;
        }

        value = Values.PyNone.Instance;
        depth = 0;
        return false;
    }
}
