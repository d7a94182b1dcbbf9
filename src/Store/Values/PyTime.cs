namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>datetime.time</c> with microsecond precision.</summary>
public sealed class PyTime : PyValue
{
    /// <summary>Creates a time; <paramref name="value"/> must be a whole number of microseconds.</summary>
    public PyTime(TimeOnly value, PyValue? tzInfo = null, bool fold = false)
    {
        if (value.Ticks % TimeSpan.TicksPerMicrosecond != 0)
        {
            throw new ArgumentException("a Python time holds whole microseconds", nameof(value));
        }

        Value = value;
        TzInfo = tzInfo;
        Fold = fold;
    }

    /// <summary>The value.</summary>
    public TimeOnly Value { get; }

    /// <summary>The tzinfo object, or null.</summary>
    public PyValue? TzInfo { get; }

    /// <summary>PEP 495 fold bit.</summary>
    public bool Fold { get; }

    /// <inheritdoc />
    public override string TypeName => "time";
}
