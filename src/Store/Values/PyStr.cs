namespace SlurmSearch.Store.Values;

/// <summary>A Python <c>str</c>.</summary>
public sealed class PyStr : PyValue
{
    /// <summary>Creates a string.</summary>
    public PyStr(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The value (may hold lone surrogates, as Python strings may).</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string TypeName => "str";
}
