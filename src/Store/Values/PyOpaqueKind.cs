namespace SlurmSearch.Store.Values;

/// <summary>How an opaque object was constructed in its pickle, so it can be written back the same way.</summary>
public enum PyOpaqueKind
{
    /// <summary><c>callable(*args)</c> through REDUCE.</summary>
    Reduce,

    /// <summary><c>cls.__new__(cls, *args)</c> through NEWOBJ.</summary>
    NewObj,

    /// <summary><c>cls.__new__(cls, *args, **kwargs)</c> through NEWOBJ_EX.</summary>
    NewObjEx,

    /// <summary>Protocol 0/1 INST or OBJ.</summary>
    Inst,

    /// <summary>
    /// <c>callee(*arguments)</c> through REDUCE where the callee is itself an object, not a global (CPython writes this for
    /// keyword-constructed objects below protocol 4: a <c>functools.partial</c> called with no arguments). Args holds
    /// <c>(callee, arguments)</c>; Callable is the callee's own class, for display.
    /// </summary>
    ReduceObject,
}
