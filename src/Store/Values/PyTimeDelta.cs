namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>datetime.timedelta</c>, normalised as Python does (0 ≤ seconds &lt; 86400, 0 ≤ microseconds &lt; 10⁶).</summary>
/// <remarks>Kept as three integers because Python's range (±999 999 999 days) exceeds <see cref="TimeSpan"/>.</remarks>
public sealed class PyTimeDelta : PyValue
{
    /// <summary>Creates a normalised timedelta.</summary>
    public PyTimeDelta(int days, int seconds, int microseconds)
    {
        if (seconds is < 0 or >= 86400 || microseconds is < 0 or >= 1_000_000 || Math.Abs((long)days) > 999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), "timedelta fields out of Python's normalised range");
        }

        Days = days;
        Seconds = seconds;
        Microseconds = microseconds;
    }

    /// <summary>Days (may be negative).</summary>
    public int Days { get; }

    /// <summary>Seconds, 0 to 86 399.</summary>
    public int Seconds { get; }

    /// <summary>Microseconds, 0 to 999 999.</summary>
    public int Microseconds { get; }

    /// <inheritdoc />
    public override string TypeName => "timedelta";
}
