using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>
/// The body of a store transaction: read <see cref="State"/>, change it only through <see cref="Set"/>, <see cref="Append"/>,
/// <see cref="Delete"/> and <see cref="Replace"/> (each applied at once, so later reads see it). The changes are committed
/// together, atomically and durably, when the body returns; an exception discards them all.
/// </summary>
/// <remarks>
/// <see cref="State"/> is the store's live copy: mutating it directly bypasses the journal and is a bug. Values passed
/// to the operations become owned by the store; do not change them afterwards.
/// </remarks>
public sealed class StateTransaction
{
    private readonly List<StateOp> _operations = [];

    internal StateTransaction(StateKey key, PyValue state)
    {
        Key = key;
        State = state;
    }

    /// <summary>The key being updated.</summary>
    public StateKey Key { get; }

    /// <summary>The current state, including this transaction's changes so far. Read only.</summary>
    public PyValue State { get; private set; }

    /// <summary>The state as a dict; throws <see cref="InvalidOperationException"/> when the root is not a dict.</summary>
    public PyDict Dict => State as PyDict ?? throw new InvalidOperationException($"state '{Key}' is a {State.TypeName}, not a dict");

    /// <summary>True when the transaction changed nothing.</summary>
    public bool IsEmpty => _operations.Count == 0;

    internal IReadOnlyList<StateOp> Operations => _operations;

    /// <summary>Sets the dict key or list index at the end of <paramref name="path"/>.</summary>
    public void Set(PyValue[] path, PyValue value) => Apply(new StateOp(StateOpKind.Set, Checked(path, 1), Value(value)));

    /// <summary>Appends to the list at <paramref name="path"/>.</summary>
    public void Append(PyValue[] path, PyValue value) => Apply(new StateOp(StateOpKind.Append, Checked(path, 1), Value(value)));

    /// <summary>Deletes the dict key or list index at the end of <paramref name="path"/>.</summary>
    public void Delete(PyValue[] path) => Apply(new StateOp(StateOpKind.Delete, Checked(path, 1), null));

    /// <summary>Replaces the whole state (journals the full value: prefer the finer operations on large states).</summary>
    public void Replace(PyValue state) => Apply(new StateOp(StateOpKind.Replace, [], Value(state)));

    private void Apply(StateOp op)
    {
        State = op.ApplyTo(State);
        _operations.Add(op);
    }

    private static PyValue[] Checked(PyValue[] path, int minimum)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length < minimum)
        {
            throw new ArgumentException("the path must name a key or index", nameof(path));
        }

        return [.. path];
    }

    private static PyValue Value(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}
