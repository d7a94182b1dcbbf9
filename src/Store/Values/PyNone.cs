namespace SlurmSearch.Store.Values;

/// <summary>Python's <c>None</c>.</summary>
public sealed class PyNone : PyValue
{
    private PyNone()
    {
    }

    /// <summary>The one <c>None</c>.</summary>
    public static PyNone Instance { get; } = new();

    /// <inheritdoc />
    public override string TypeName => "NoneType";
}
