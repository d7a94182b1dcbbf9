using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>
/// Labels of spaces written as config values. The space parser derives a default label from a parameter's key path inside the
/// space and has none for a parameter at the root; a config value is therefore parsed under a private root key and relabelled:
/// the root parameter takes the config key without its <c>_space</c> suffix (<c>run_seed_space: quniform(…)</c> is labelled
/// <c>run_seed</c>, as the original's experiments named it), and nested ones keep their path inside the value (<c>lr</c>).
/// </summary>
internal static class SpaceLabels
{
    /// <summary>The label a parameter at the root of the value of config key <paramref name="key"/> gets.</summary>
    public static string RootLabel(string key) =>
        key.EndsWith("_space", StringComparison.Ordinal) && key.Length > "_space".Length ? key[..^"_space".Length] : key;

    /// <summary>Rewrites labels <paramref name="prefix"/> to <paramref name="rootLabel"/> and <c>prefix.rest</c> to <c>rest</c>.</summary>
    public static SpaceNode Relabel(SpaceNode node, string prefix, string rootLabel) => node switch
    {
        ParameterNode p => new ParameterNode(Label(p.Label, prefix, rootLabel), p.Distribution, p.Kind),
        ChoiceNode c => new ChoiceNode(Label(c.Label, prefix, rootLabel), c.Options.Select(o => Relabel(o, prefix, rootLabel)), c.Probabilities),
        BoundedNode b => new BoundedNode(Relabel(b.Expression, prefix, rootLabel), b.Min, b.Max),
        DictNode d => new DictNode(d.Entries.Select(e => KeyValuePair.Create(e.Key, Relabel(e.Value, prefix, rootLabel)))),
        ListNode l => new ListNode(l.Items.Select(i => Relabel(i, prefix, rootLabel))),
        _ => node,
    };

    private static string Label(string label, string prefix, string rootLabel) =>
        label == prefix ? rootLabel
        : label.StartsWith(prefix + ".", StringComparison.Ordinal) ? label[(prefix.Length + 1)..]
        : label;
}
