namespace SlurmSearch.Search.Spaces;

/// <summary>
/// hyperopt's <c>choice(label, options)</c> (equal probabilities) or <c>pchoice(label, [(p, option), …])</c>: evaluates to one
/// option sub-space. Labels inside an option are active only when that option is chosen; the sampled value is the option index.
/// </summary>
public sealed record ChoiceNode : SpaceNode
{
    /// <summary>Creates a choice; <paramref name="probabilities"/> null means a uniform <c>choice</c>, otherwise a <c>pchoice</c>.</summary>
    /// <exception cref="ArgumentException">Blank label, no options, or probabilities that are not one per option, each ≥ 0, summing to 1.</exception>
    public ChoiceNode(string label, IEnumerable<SpaceNode> options, IEnumerable<double>? probabilities = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(options);
        SpaceNode[] items = [.. options];
        if (items.Length == 0)
        {
            throw new ArgumentException($"'{label}': a choice needs at least one option", nameof(options));
        }

        if (items.Any(o => o is null))
        {
            throw new ArgumentException($"'{label}': an option is null", nameof(options));
        }

        Label = label;
        Options = items;
        if (probabilities is not null)
        {
            double[] p = [.. probabilities];
            if (p.Length != items.Length)
            {
                throw new ArgumentException($"'{label}': {p.Length} probabilities for {items.Length} options", nameof(probabilities));
            }

            try
            {
                Distribution = new CategoricalDistribution(p);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"'{label}': {Messages.Raw(e)}", nameof(probabilities), e);
            }

            Probabilities = p;
        }
        else
        {
            Distribution = CategoricalDistribution.Uniform(items.Length);
        }
    }

    /// <summary>The label of the option index, unique in its space.</summary>
    public string Label { get; }

    /// <summary>The option sub-spaces, in order.</summary>
    public IReadOnlyList<SpaceNode> Options { get; }

    /// <summary>The probabilities of a <c>pchoice</c>, or null for a uniform <c>choice</c>.</summary>
    public IReadOnlyList<double>? Probabilities { get; }

    /// <summary>The prior of the option index.</summary>
    public CategoricalDistribution Distribution { get; }

    /// <inheritdoc />
    public override bool IsNumeric => Options.All(o => o.IsNumeric);

    /// <inheritdoc />
    public bool Equals(ChoiceNode? other) =>
        other is not null
        && Label == other.Label
        && Options.SequenceEqual(other.Options)
        && (Probabilities is null ? other.Probabilities is null : other.Probabilities is not null && Probabilities.SequenceEqual(other.Probabilities));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Label, Options.Count, Probabilities is null);
}
