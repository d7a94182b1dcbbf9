namespace SlurmSearch.Search.Spaces;

/// <summary>Flattens a structured space into the <see cref="SearchSpace"/> samplers consume.</summary>
internal static class SpaceCompiler
{
    public static SearchSpace Compile(SpaceNode root)
    {
        var parameters = new List<Hyperparameter>();
        Walk(root, [], parameters);
        var duplicates = parameters.GroupBy(p => p.Label, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            var list = string.Join(", ", duplicates.Select(g => $"'{g.Key}' ({g.Count()}×)"));
            throw new ArgumentException($"duplicate labels {list}: labels must be unique in a space", nameof(root));
        }

        return new SearchSpace(parameters);
    }

    private static void Walk(SpaceNode node, List<ActivationCondition> conditions, List<Hyperparameter> output)
    {
        switch (node)
        {
            case ConstantNode:
                return;
            case ParameterNode p:
                output.Add(new Hyperparameter(p.Label, p.Distribution, conditions));
                return;
            case ChoiceNode c:
                output.Add(new Hyperparameter(c.Label, c.Distribution, conditions));
                for (var i = 0; i < c.Options.Count; i++)
                {
                    Walk(c.Options[i], [.. conditions, new ActivationCondition(c.Label, i)], output);
                }

                return;
            case DictNode d:
                foreach (var entry in d.Entries)
                {
                    Walk(entry.Value, conditions, output);
                }

                return;
            case ListNode l:
                foreach (var item in l.Items)
                {
                    Walk(item, conditions, output);
                }

                return;
            case BoundedNode b:
                Walk(b.Expression, conditions, output);
                return;
            default:
                throw new ArgumentException($"unknown space node {node.GetType().Name}", nameof(node));
        }
    }
}
