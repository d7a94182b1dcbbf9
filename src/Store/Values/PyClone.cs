namespace SlurmSearch.Store.Values;

/// <summary>Deep copies of value trees that keep sharing and cycles (a list referenced twice stays one list).</summary>
public static class PyClone
{
    /// <summary>A deep copy; immutable leaves are shared, containers are new.</summary>
    public static PyValue Deep(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Copy(value, new Dictionary<PyValue, PyValue>(ReferenceEqualityComparer.Instance));
    }

    private static PyValue Copy(PyValue value, Dictionary<PyValue, PyValue> copies)
    {
        switch (value)
        {
            case PyNone or PyBool or PyInt or PyFloat or PyStr or PyBytes or PyGlobal or PyDate or PyTimeDelta:
                return value;
        }

        if (copies.TryGetValue(value, out var existing))
        {
            return existing;
        }

        switch (value)
        {
            case PyList list:
                var newList = new PyList();
                copies[value] = newList;
                foreach (var item in list.Items)
                {
                    newList.Add(Copy(item, copies));
                }

                return newList;
            case PyDict dict:
                var newDict = new PyDict();
                copies[value] = newDict;
                foreach (var (k, v) in dict)
                {
                    newDict[Copy(k, copies)] = Copy(v, copies);
                }

                return newDict;
            case PyTuple tuple:
                var newTuple = new PyTuple(tuple.Items.Select(item => Copy(item, copies)));
                copies[value] = newTuple;
                return newTuple;
            case PySet set:
                var newSet = new PySet(set.Frozen, set.Select(item => Copy(item, copies)));
                copies[value] = newSet;
                return newSet;
            case PyByteArray bytes:
                var newBytes = new PyByteArray(bytes.Items.ToArray());
                copies[value] = newBytes;
                return newBytes;
            case PyDateTime dt:
                return new PyDateTime(dt.Value, dt.TzInfo is null ? null : Copy(dt.TzInfo, copies), dt.Fold);
            case PyTime t:
                return new PyTime(t.Value, t.TzInfo is null ? null : Copy(t.TzInfo, copies), t.Fold);
            case PyOpaque opaque:
                var args = (PyTuple)Copy(opaque.Args, copies);
                var kwargs = opaque.Kwargs is null ? null : (PyDict)Copy(opaque.Kwargs, copies);
                var newOpaque = new PyOpaque(opaque.Callable, opaque.Kind, args, kwargs);
                copies[value] = newOpaque;
                newOpaque.State = opaque.State is null ? null : Copy(opaque.State, copies);
                newOpaque.ListItems.AddRange(opaque.ListItems.Select(item => Copy(item, copies)));
                newOpaque.DictItems.AddRange(opaque.DictItems.Select(p => KeyValuePair.Create(Copy(p.Key, copies), Copy(p.Value, copies))));
                return newOpaque;
            default:
                throw new ArgumentException($"cannot copy a {value.TypeName}", nameof(value));
        }
    }
}
