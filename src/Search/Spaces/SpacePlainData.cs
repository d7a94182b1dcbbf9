using System.Globalization;

namespace SlurmSearch.Search.Spaces;

/// <summary>
/// The plain-data description of a space. Every node is a map with a <c>type</c>: <c>const</c> (value), <c>dict</c> (items: a map),
/// <c>list</c> (items), <c>choice</c> / <c>pchoice</c> (label, options, probabilities), <c>bounded</c> (expr, min?, max?), or a
/// distribution name (label and its arguments; <c>kind</c> only when it differs from the default). Log forms keep hyperopt's log-space bounds.
/// </summary>
internal static class SpacePlainData
{
    public static object Write(SpaceNode node) => node switch
    {
        ConstantNode c => Map(("type", "const"), ("value", c.Value)),
        ParameterNode p => Parameter(p),
        ChoiceNode { Probabilities: null } c => Map(("type", "choice"), ("label", c.Label), ("options", c.Options.Select(Write).ToList<object?>())),
        ChoiceNode c => Map(
            ("type", "pchoice"),
            ("label", c.Label),
            ("probabilities", c.Probabilities.Select(p => (object?)p).ToList()),
            ("options", c.Options.Select(Write).ToList<object?>())),
        DictNode d => Map(("type", "dict"), ("items", d.Entries.ToDictionary(e => e.Key, e => (object?)Write(e.Value), StringComparer.Ordinal))),
        ListNode l => Map(("type", "list"), ("items", l.Items.Select(Write).ToList<object?>())),
        BoundedNode b => Bounded(b),
        _ => throw new ArgumentException($"unknown space node {node.GetType().Name}", nameof(node)),
    };

    public static SpaceNode Read(object? data) => Read(data, "$");

    private static Dictionary<string, object?> Parameter(ParameterNode p)
    {
        var map = Map(("type", Hp.NameOf(p.Distribution)), ("label", p.Label));
        switch (p.Distribution)
        {
            case UniformDistribution u:
                map["low"] = u.Low;
                map["high"] = u.High;
                if (u.Q is { } uq)
                {
                    map["q"] = uq;
                }

                break;
            case NormalDistribution n:
                map["mu"] = n.Mu;
                map["sigma"] = n.Sigma;
                if (n.Q is { } nq)
                {
                    map["q"] = nq;
                }

                break;
            case RandIntDistribution r:
                map["low"] = r.Low;
                map["high"] = r.High;
                break;
        }

        if (p.Kind != ParameterNode.DefaultKind(p.Distribution))
        {
            map["kind"] = p.Kind == ValueKind.Int ? "int" : "float";
        }

        return map;
    }

