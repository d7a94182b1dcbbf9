using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>The packed byte states CPython's <c>datetime</c> types pickle themselves as (<c>__reduce_ex__</c>).</summary>
/// <remarks>
/// datetime: 10 bytes <c>year(2, big-endian) month day hour minute second microsecond(3, big-endian)</c>;
/// date: the first 4; time: <c>hour minute second microsecond(3)</c>. The PEP 495 fold bit rides in the high bit of
/// the month (datetime) or hour (time) byte, and only from protocol 4 on, as CPython writes it.
/// </remarks>
internal static class DateTimePayload
{
    public const int DateTimeLength = 10;
    public const int DateLength = 4;
    public const int TimeLength = 6;

    /// <summary>CPython accepts a bytes state only when its month byte (fold bit masked) is 1–12; else the args are ordinary constructor arguments.</summary>
    public static bool LooksLikeDateTime(ReadOnlySpan<byte> state) => state.Length == DateTimeLength && (state[2] & 0x7F) is >= 1 and <= 12;

    /// <summary>See <see cref="LooksLikeDateTime"/>.</summary>
    public static bool LooksLikeDate(ReadOnlySpan<byte> state) => state.Length == DateLength && state[2] is >= 1 and <= 12;

    /// <summary>CPython accepts a bytes time state only when its hour byte (fold bit masked) is below 24.</summary>
    public static bool LooksLikeTime(ReadOnlySpan<byte> state) => state.Length == TimeLength && (state[0] & 0x7F) < 24;

    public static PyDateTime ReadDateTime(ReadOnlySpan<byte> s, PyValue? tzInfo)
    {
        var value = new DateTime(s[0] << 8 | s[1], s[2] & 0x7F, s[3], s[4], s[5], s[6]).AddTicks(Micros(s[7..]) * TimeSpan.TicksPerMicrosecond);
        return new PyDateTime(value, tzInfo, fold: (s[2] & 0x80) != 0);
    }

    public static PyDate ReadDate(ReadOnlySpan<byte> s) => new(new DateOnly(s[0] << 8 | s[1], s[2], s[3]));

    public static PyTime ReadTime(ReadOnlySpan<byte> s, PyValue? tzInfo)
    {
        var value = new TimeOnly(s[0] & 0x7F, s[1], s[2]).Add(TimeSpan.FromTicks(Micros(s[3..]) * TimeSpan.TicksPerMicrosecond));
        return new PyTime(value, tzInfo, fold: (s[0] & 0x80) != 0);
    }

    public static byte[] Write(PyDateTime value, int protocol)
    {
        var d = value.Value;
        var micro = (int)(d.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);
        var month = d.Month | (value.Fold && protocol > 3 ? 0x80 : 0);
        return [(byte)(d.Year >> 8), (byte)(d.Year & 0xFF), (byte)month, (byte)d.Day, (byte)d.Hour, (byte)d.Minute, (byte)d.Second,
            (byte)(micro >> 16), (byte)((micro >> 8) & 0xFF), (byte)(micro & 0xFF)];
    }

    public static byte[] Write(PyDate value) => [(byte)(value.Value.Year >> 8), (byte)(value.Value.Year & 0xFF), (byte)value.Value.Month, (byte)value.Value.Day];

    public static byte[] Write(PyTime value, int protocol)
    {
        var t = value.Value;
        var micro = (int)(t.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);
        var hour = t.Hour | (value.Fold && protocol > 3 ? 0x80 : 0);
        return [(byte)hour, (byte)t.Minute, (byte)t.Second, (byte)(micro >> 16), (byte)((micro >> 8) & 0xFF), (byte)(micro & 0xFF)];
    }

    private static int Micros(ReadOnlySpan<byte> s)
    {
        var micro = s[0] << 16 | s[1] << 8 | s[2];
        return micro < 1_000_000 ? micro : throw new ArgumentOutOfRangeException(nameof(s), $"microsecond {micro} is out of range");
    }
}
