namespace SlurmSearch.Store.Values;

/// <summary>Python's <c>True</c> or <c>False</c>.</summary>
public sealed class PyBool : PyValue
{
    private PyBool(bool value) => Value = value;

    /// <summary><c>True</c>.</summary>
    public static PyBool True { get; } = new(true);

    /// <summary><c>False</c>.</summary>
    public static PyBool False { get; } = new(false);

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override string TypeName => "bool";

    /// <summary>Returns the shared instance for a boolean.</summary>
    public static PyBool Of(bool value) => value ? True : False;
}