    private static Dictionary<string, object?> Bounded(BoundedNode b)
    {
        var map = Map(("type", "bounded"), ("expr", Write(b.Expression)));
        if (b.Min is { } min)
        {
            map["min"] = min;
        }

        if (b.Max is { } max)
        {
            map["max"] = max;
        }

        return map;
    }

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map.Add(key, value);
        }

        return map;
    }

    private static SpaceNode Read(object? data, string path)
    {
        var map = PlainData.AsMap(data) ?? throw Bad(path, $"expected a map with a 'type', got {Describe(data)}");
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            fields[key] = value;
        }

        var type = fields.TryGetValue("type", out var t) && t is string s ? s : throw Bad(path, "missing the string field 'type'");
        try
        {
            return type switch
            {
                "const" => new ConstantNode(Field(Only(fields, path, "value"), "value", path)),
                "dict" => ReadDict(fields, path),
                "list" => new ListNode(Sequence(Only(fields, path, "items"), "items", path).Select((item, i) => Read(item, $"{path}.items[{i}]"))),
                "choice" or "pchoice" => ReadChoice(type, fields, path),
                "bounded" => ReadBounded(fields, path),
                _ when Hp.DistributionNames.Contains(type) => ReadParameter(type, fields, path),
                _ => throw Bad(path, $"unknown type '{type}'"),
            };
        }
        catch (ArgumentException e)
        {
            throw Bad(path, Messages.Raw(e), e);
        }
    }

    private static DictNode ReadDict(Dictionary<string, object?> fields, string path)
    {
        Only(fields, path, "items");
        var items = PlainData.AsMap(Field(fields, "items", path)) ?? throw Bad($"{path}.items", "expected a map");
        return new DictNode(items.Select(e => KeyValuePair.Create(e.Key, Read(e.Value, $"{path}.items.{e.Key}"))));
    }

    private static ChoiceNode ReadChoice(string type, Dictionary<string, object?> fields, string path)
    {
        var label = Label(Only(fields, path, type == "choice" ? ["label", "options"] : ["label", "options", "probabilities"]), path);
        var options = Sequence(fields, "options", path).Select((o, i) => Read(o, $"{path}.options[{i}]")).ToList();
        if (type == "choice")
        {
            return new ChoiceNode(label, options);
        }

        var probabilities = Sequence(fields, "probabilities", path)
            .Select((p, i) => PlainData.AsDouble(p) ?? throw Bad($"{path}.probabilities[{i}]", $"expected a number, got {Describe(p)}"));
        return new ChoiceNode(label, options, probabilities);
    }

    private static BoundedNode ReadBounded(Dictionary<string, object?> fields, string path)
    {
        Only(fields, path, "expr", "min", "max");
        var expression = Read(Field(fields, "expr", path), $"{path}.expr");
        return new BoundedNode(expression, OptionalNumber(fields, "min", path), OptionalNumber(fields, "max", path));
    }

    private static ParameterNode ReadParameter(string type, Dictionary<string, object?> fields, string path)
    {
        var names = Hp.ParametersOf(type);
        var label = Label(Only(fields, path, ["label", "kind", .. names]), path);
        var named = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (fields.TryGetValue(name, out var value))
            {
                named[name] = PlainData.AsDouble(value) ?? throw Bad($"{path}.{name}", $"expected a number, got {Describe(value)}");
            }
        }

        var node = Hp.Create(type, label, [], named);
        if (!fields.TryGetValue("kind", out var kind))
        {
            return node;
        }

        return kind switch
        {
            "float" => new ParameterNode(label, node.Distribution, ValueKind.Float),
            "int" => new ParameterNode(label, node.Distribution, ValueKind.Int),
            _ => throw Bad($"{path}.kind", $"expected \"int\" or \"float\", got {Describe(kind)}"),
        };
    }

    private static Dictionary<string, object?> Only(Dictionary<string, object?> fields, string path, params string[] allowed)
    {
        foreach (var key in fields.Keys)
        {
            if (key != "type" && !allowed.Contains(key))
            {
                throw Bad($"{path}.{key}", $"unexpected field (a '{fields["type"]}' has {string.Join(", ", allowed)})");
            }
        }

        return fields;
    }

    private static object? Field(Dictionary<string, object?> fields, string name, string path) =>
        fields.TryGetValue(name, out var value) ? value : throw Bad(path, $"missing the field '{name}'");

    private static IReadOnlyList<object?> Sequence(Dictionary<string, object?> fields, string name, string path) =>
        PlainData.AsSequence(Field(fields, name, path)) ?? throw Bad($"{path}.{name}", $"expected a list, got {Describe(fields[name])}");

    private static string Label(Dictionary<string, object?> fields, string path) =>
        Field(fields, "label", path) is string { Length: > 0 } label ? label : throw Bad($"{path}.label", "expected a non-empty string");

    private static double? OptionalNumber(Dictionary<string, object?> fields, string name, string path) =>
        !fields.TryGetValue(name, out var value) || value is null
            ? null
            : PlainData.AsDouble(value) ?? throw Bad($"{path}.{name}", $"expected a number, got {Describe(value)}");

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"the string \"{s}\"",
        IFormattable f => $"{value.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
        _ => value.GetType().Name,
    };

    private static FormatException Bad(string path, string reason, Exception? inner = null) =>
        new($"space description at {path}: {reason}", inner);
}
