using System.Numerics;
using System.Text;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>Builds <c>datetime</c> values from the arguments CPython's pickles pass to the <c>datetime</c> classes.</summary>
/// <remarks>
/// Pickles carry the packed byte state (see <see cref="DateTimePayload"/>); Python 2 pickles read with
/// <c>encoding="latin1"</c> carry it as text, which CPython also accepts. Plain constructor arguments
/// (<c>datetime(2020, 1, 2, …)</c>) are accepted too, as CPython does when the first argument is not a state.
/// Invalid fields throw <see cref="ArgumentException"/>, which the caller reports with the opcode offset.
/// </remarks>
internal static class DateTimeCalls
{
    private static readonly BigInteger MicrosPerDay = 86_400_000_000;

    /// <summary>The value, or null for a datetime-module class the reader keeps opaque (e.g. <c>timezone</c>).</summary>
    public static PyValue? Call(string name, PyTuple args)
    {
        var state = args.Count is 1 or 2 ? State(args[0]) : default;
        var tz = args.Count == 2 && args[1] is not PyNone ? args[1] : null;
        switch (name)
        {
            case "datetime" when DateTimePayload.LooksLikeDateTime(state):
                return DateTimePayload.ReadDateTime(state, tz);
            case "datetime":
                var f = Ints(args, 3, 7, true, "datetime(year, month, day[, hour, minute, second, microsecond[, tzinfo]])", out var dtz);
                return new PyDateTime(new DateTime(f[0], f[1], f[2], f[3], f[4], f[5]).AddTicks(Micro(f[6]) * TimeSpan.TicksPerMicrosecond), dtz);
            case "date" when DateTimePayload.LooksLikeDate(state):
                return DateTimePayload.ReadDate(state);
            case "date":
                var d = Ints(args, 3, 3, false, "date(year, month, day)", out _);
                return new PyDate(new DateOnly(d[0], d[1], d[2]));
            case "time" when DateTimePayload.LooksLikeTime(state):
                return DateTimePayload.ReadTime(state, tz);
            case "time":
                var t = Ints(args, 0, 4, true, "time([hour, minute, second, microsecond[, tzinfo]])", out var ttz);
                return new PyTime(new TimeOnly(t[0], t[1], t[2]).Add(TimeSpan.FromTicks(Micro(t[3]) * TimeSpan.TicksPerMicrosecond)), ttz);
            case "timedelta":
                return TimeDelta(args);
            default:
                return null;
        }
    }

    // timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks), normalised as Python does.
    private static PyTimeDelta TimeDelta(PyTuple args)
    {
        long[] scale = [86_400_000_000, 1_000_000, 1, 1_000, 60_000_000, 3_600_000_000, 604_800_000_000];
        if (args.Count > scale.Length || args.Items.Any(a => a is not PyInt))
        {
            throw new ArgumentException("timedelta takes up to 7 integers");
        }

        var total = BigInteger.Zero;
        for (var i = 0; i < args.Count; i++)
        {
            total += ((PyInt)args[i]).Value * scale[i];
        }

        var days = BigInteger.Divide(total, MicrosPerDay);
        var rest = total - (days * MicrosPerDay);
        if (rest < 0)
        {
            days -= 1;
            rest += MicrosPerDay;
        }

        if (BigInteger.Abs(days) > 999_999_999)
        {
            throw new ArgumentException($"timedelta of {days} days is out of Python's range");
        }

        return new PyTimeDelta((int)days, (int)(rest / 1_000_000), (int)(rest % 1_000_000));
    }

    // The packed state, or empty when the first argument is no state (then LooksLike… is false and the args are fields).
    private static ReadOnlySpan<byte> State(PyValue first) => first switch
    {
        PyBytes b => b.Span,
        PyStr s when s.Value.All(c => c <= 0xFF) => Encoding.Latin1.GetBytes(s.Value),
        _ => default,
    };

    // Integer fields (missing ones are 0), then an optional tzinfo.
    private static int[] Ints(PyTuple args, int min, int max, bool takesTz, string signature, out PyValue? tz)
    {
        tz = null;
        var count = args.Count;
        if (takesTz && count > min && count == max + 1)
        {
            tz = args[max] is PyNone ? null : args[max];
            count--;
        }

        if (count < min || count > max || args.Items.Take(count).Any(a => a is not PyInt { FitsInt64: true }))
        {
            throw new ArgumentException($"expected {signature}");
        }

        var fields = new int[Math.Max(max, 7)];
        for (var i = 0; i < count; i++)
        {
            var v = ((PyInt)args[i]).ToInt64();
            fields[i] = v is >= int.MinValue and <= int.MaxValue ? (int)v : throw new ArgumentException($"field {v} is out of range");
        }

        return fields;
    }

    private static int Micro(int value) => value is >= 0 and < 1_000_000 ? value : throw new ArgumentException($"microsecond {value} is out of range");
}
