namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>datetime.date</c>.</summary>
public sealed class PyDate : PyValue
{
    /// <summary>Creates a date.</summary>
    public PyDate(DateOnly value) => Value = value;

    /// <summary>The value.</summary>
    public DateOnly Value { get; }

    /// <inheritdoc />
    public override string TypeName => "date";
}
