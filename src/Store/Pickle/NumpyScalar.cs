using System.Buffers.Binary;
using System.Text;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>Decodes numpy scalars (<c>numpy.float64(0.5)</c> in hyperopt's <c>misc.vals</c>) to plain Python numbers.</summary>
/// <remarks>
/// numpy pickles a scalar as <c>numpy.core.multiarray.scalar(dtype, raw_bytes)</c> (<c>numpy._core</c> from numpy 2),
/// the dtype as <c>numpy.dtype('f8', False, True)</c> plus a BUILD state <c>(3, '&lt;', None, …)</c> whose second item is
/// the byte order. Float, signed, unsigned and bool kinds of the usual sizes decode; anything else (complex, datetime64,
/// strings, object arrays) stays an opaque value and is written back as it came. Decoded scalars are written back as
/// plain <c>float</c>/<c>int</c>/<c>bool</c>, which is what <c>float(x)</c> in the original code would see.
/// </remarks>
internal static class NumpyScalar
{
    /// <summary>The number, or null to keep the call opaque.</summary>
    public static PyValue? Decode(PyTuple args)
    {
        if (args.Count != 2 || args[0] is not PyOpaque { Callable: { Name: "dtype" } dtypeClass } dtype
            || !dtypeClass.Module.StartsWith("numpy", StringComparison.Ordinal)
            || dtype.Args.Count == 0 || dtype.Args[0] is not PyStr { Value: var code })
        {
            return null;
        }

        var raw = args[1] switch
        {
            PyBytes b => b.Span.ToArray(),
            PyStr s when s.Value.All(c => c <= 0xFF) => Encoding.Latin1.GetBytes(s.Value),
            _ => null,
        };
        if (raw is null || code.Length < 2 || !int.TryParse(code.AsSpan(1), out var size) || raw.Length != size)
        {
            return null;
        }

        var bigEndian = dtype.State is PyTuple { Count: > 1 } state && state[1] is PyStr { Value: ">" };
        ReadOnlySpan<byte> v = raw;
        return (code[0], size) switch
        {
            ('f', 2) => new PyFloat((double)BitConverter.UInt16BitsToHalf(bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(v) : BinaryPrimitives.ReadUInt16LittleEndian(v))),
            ('f', 4) => new PyFloat(bigEndian ? BinaryPrimitives.ReadSingleBigEndian(v) : BinaryPrimitives.ReadSingleLittleEndian(v)),
            ('f', 8) => new PyFloat(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(v) : BinaryPrimitives.ReadDoubleLittleEndian(v)),
            ('i', 1) => PyInt.Of(unchecked((sbyte)v[0])),
            ('i', 2) => PyInt.Of(bigEndian ? BinaryPrimitives.ReadInt16BigEndian(v) : BinaryPrimitives.ReadInt16LittleEndian(v)),
            ('i', 4) => PyInt.Of(bigEndian ? BinaryPrimitives.ReadInt32BigEndian(v) : BinaryPrimitives.ReadInt32LittleEndian(v)),
            ('i', 8) => PyInt.Of(bigEndian ? BinaryPrimitives.ReadInt64BigEndian(v) : BinaryPrimitives.ReadInt64LittleEndian(v)),
            ('u', 1) => PyInt.Of(v[0]),
            ('u', 2) => PyInt.Of(bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(v) : BinaryPrimitives.ReadUInt16LittleEndian(v)),
            ('u', 4) => PyInt.Of(bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(v) : BinaryPrimitives.ReadUInt32LittleEndian(v)),
            ('u', 8) => new PyInt(bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(v) : BinaryPrimitives.ReadUInt64LittleEndian(v)),
            ('b', 1) => PyBool.Of(v[0] != 0),
            _ => null,
        };
    }
}
