namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>
/// The labels the text form gives parameters and choices that have no explicit <c>label:</c>. A node's base label is its key path
/// joined with <c>.</c> (dict keys and list indices; a choice option adds nothing, so <c>opt: choice({momentum: …}, …)</c> gives
/// <c>opt</c> and <c>opt.momentum</c>). When several labelled nodes of the space share a base label, each of them that lies inside
/// choice options gets those option indices appended, outermost first (<c>opt: choice({lr: …}, {lr: …})</c> gives <c>opt.lr.0</c>
/// and <c>opt.lr.1</c>; <c>a: choice(uniform(0, 1), 5)</c> gives <c>a</c> and <c>a.0</c>). The rule depends only on the shape of
/// the space, never on other labels, so the printer can omit exactly the labels the parser would give back.
/// </summary>
/// <remarks>Nodes are listed in post-order (a choice after its options), the order in which a parser completes them.</remarks>
internal static class DefaultLabels
{
    /// <summary>The default label of every labelled node in post-order; null where there is none (a node at the root).</summary>
    public static IReadOnlyList<string?> Compute(SpaceNode root)
    {
        var sites = new List<(string Path, List<int> Options)>();
        Walk(root, "", [], sites);
        var counts = sites.GroupBy(s => s.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return
        [
            .. sites.Select(s => s.Path.Length == 0
                ? null
                : counts[s.Path] > 1 && s.Options.Count > 0 ? $"{s.Path}.{string.Join('.', s.Options)}" : s.Path),
        ];
    }

    /// <summary>The labels of every labelled node in post-order.</summary>
    public static IReadOnlyList<string> Current(SpaceNode root)
    {
        var labels = new List<string>();
        Visit(root, labels.Add);
        return labels;
    }

    /// <summary>Rebuilds the tree with the given labels, in post-order.</summary>
    public static SpaceNode Apply(SpaceNode root, IReadOnlyList<string> labels)
    {
        var next = 0;
        var result = Rebuild(root, labels, ref next);
        return next == labels.Count ? result : throw new ArgumentException($"{labels.Count} labels for {next} labelled nodes", nameof(labels));
    }

    private static void Walk(SpaceNode node, string path, List<int> options, List<(string, List<int>)> sites)
    {
        switch (node)
        {
            case ParameterNode:
                sites.Add((path, options));
                break;
            case ChoiceNode c:
                for (var i = 0; i < c.Options.Count; i++)
                {
                    Walk(c.Options[i], path, [.. options, i], sites);
                }

                sites.Add((path, options));
                break;
            case DictNode d:
                foreach (var (key, value) in d.Entries)
                {
                    Walk(value, Join(path, key), options, sites);
                }

                break;
            case ListNode l:
                for (var i = 0; i < l.Items.Count; i++)
                {
                    Walk(l.Items[i], Join(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), options, sites);
                }

                break;
            case BoundedNode b:
                Walk(b.Expression, path, options, sites);
                break;
        }
    }

    private static void Visit(SpaceNode node, Action<string> label)
    {
        switch (node)
        {
            case ParameterNode p:
                label(p.Label);
                break;
            case ChoiceNode c:
                foreach (var option in c.Options)
                {
                    Visit(option, label);
                }

                label(c.Label);
                break;
            case DictNode d:
                foreach (var entry in d.Entries)
                {
                    Visit(entry.Value, label);
                }

                break;
            case ListNode l:
                foreach (var item in l.Items)
                {
                    Visit(item, label);
                }

                break;
            case BoundedNode b:
                Visit(b.Expression, label);
                break;
        }
    }

    private static SpaceNode Rebuild(SpaceNode node, IReadOnlyList<string> labels, ref int next)
    {
        switch (node)
        {
            case ParameterNode p:
                return new ParameterNode(labels[next++], p.Distribution, p.Kind);
            case ChoiceNode c:
                var options = new List<SpaceNode>(c.Options.Count);
                foreach (var option in c.Options)
                {
                    options.Add(Rebuild(option, labels, ref next));
                }

                return new ChoiceNode(labels[next++], options, c.Probabilities);
            case DictNode d:
                var entries = new List<KeyValuePair<string, SpaceNode>>(d.Entries.Count);
                foreach (var (key, value) in d.Entries)
                {
                    entries.Add(KeyValuePair.Create(key, Rebuild(value, labels, ref next)));
                }

                return new DictNode(entries);
            case ListNode l:
                var items = new List<SpaceNode>(l.Items.Count);
                foreach (var item in l.Items)
                {
                    items.Add(Rebuild(item, labels, ref next));
                }

                return new ListNode(items);
            case BoundedNode b:
                return new BoundedNode(Rebuild(b.Expression, labels, ref next), b.Min, b.Max);
            default:
                return node;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
