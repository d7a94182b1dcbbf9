using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>
/// One change to a state tree, addressed by a path of dict keys and list indices. Journal records are lists of these,
/// pickled as plain tuples <c>(kind, [path…], value)</c> so a Python reader can replay them (see docs/python-reader.md).
/// </summary>
public sealed record StateOp(StateOpKind Kind, IReadOnlyList<PyValue> Path, PyValue? Value)
{
    /// <summary>Applies the change to <paramref name="state"/> in place and returns the (possibly new) root.</summary>
    public PyValue ApplyTo(PyValue state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Kind == StateOpKind.Replace)
        {
            return Value ?? throw new InvalidOperationException("replace needs a value");
        }

        if (Kind == StateOpKind.Append)
        {
            var target = Navigate(state, Path.Count);
            if (target is not PyList list)
            {
                throw new InvalidOperationException($"append: {Describe(Path.Count)} is a {target.TypeName}, not a list");
            }

            list.Add(Value!);
            return state;
        }

        if (Path.Count == 0)
        {
            throw new InvalidOperationException($"{Kind.ToString().ToLowerInvariant()} needs a non-empty path");
        }

        var container = Navigate(state, Path.Count - 1);
        var last = Path[^1];
        switch (container, Kind)
        {
            case (PyDict dict, StateOpKind.Set):
                dict[last] = Value!;
                break;
            case (PyDict dict, StateOpKind.Delete):
                if (!dict.Remove(last))
                {
                    throw new InvalidOperationException($"delete: no key {last} at {Describe(Path.Count - 1)}");
                }

                break;
            case (PyList list, StateOpKind.Set):
                list[Index(list, last)] = Value!;
                break;
            case (PyList list, StateOpKind.Delete):
                list.Items.RemoveAt(Index(list, last));
                break;
            default:
                throw new InvalidOperationException($"{Kind.ToString().ToLowerInvariant()}: {Describe(Path.Count - 1)} is a {container.TypeName}, not a dict or list");
        }

        return state;
    }

    /// <summary>The op as the plain Python tuple the journal stores.</summary>
    public PyTuple ToPython() => Kind switch
    {
        StateOpKind.Delete => new PyTuple(KindName(Kind), new PyList(Path)),
        _ => new PyTuple(KindName(Kind), new PyList(Path), Value!),
    };

    /// <summary>Reads an op from its journal tuple; throws <see cref="FormatException"/> when it is not one.</summary>
    public static StateOp FromPython(PyValue value)
    {
        if (value is not PyTuple { Count: 2 or 3 } tuple || tuple[0] is not PyStr kind || tuple[1] is not PyList path)
        {
            throw new FormatException($"not a journal operation: {value}");
        }

        var parsed = kind.Value switch
        {
            "set" => StateOpKind.Set,
            "append" => StateOpKind.Append,
            "del" => StateOpKind.Delete,
            "replace" => StateOpKind.Replace,
            _ => throw new FormatException($"unknown journal operation '{kind.Value}'"),
        };
        if ((parsed == StateOpKind.Delete) != (tuple.Count == 2))
        {
            throw new FormatException($"journal operation '{kind.Value}' has the wrong arity");
        }

        return new StateOp(parsed, path.Items.ToArray(), tuple.Count == 3 ? tuple[2] : null);
    }

    private static string KindName(StateOpKind kind) => kind switch
    {
        StateOpKind.Set => "set",
        StateOpKind.Append => "append",
        StateOpKind.Delete => "del",
        _ => "replace",
    };

    private PyValue Navigate(PyValue state, int depth)
    {
        var current = state;
        for (var i = 0; i < depth; i++)
        {
            var step = Path[i];
            current = current switch
            {
                PyDict dict when dict.TryGetValue(step, out var next) => next,
                PyList list => list[Index(list, step)],
                PyDict => throw new InvalidOperationException($"no key {step} at {Describe(i)}"),
                _ => throw new InvalidOperationException($"{Describe(i)} is a {current.TypeName}, not a dict or list"),
            };
        }

        return current;
    }

    private static int Index(PyList list, PyValue step)
    {
        if (step is not PyInt { FitsInt64: true } index || index.ToInt64() < 0 || index.ToInt64() >= list.Count)
        {
            throw new InvalidOperationException($"list index {step} out of range 0..{list.Count - 1}");
        }

        return (int)index.ToInt64();
    }

    private string Describe(int depth) => depth == 0 ? "the root" : "[" + string.Join("][", Path.Take(depth)) + "]";
}
