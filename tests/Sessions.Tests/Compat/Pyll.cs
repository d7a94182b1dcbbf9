using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Tests.Compat;

/// <summary>Builds pyll nodes exactly as the original's pickles hold them (see Fixtures/slurm_search/*.repr.txt).</summary>
internal static class Pyll
{
    public static PyOpaque Apply(string name, IEnumerable<PyValue>? positional = null, IEnumerable<(string Name, PyValue Node)>? named = null, bool pure = false) =>
        Node("Apply", name, positional, named, pure, null);

    public static PyOpaque Literal(PyValue value) => Node("Literal", "literal", null, null, pure: true, value);

    public static PyOpaque Param(string function, string label, params PyValue[] arguments) =>
        Apply("float", [Apply("hyperopt_param", [Literal(label), Apply(function, arguments.Select(a => (PyValue)Literal(a)))])], pure: true);

    private static PyOpaque Node(string type, string name, IEnumerable<PyValue>? positional, IEnumerable<(string Name, PyValue Node)>? named, bool pure, PyValue? obj)
    {
        var state = new PyDict
        {
            ["name"] = name,
            ["pos_args"] = new PyList(positional ?? []),
            ["named_args"] = new PyList((named ?? []).Select(n => (PyValue)new PyList(n.Name, n.Node))),
            ["o_len"] = obj is PyStr s ? s.Value.Length : PyNone.Instance,
            ["pure"] = pure,
            ["define_params"] = PyNone.Instance,
        };
        if (obj is not null)
        {
            state["_obj"] = obj;
        }

        return new PyOpaque(new PyGlobal("hyperopt.pyll.base", type), PyOpaqueKind.NewObj, PyTuple.Empty) { State = state };
    }
}
