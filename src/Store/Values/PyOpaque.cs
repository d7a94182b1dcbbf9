namespace SlurmSearch.Store.Values;

/// <summary>
/// An instance of a Python class we do not know (hyperopt pyll nodes, user classes): kept inert — never executed, never
/// mapped to a .NET type — so it can be displayed and written back equivalently.
/// </summary>
public sealed class PyOpaque : PyValue
{
    /// <summary>Creates an opaque object made by calling <paramref name="callable"/> with <paramref name="args"/>.</summary>
    public PyOpaque(PyGlobal callable, PyOpaqueKind kind, PyTuple args, PyDict? kwargs = null)
    {
        ArgumentNullException.ThrowIfNull(callable);
        ArgumentNullException.ThrowIfNull(args);
        Callable = callable;
        Kind = kind;
        Args = args;
        Kwargs = kwargs;
    }

    /// <summary>The class or factory that built it.</summary>
    public PyGlobal Callable { get; }

    /// <summary>How it was built.</summary>
    public PyOpaqueKind Kind { get; }

    /// <summary>Positional construction arguments.</summary>
    public PyTuple Args { get; }

    /// <summary>Keyword construction arguments (NEWOBJ_EX only).</summary>
    public PyDict? Kwargs { get; }

    /// <summary>The state passed to <c>__setstate__</c> by BUILD, or null when there was none.</summary>
    public PyValue? State { get; set; }

    /// <summary>Items appended to the object by APPEND/APPENDS (list subclasses), in order.</summary>
    public List<PyValue> ListItems { get; } = [];

    /// <summary>Items set on the object by SETITEM/SETITEMS (dict subclasses), in order.</summary>
    public List<KeyValuePair<PyValue, PyValue>> DictItems { get; } = [];

    /// <summary>The attribute dict when the state is a dict (or the dict half of a (dict, slots) state), else null.</summary>
    public PyDict? StateDict => State switch
    {
        PyDict d => d,
        PyTuple { Count: 2 } t when t[0] is PyDict d => d,
        _ => null,
    };

    /// <inheritdoc />
    public override string TypeName => Callable.Name;
}
