using System.Buffers;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>Writes <see cref="PyValue"/> trees as pickles Python's <c>pickle.load</c> reads back to equal, same-typed values.</summary>
/// <remarks>
/// Protocol 4 (the default, Python 3.4+) is written with framing; 2, 3 and 5 are available. The output is the one
/// CPython 3.11's pickler produces for the same object graph, byte for byte for built-in values (set iteration order
/// aside), and deterministic. Shared containers are written once and fetched from the memo, so identity and recursion
/// survive. Numpy scalars were decoded to plain numbers on reading and are written as plain <c>float</c>/<c>int</c>/<c>bool</c>;
/// opaque objects are written back the way they were built (REDUCE, NEWOBJ, NEWOBJ_EX or OBJ), then their list
/// items, dict items and BUILD state, in CPython's order.
/// </remarks>
public static class PickleWriter
{
    /// <summary>The protocol written when none is given.</summary>
    public const int DefaultProtocol = 4;

    /// <summary>Pickles <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The protocol is not 2–5.</exception>
    /// <exception cref="ArgumentException">The value holds something the protocol cannot express (e.g. NEWOBJ_EX below 4).</exception>
    public static byte[] Write(PyValue value, int protocol = DefaultProtocol)
    {
        using var pickler = Start(value, protocol);
        return pickler.Dump(value).ToArray();
    }

    /// <summary>Pickles <paramref name="value"/> into <paramref name="output"/>.</summary>
    public static void Write(PyValue value, IBufferWriter<byte> output, int protocol = DefaultProtocol)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var pickler = Start(value, protocol);
        output.Write(pickler.Dump(value));
    }

    /// <summary>Pickles <paramref name="value"/> onto <paramref name="output"/> (as Python's <c>pickle.dump</c>).</summary>
    public static void Write(PyValue value, Stream output, int protocol = DefaultProtocol)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var pickler = Start(value, protocol);
        output.Write(pickler.Dump(value));
    }

    private static Pickler Start(PyValue value, int protocol)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(protocol, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(protocol, 5);
        return new Pickler(protocol);
    }
}
