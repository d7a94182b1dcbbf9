using System.Globalization;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Compat;

/// <summary>
/// Translates the hyperopt pyll graph the original Slurm Search stored as a session's <c>space</c> (inert
/// <c>hyperopt.pyll.base.Apply</c> / <c>Literal</c> objects read from its pickle) into a <see cref="StructuredSpace"/>.
/// Nothing is evaluated: the graph is read as data.
/// </summary>
/// <remarks>
/// <para>Understood: <c>float(hyperopt_param(Literal(label), uniform|quniform|loguniform|qloguniform|normal|qnormal|lognormal|qlognormal(…)))</c>
/// (a <c>float</c> wrapper keeps hyperopt's float values, an <c>int</c> wrapper — <c>uniformint</c> — gives integers);
/// <c>hyperopt_param(label, randint(upper))</c> and <c>randint(low, high)</c>; <c>switch(hyperopt_param(label, randint(n)), option…)</c>
/// (choice) and <c>switch(hyperopt_param(label, categorical(p, upper)), option…)</c> (pchoice); containers as <c>dict</c>,
/// <c>pos_args</c>, <c>list</c> and <c>tuple</c> apply nodes or as plain Python dicts, lists and tuples (the original keeps the
/// space as a one-element list); <c>Literal</c> constants; <c>bounded(expr, min, max)</c>. Arguments may be positional or named
/// (<c>named_args</c> as [name, node] pairs). Tuples become lists.</para>
/// <para>Anything else — pyll arithmetic, other scope functions, a node shared by two places of the graph — is a
/// <see cref="FormatException"/> naming the node and its path in the graph (e.g. <c>$[0]['x'] float → hyperopt_param</c>).</para>
/// </remarks>
public static class PyllSpaceTranslator
{
    private const string ApplyClass = "hyperopt.pyll.base.Apply";
    private const string LiteralClass = "hyperopt.pyll.base.Literal";
    private const int MaxDepth = 256;

