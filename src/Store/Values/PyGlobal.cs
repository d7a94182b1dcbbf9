namespace SlurmSearch.Store.Values;

/// <summary>A reference to a module-level Python object (a function or class) by name, e.g. a pickled objective function. Never resolved.</summary>
public sealed class PyGlobal : PyValue
{
    /// <summary>Creates a global reference.</summary>
    public PyGlobal(string module, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        Module = module;
        Name = name;
    }

    /// <summary>The module, e.g. <c>make_slurm_states</c>.</summary>
    public string Module { get; }

    /// <summary>The qualified name within the module.</summary>
    public string Name { get; }

    /// <summary><c>module.name</c>.</summary>
    public string FullName => $"{Module}.{Name}";

    /// <inheritdoc />
    public override string TypeName => "global";
}
