namespace SlurmSearch.Search.Spaces;

/// <summary>hyperopt's <c>space_eval</c> over a structured space.</summary>
internal static class SpaceEvaluator
{
    public static object? Evaluate(SpaceNode node, IReadOnlyDictionary<string, double> values) => node switch
    {
        ConstantNode c => c.Value,
        ParameterNode p => Parameter(p, Lookup(p.Label, values)),
        ChoiceNode c => Evaluate(c.Options[OptionIndex(c, Lookup(c.Label, values))], values),
        DictNode d => Dict(d, values),
        ListNode l => l.Items.Select(i => Evaluate(i, values)).ToList(),
        BoundedNode b => Clip(Evaluate(b.Expression, values), b.Min, b.Max),
        _ => throw new ArgumentException($"unknown space node {node.GetType().Name}", nameof(node)),
    };

    private static Dictionary<string, object?> Dict(DictNode node, IReadOnlyDictionary<string, double> values)
    {
        var result = new Dictionary<string, object?>(node.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries)
        {
            result.Add(key, Evaluate(value, values));
        }

        return result;
    }

    private static double Lookup(string label, IReadOnlyDictionary<string, double> values) =>
        values.TryGetValue(label, out var value)
            ? value
            : throw new ArgumentException($"no value for the active label '{label}'", nameof(values));

    private static object Parameter(ParameterNode p, double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"the value of '{p.Label}' is NaN");
        }

        if (p.Kind == ValueKind.Float)
        {
            return value;
        }

        // Values of integer kinds are whole numbers by construction (round(x / q) · q with a whole q); rounding absorbs
        // a value that went through a lossy format, where Python's int() would truncate 2.9999999 to 2.
        var rounded = Math.Round(value);
        if (!double.IsFinite(rounded) || Math.Abs(rounded) >= 9.2233720368547758e18)
        {
            throw new ArgumentException($"the value {value} of '{p.Label}' does not fit a 64-bit integer");
        }

        return (long)rounded;
    }

    private static int OptionIndex(ChoiceNode c, double value)
    {
        if (value != Math.Floor(value) || value < 0 || value >= c.Options.Count)
        {
            throw new ArgumentException($"the value {value} of choice '{c.Label}' is not an option index 0..{c.Options.Count - 1}");
        }

        return (int)value;
    }

    private static object? Clip(object? value, double? min, double? max)
    {
        switch (value)
        {
            case long l:
                if (min is { } lo && l < lo)
                {
                    return Whole(lo);
                }

                if (max is { } hi && l > hi)
                {
                    return Whole(hi);
                }

                return l;
            case double d:
                return Math.Clamp(d, min ?? double.NegativeInfinity, max ?? double.PositiveInfinity);
            default:
                throw new ArgumentException($"bounded needs a number, got {value ?? "null"}");
        }
    }

    private static object Whole(double bound) =>
        bound == Math.Floor(bound) && Math.Abs(bound) < 9.2233720368547758e18 ? (object)(long)bound : bound;
}
