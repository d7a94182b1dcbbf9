using System.Numerics;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Values the pickle tests share: each mirrors a value built by <c>Golden/make_golden.py</c>.</summary>
internal static class PickleSamples
{
    /// <summary>Python's <c>float('nan')</c> bit pattern (positive quiet NaN); .NET's <see cref="double.NaN"/> has the sign bit set.</summary>
    public static double PythonNaN { get; } = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);

    /// <summary>The C# twin of <c>make_golden.rich()</c>, with the same sharing (one list referenced twice) and the same cycle.</summary>
    public static PyDict Rich()
    {
        var shared = new PyList(1, 2, 3);
        var recursive = new PyList("head");
        recursive.Add(recursive);
        var twoTo100 = BigInteger.Pow(2, 100);
        return new PyDict
        {
            ["ints"] = new PyList(0, 1, -1, 255, 256, 65535, 65536, int.MaxValue, 2147483648L, int.MinValue, -2147483649L,
                new PyInt(BigInteger.Pow(2, 63)), new PyInt(-BigInteger.Pow(2, 63) - 1), new PyInt(twoTo100), new PyInt(-twoTo100)),
            ["floats"] = new PyList(0.0, -0.0, 1.5, -2.25e-300, 1e308, double.PositiveInfinity, double.NegativeInfinity, PythonNaN),
            ["text"] = new PyList("", "a", "ascii", "\u00e9", "\u0109", "\u65e5\u672c\u8a9e", "\U0001F600 astral", "lone \udc80 surrogate",
                "quote's \"and\" \\ back\nslash"),
            ["bytes"] = new PyBytes([0, 1, 0xff, (byte)'r', (byte)'a', (byte)'w']),
            ["empty_bytes"] = new PyBytes([]),
            ["bytearray"] = new PyByteArray("mutable\0"u8),
            ["set"] = new PySet(false, 1, 2, 3),
            ["frozenset"] = new PySet(true, 4, 5),
            ["empty_set"] = new PySet(false),
            ["tuple"] = new PyTuple(1, "two", new PyTuple(3.0, PyNone.Instance)),
            ["empty_tuple"] = PyTuple.Empty,
            ["bools"] = new PyList(true, false, PyNone.Instance),
            [1] = "int key",
            [new PyTuple(1, "a")] = "tuple key",
            [PyNone.Instance] = "None key",
            ["datetime"] = new PyDateTime(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(6_789_010)),
            ["date"] = new PyDate(new DateOnly(1999, 12, 31)),
            ["time"] = new PyTime(new TimeOnly(23, 59, 58).Add(TimeSpan.FromTicks(9_999_990))),
            ["timedelta"] = new PyTimeDelta(-1, 5, 7),
            ["shared"] = new PyList(shared, shared),
            ["recursive"] = recursive,
            ["nested"] = new PyDict { ["a"] = new PyDict { ["b"] = new PyDict { ["c"] = new PyList(new PyDict { ["d"] = PyTuple.Empty }) } } },
        };
    }

    /// <summary>The numbers <c>make_golden.numpy_scalars()</c> pickles as numpy scalars, as the reader decodes them.</summary>
    public static PyList NumpyScalars() => new(0.1171875, 0.5, -2.0, 1.5, -7, 123456, -300, -5, new PyInt(ulong.MaxValue), 4_000_000_000L,
        65535, 200, true, 42);
}
