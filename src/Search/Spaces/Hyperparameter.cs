namespace SlurmSearch.Search.Spaces;

/// <summary>One searchable dimension: its unique label, its prior, and the conditions (all must hold) under which it is active.</summary>
public sealed record Hyperparameter
{
    /// <summary>Creates a hyperparameter.</summary>
    public Hyperparameter(string label, Distribution distribution, IReadOnlyList<ActivationCondition>? conditions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(distribution);
        Label = label;
        Distribution = distribution;
        Conditions = conditions is null ? [] : [.. conditions];
    }

    /// <summary>The label (unique per space), as hyperopt's <c>misc.vals</c> key.</summary>
    public string Label { get; }

    /// <summary>The prior.</summary>
    public Distribution Distribution { get; }

    /// <summary>Conjunction of conditions; empty for an always-active parameter.</summary>
    public IReadOnlyList<ActivationCondition> Conditions { get; }

    /// <summary>True when every condition holds in <paramref name="values"/> (label → value; categorical values are option indices).</summary>
    public bool IsActiveIn(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var condition in Conditions)
        {
            if (!values.TryGetValue(condition.ParentLabel, out var parent) || (int)parent != condition.OptionIndex)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(Hyperparameter? other) =>
        other is not null && Label == other.Label && Distribution.Equals(other.Distribution) && Conditions.SequenceEqual(other.Conditions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Label, Distribution);
}
