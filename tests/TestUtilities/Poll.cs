using System.Diagnostics;

namespace SlurmSearch.TestUtilities;

/// <summary>Waits for a condition by polling it (for effects of other processes: files appearing, jobs starting); never a fixed sleep.</summary>
public static class Poll
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> (default 100 ms) until true; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static void Until(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"gave up waiting for {what} after {timeout.TotalSeconds:0.#} s");
            }

            Thread.Sleep(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value satisfying <paramref name="accept"/> and returns that value; throws with the last value seen on timeout.</summary>
    public static T Until<T>(Func<T> probe, Func<T, bool> accept, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = probe();
            if (accept(value))
            {
                return value;
            }

            if (watch.Elapsed > timeout)
            {
                var shown = value is System.Collections.IEnumerable items and not string
                    ? "[" + string.Join(", ", items.Cast<object?>()) + "]"
                    : value?.ToString();
                throw new TimeoutException($"gave up waiting for {what} after {timeout.TotalSeconds:0.#} s; last value: {shown}");
            }

            Thread.Sleep(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