    /// <summary>Translates a stored space; throws <see cref="FormatException"/> naming the node it cannot translate.</summary>
    public static StructuredSpace Translate(PyValue space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var root = new Walker().Node(space, "$", 0);
        try
        {
            return new StructuredSpace(root);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"pyll space: {e.Message}", e);
        }
    }

    /// <summary>True when the value holds hyperopt pyll nodes anywhere (so it is an original space, not our plain description).</summary>
    public static bool ContainsPyll(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Contains(value, 0);
    }

    private static bool Contains(PyValue value, int depth) => depth < MaxDepth && value switch
    {
        PyOpaque o => o.Callable.FullName is ApplyClass or LiteralClass,
        PyList l => l.Items.Any(i => Contains(i, depth + 1)),
        PyTuple t => t.Items.Any(i => Contains(i, depth + 1)),
        PyDict d => d.Values.Any(v => Contains(v, depth + 1)),
        _ => false,
    };

    private sealed class Walker
    {
        // A pickled graph keeps shared nodes shared; hyperopt may reuse one labelled node in two places, we cannot.
        private readonly HashSet<PyOpaque> _labelled = new(ReferenceEqualityComparer.Instance);

        public SpaceNode Node(PyValue value, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw Bad(path, $"the graph is nested deeper than {MaxDepth} levels (or is cyclic)");
            }

            return value switch
            {
                PyNone => new ConstantNode(null),
                PyBool b => new ConstantNode(b.Value),
                PyInt i when i.FitsInt64 => new ConstantNode(i.ToInt64()),
                PyInt i => throw Bad(path, $"the integer {i.Value} does not fit 64 bits"),
                PyFloat f when double.IsNaN(f.Value) => throw Bad(path, "a NaN constant"),
                PyFloat f => new ConstantNode(f.Value),
                PyStr s => new ConstantNode(s.Value),
                PyList l => new ListNode(l.Items.Select((item, i) => Node(item, $"{path}[{i}]", depth + 1))),
                PyTuple t => new ListNode(t.Items.Select((item, i) => Node(item, $"{path}[{i}]", depth + 1))),
                PyDict d => Dict(d.Select(p => (Key(p.Key, path), p.Value)), path, depth),
                PyOpaque { Callable.FullName: LiteralClass } literal => Node(LiteralValue(literal, path), path, depth + 1),
                PyOpaque { Callable.FullName: ApplyClass } apply => Apply(new PyllApply(apply, path), path, depth),
                _ => throw Bad(path, $"a {value.TypeName} ({Short(value)}) is not part of a search space"),
            };
        }

        private SpaceNode Apply(PyllApply node, string path, int depth)
        {
            var here = $"{path} {node.Name}";
            switch (node.Name)
            {
                case "dict" when node.Positional.Count == 0:
                    return Dict(node.Named.Select(n => (n.Name, n.Value)), path, depth);
                case "dict":
                    return Dict(Pairs(node.Single(here), here), path, depth);
                case "pos_args" or "tuple" when node.Named.Count == 0:
                    return new ListNode(node.Positional.Select((item, i) => Node(item, $"{path}[{i}]", depth + 1)));
                case "list":
                    return Node(node.Single(here), path, depth + 1) is ListNode list ? list : throw Bad(here, "list() of something that is not a sequence");
                case "float" or "int":
                    return Cast(node.Name, Node(node.Single(here), here, depth + 1), here);
                case "hyperopt_param":
                    return Parameter(node, here, depth);
                case "switch":
                    return Switch(node, here, depth);
                case "bounded":
                    return Bounded(node, here, depth);
                case "literal":
                    throw Bad(here, "a literal node without its value");
                default:
                    throw Bad(here, Hp.DistributionNames.Contains(node.Name) || node.Name == "categorical"
                        ? $"the distribution '{node.Name}' has no label (hyperopt wraps it in hyperopt_param)"
                        : $"unsupported pyll node '{node.Name}'");
            }
        }

        private ParameterNode Parameter(PyllApply node, string path, int depth)
        {
            Claim(node, path);
            var (label, distribution) = LabelAndDistribution(node, path, depth);
            if (distribution.Name == "categorical")
            {
                throw Bad(path, $"'{label}': a categorical parameter outside switch() (a pchoice whose options are not used)");
            }

            if (!Hp.DistributionNames.Contains(distribution.Name))
            {
                throw Bad($"{path}({label}) {distribution.Name}", $"unsupported distribution '{distribution.Name}'");
            }

            var where = $"{path}({label}) {distribution.Name}";
            var positional = distribution.Positional.Select((a, i) => Number(a, $"{where}[{i}]", depth)).ToList();
            var named = distribution.Named.ToDictionary(n => n.Name, n => Number(n.Value, $"{where}.{n.Name}", depth), StringComparer.Ordinal);
            try
            {
                var parameter = Hp.Create(distribution.Name, label, positional, named);

                // hyperopt returns numpy floats for every distribution but randint unless float()/int() says otherwise.
                return distribution.Name == "randint" ? parameter : new ParameterNode(label, parameter.Distribution, ValueKind.Float);
            }
            catch (ArgumentException e)
            {
                throw Bad(where, e.Message, e);
            }
        }

        private ChoiceNode Switch(PyllApply node, string path, int depth)
        {
            if (node.Positional.Count < 2 || node.Named.Count > 0)
            {
                throw Bad(path, "switch() needs an index and at least one option");
            }

            if (node.Positional[0] is not PyOpaque { Callable.FullName: ApplyClass } indexNode
                || new PyllApply(indexNode, path) is not { Name: "hyperopt_param" } index)
            {
                throw Bad(path, "switch() is indexed by something other than hyperopt_param(label, randint|categorical)");
            }

            Claim(index, path);
            var (label, distribution) = LabelAndDistribution(index, path, depth);
            var where = $"{path}({label})";
            var options = node.Positional.Skip(1).Select((o, i) => Node(o, $"{where}[{i}]", depth + 1)).ToList();
            var upper = UpperOf(distribution, where, depth);
            if (upper != options.Count)
            {
                throw Bad(where, $"the index takes {upper} values but switch() has {options.Count} options");
            }

            try
            {
                return distribution.Name switch
                {
                    "randint" => new ChoiceNode(label, options),
                    "categorical" => new ChoiceNode(label, options, Probabilities(distribution, where, depth)),
                    _ => throw Bad(where, $"switch() indexed by '{distribution.Name}'; a choice is indexed by randint or categorical"),
                };
            }
            catch (ArgumentException e)
            {
                throw Bad(where, e.Message, e);
            }
        }

        private BoundedNode Bounded(PyllApply node, string path, int depth)
        {
            var arguments = new PyValue?[3];
            string[] names = ["expr", "min", "max"];
            for (var i = 0; i < node.Positional.Count; i++)
            {
                arguments[i < 3 ? i : throw Bad(path, "bounded() takes expr, min, max")] = node.Positional[i];
            }

            foreach (var (name, value) in node.Named)
            {
                var index = Array.IndexOf(names, name);
                arguments[index >= 0 ? index : throw Bad(path, $"bounded() has no argument '{name}'")] = value;
            }

            var expression = Node(arguments[0] ?? throw Bad(path, "bounded() without an expression"), $"{path}.expr", depth + 1);
            try
            {
                return new BoundedNode(expression, Bound(arguments[1], $"{path}.min", depth), Bound(arguments[2], $"{path}.max", depth));
            }
            catch (ArgumentException e)
            {
                throw Bad(path, e.Message, e);
            }
        }

        private double? Bound(PyValue? value, string path, int depth) =>
            value is null || Node(value, path, depth + 1) is ConstantNode { Value: null } ? null : Number(value, path, depth);

        private (string Label, PyllApply Distribution) LabelAndDistribution(PyllApply node, string path, int depth)
        {
            var arguments = new PyValue?[2];
            for (var i = 0; i < node.Positional.Count; i++)
            {
                arguments[i < 2 ? i : throw Bad(path, "hyperopt_param() takes a label and a distribution")] = node.Positional[i];
            }

            foreach (var (name, value) in node.Named)
            {
                arguments[name switch { "label" => 0, "obj" => 1, _ => throw Bad(path, $"hyperopt_param() has no argument '{name}'") }] = value;
            }

            var label = arguments[0] is { } l && Node(l, path, depth + 1) is ConstantNode { Value: string { Length: > 0 } text }
                ? text
                : throw Bad(path, "hyperopt_param() without a string label");
            if (arguments[1] is not PyOpaque { Callable.FullName: ApplyClass } distribution)
            {
                throw Bad($"{path}({label})", "hyperopt_param() without a distribution node");
            }

            return (label, new PyllApply(distribution, $"{path}({label})"));
        }

        private long UpperOf(PyllApply distribution, string path, int depth)
        {
            // randint(n) / randint(upper=n) for choice; categorical(p, upper) or categorical(p) for pchoice.
            var upper = distribution.Name switch
            {
                "randint" => distribution.Named.FirstOrDefault(n => n.Name is "upper" or "low").Value
                    ?? (distribution.Positional.Count == 1 ? distribution.Positional[0] : null),
                "categorical" => distribution.Named.FirstOrDefault(n => n.Name == "upper").Value
                    ?? (distribution.Positional.Count > 1 ? distribution.Positional[1] : null),
                _ => null,
            };
            if (distribution.Name == "categorical" && upper is null)
            {
                return Probabilities(distribution, path, depth).Count;
            }

            var value = upper is null ? double.NaN : Number(upper, $"{path} {distribution.Name}", depth);
            return value == Math.Floor(value) && value is >= 1 and <= int.MaxValue
                ? (long)value
                : throw Bad($"{path} {distribution.Name}", "a choice index is randint(n) with n ≥ 1 options (low/high forms are not choices)");
        }

        private List<double> Probabilities(PyllApply categorical, string path, int depth)
        {
            var p = categorical.Named.FirstOrDefault(n => n.Name == "p").Value
                ?? (categorical.Positional.Count > 0 ? categorical.Positional[0] : throw Bad(path, "categorical() without probabilities"));
            return Node(p, $"{path} categorical.p", depth + 1) switch
            {
                ListNode list => [.. list.Items.Select((item, i) => item is ConstantNode { Value: long or double } c
                    ? Convert.ToDouble(c.Value, CultureInfo.InvariantCulture)
                    : throw Bad($"{path} categorical.p[{i}]", "a probability is a number"))],
                _ => throw Bad($"{path} categorical.p", "probabilities are a list of numbers"),
            };
        }

        private double Number(PyValue value, string path, int depth) => Node(value, path, depth + 1) switch
        {
            ConstantNode { Value: long l } => l,
            ConstantNode { Value: double d } => d,
            ConstantNode { Value: bool b } => b ? 1 : 0,
            _ => throw Bad(path, $"expected a number, found {Short(value)} (pyll arithmetic on parameters is not supported)"),
        };

        private DictNode Dict(IEnumerable<(string Key, PyValue Value)> entries, string path, int depth)
        {
            var items = entries.Select(e => KeyValuePair.Create(e.Key, Node(e.Value, $"{path}['{e.Key}']", depth + 1))).ToList();
            try
            {
                return new DictNode(items);
            }
            catch (ArgumentException e)
            {
                throw Bad(path, e.Message, e);
            }
        }

        private IEnumerable<(string, PyValue)> Pairs(PyValue pairs, string path)
        {
            IReadOnlyList<PyValue> items = pairs switch
            {
                PyOpaque { Callable.FullName: ApplyClass } a when new PyllApply(a, path) is { Name: "pos_args" } p => p.Positional,
                PyList l => l.Items,
                PyTuple t => t.Items,
                _ => throw Bad(path, "dict() of something that is not a list of (key, value) pairs"),
            };
            foreach (var item in items)
            {
                var pair = item switch
                {
                    PyOpaque { Callable.FullName: ApplyClass } a when new PyllApply(a, path) is { Name: "pos_args", Positional.Count: 2 } p => p.Positional,
                    PyTuple { Count: 2 } t => t.Items,
                    PyList { Count: 2 } l => l.Items,
                    _ => throw Bad(path, "dict() item is not a (key, value) pair"),
                };
                yield return (Node(pair[0], path, 1) is ConstantNode { Value: string key } ? key : throw Bad(path, "a dict key is not a string"), pair[1]);
            }
        }

        private void Claim(PyllApply node, string path)
        {
            if (!_labelled.Add(node.Opaque))
            {
                throw Bad(path, "this hyperparameter node is used in two places of the graph; labels must be unique");
            }
        }

        private static SpaceNode Cast(string kind, SpaceNode inner, string path)
        {
            try
            {
                return inner switch
                {
                    ParameterNode p => new ParameterNode(p.Label, p.Distribution, kind == "int" ? ValueKind.Int : ValueKind.Float),
                    ConstantNode { Value: long l } => new ConstantNode(kind == "int" ? (object)l : (double)l),
                    ConstantNode { Value: double d } when kind == "float" => new ConstantNode(d),
                    ConstantNode { Value: double d } when double.IsFinite(d) && Math.Abs(d) < 9.2e18 => new ConstantNode((long)Math.Truncate(d)),
                    ConstantNode { Value: bool b } => kind == "int" ? new ConstantNode(b ? 1L : 0L) : new ConstantNode(b ? 1.0 : 0.0),
                    _ => throw Bad(path, $"{kind}() of something that is not a number or a parameter"),
                };
            }
            catch (ArgumentException e)
            {
                throw Bad(path, e.Message, e);
            }
        }

        private static PyValue LiteralValue(PyOpaque literal, string path) =>
            literal.StateDict is { } state && state.TryGetValue("_obj", out var obj) ? obj : throw Bad(path, "a Literal without _obj");

        private static string Key(PyValue key, string path) =>
            key is PyStr s ? s.Value : throw Bad(path, $"a dict key is a {key.TypeName} ({Short(key)}), not a string");

        private static string Short(PyValue value)
        {
            var text = value.ToString();
            return text.Length <= 60 ? text : text[..57] + "...";
        }
    }

    /// <summary>The uniform error: <c>pyll space at {path}: {reason}</c>.</summary>
    internal static FormatException Bad(string path, string reason, Exception? inner = null) => new($"pyll space at {path}: {reason}", inner);
}
