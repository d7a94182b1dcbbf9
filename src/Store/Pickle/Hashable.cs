using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>Python's rule for dict keys and set items: no list, dict, set or bytearray, not even inside a tuple.</summary>
/// <remarks>
/// Python itself raises <c>TypeError: unhashable type</c> here, so a pickle with such a key is not one Python wrote;
/// refusing it also keeps mutable (possibly recursive) containers out of hash tables.
/// </remarks>
internal static class Hashable
{
    /// <summary>The first unhashable value found in <paramref name="value"/>, or null when it is hashable.</summary>
    public static PyValue? FindUnhashable(PyValue value)
    {
        if (value is not PyTuple root)
        {
            return IsMutable(value) ? value : null;
        }

        // Tuples nest and share (a DAG); walk each one once, without recursion.
        var pending = new Stack<PyTuple>();
        var seen = new HashSet<PyTuple>(ReferenceEqualityComparer.Instance);
        pending.Push(root);
        seen.Add(root);
        while (pending.Count > 0)
        {
            foreach (var item in pending.Pop().Items)
            {
                if (item is PyTuple inner)
                {
                    if (seen.Add(inner))
                    {
                        pending.Push(inner);
                    }
                }
                else if (IsMutable(item))
                {
                    return item;
                }
            }
        }

        return null;
    }

    private static bool IsMutable(PyValue value) => value is PyList or PyDict or PyByteArray or PySet { Frozen: false };
}
