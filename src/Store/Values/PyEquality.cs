using System.Runtime.CompilerServices;

namespace SlurmSearch.Store.Values;

/// <summary>Structural, type-strict equality and hashing over <see cref="PyValue"/> trees.</summary>
/// <remarks>
/// Type-strict on purpose: a round trip must keep a tuple a tuple and an int an int. Floats compare by bit pattern, so
/// −0.0 stays distinct from 0.0 (pickles keep both exactly), except that every NaN equals every NaN. Cycles are handled by assuming
/// equality for a pair already under comparison (the co-inductive reading), so recursive structures terminate.
/// </remarks>
public static class PyEquality
{
    /// <summary>True when the two values are structurally equal.</summary>
    public static bool Equal(PyValue? a, PyValue? b) => Equal(a, b, null);

    private static bool Equal(PyValue? a, PyValue? b, HashSet<(PyValue, PyValue)>? visiting)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        switch (a)
        {
            case PyBool x: return x.Value == ((PyBool)b).Value;
            case PyInt x: return x.Value == ((PyInt)b).Value;
            case PyFloat x: return SameFloat(x.Value, ((PyFloat)b).Value);
            case PyStr x: return string.Equals(x.Value, ((PyStr)b).Value, StringComparison.Ordinal);
            case PyBytes x: return x.Span.SequenceEqual(((PyBytes)b).Span);
            case PyByteArray x: return x.Items.SequenceEqual(((PyByteArray)b).Items);
            case PyDate x: return x.Value == ((PyDate)b).Value;
            case PyTimeDelta x:
                var td = (PyTimeDelta)b;
                return x.Days == td.Days && x.Seconds == td.Seconds && x.Microseconds == td.Microseconds;
            case PyGlobal x:
                var g = (PyGlobal)b;
                return x.Module == g.Module && x.Name == g.Name;
        }

        visiting ??= new HashSet<(PyValue, PyValue)>(PairComparer.Instance);
        if (!StackGuard.HasRoom)
        {
            return StackGuard.RunOnFreshStack(() => Equal(a, b, visiting));
        }

        if (!visiting.Add((a, b)))
        {
            return true;
        }

        // Pairs stay in the set once compared: a pair that turned out unequal makes the whole answer false anyway, so
        // remembering proven pairs is sound, and it keeps shared sub-structures (DAGs) from being compared exponentially often.
        return a switch
        {
            PyTuple x => Sequence(x.Items, ((PyTuple)b).Items, visiting),
            PyList x => Sequence(x.Items, ((PyList)b).Items, visiting),
            PyDict x => Dicts(x, (PyDict)b, visiting),
            PySet x => x.Frozen == ((PySet)b).Frozen && x.Count == ((PySet)b).Count && x.All(((PySet)b).Contains),
            PyDateTime x => x.Value == ((PyDateTime)b).Value && x.Fold == ((PyDateTime)b).Fold
                && Equal(x.TzInfo, ((PyDateTime)b).TzInfo, visiting),
            PyTime x => x.Value == ((PyTime)b).Value && x.Fold == ((PyTime)b).Fold && Equal(x.TzInfo, ((PyTime)b).TzInfo, visiting),
            PyOpaque x => Opaques(x, (PyOpaque)b, visiting),
            _ => false,
        };
    }

    // Any NaN equals any NaN (payload and sign bits vary between producers); otherwise bit-exact, so -0.0 != 0.0.
    private static bool SameFloat(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static bool Sequence(IReadOnlyList<PyValue> a, IReadOnlyList<PyValue> b, HashSet<(PyValue, PyValue)> visiting)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!Equal(a[i], b[i], visiting))
            {
                return false;
            }
        }

        return true;
    }

    // Python's dict equality ignores order; so does ours (order is still kept for display and writing).
    private static bool Dicts(PyDict a, PyDict b, HashSet<(PyValue, PyValue)> visiting)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !Equal(value, other, visiting))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Opaques(PyOpaque a, PyOpaque b, HashSet<(PyValue, PyValue)> visiting) =>
        a.Kind == b.Kind
        && Equal(a.Callable, b.Callable, visiting)
        && Equal(a.Args, b.Args, visiting)
        && Equal(a.Kwargs, b.Kwargs, visiting)
        && Equal(a.State, b.State, visiting)
        && Sequence(a.ListItems, b.ListItems, visiting)
        && a.DictItems.Count == b.DictItems.Count
        && a.DictItems.Zip(b.DictItems).All(p => Equal(p.First.Key, p.Second.Key, visiting) && Equal(p.First.Value, p.Second.Value, visiting));

    /// <summary>A hash consistent with <see cref="Equal(PyValue?, PyValue?)"/>; containers hash shallowly so cycles are safe.</summary>
    public static int Hash(PyValue value) => Hash(value, 2);

    private static int Hash(PyValue value, int depth) => value switch
    {
        PyNone => 0x5eed,
        PyBool x => x.Value ? 0x7 : 0x3,
        PyInt x => x.Value.GetHashCode(),
        PyFloat x => double.IsNaN(x.Value) ? 0x7ff8 : BitConverter.DoubleToInt64Bits(x.Value).GetHashCode(),
        PyStr x => string.GetHashCode(x.Value, StringComparison.Ordinal),
        PyBytes x => HashBytes(x.Span),
        PyDate x => x.Value.GetHashCode(),
        PyDateTime x => x.Value.GetHashCode(),
        PyTime x => x.Value.GetHashCode(),
        PyTimeDelta x => HashCode.Combine(x.Days, x.Seconds, x.Microseconds),
        PyGlobal x => HashCode.Combine(x.Module, x.Name),
        PyTuple x when depth > 0 => x.Items.Aggregate(x.Count, (h, item) => HashCode.Combine(h, Hash(item, depth - 1))),
        PyTuple x => x.Count,
        PySet { Frozen: true } x => x.Aggregate(x.Count, (h, item) => h ^ Hash(item, 0)),
        PyList x => 0x11 ^ x.Count,
        PyDict x => 0x13 ^ x.Count,
        PySet x => 0x17 ^ x.Count,
        PyByteArray x => 0x19 ^ x.Items.Count,
        PyOpaque x => HashCode.Combine(x.Callable.Module, x.Callable.Name),
        _ => 0,
    };

    private static int HashBytes(ReadOnlySpan<byte> bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    private sealed class PairComparer : IEqualityComparer<(PyValue, PyValue)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((PyValue, PyValue) x, (PyValue, PyValue) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((PyValue, PyValue) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
