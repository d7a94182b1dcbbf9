namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>datetime.datetime</c> with microsecond precision, naive or with an (opaque) tzinfo.</summary>
public sealed class PyDateTime : PyValue
{
    /// <summary>Creates a datetime; <paramref name="value"/> must be a whole number of microseconds.</summary>
    public PyDateTime(DateTime value, PyValue? tzInfo = null, bool fold = false)
    {
        if (value.Ticks % TimeSpan.TicksPerMicrosecond != 0)
        {
            throw new ArgumentException("a Python datetime holds whole microseconds", nameof(value));
        }

        Value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        TzInfo = tzInfo;
        Fold = fold;
    }

    /// <summary>The wall-clock value (kind unspecified: Python's datetime carries no kind).</summary>
    public DateTime Value { get; }

    /// <summary>The tzinfo object, or null for a naive datetime.</summary>
    public PyValue? TzInfo { get; }

    /// <summary>PEP 495 fold bit.</summary>
    public bool Fold { get; }

    /// <inheritdoc />
    public override string TypeName => "datetime";
}
