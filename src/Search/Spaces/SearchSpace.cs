namespace SlurmSearch.Search.Spaces;

/// <summary>
/// The flat view of a space that samplers work on: every hyperparameter, parents before the parameters they condition.
/// The structured space (nested dicts, constants, <c>bounded</c>) compiles to this and turns a sample back into a parameter tree.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dictionary<string, Hyperparameter> _byLabel;

    /// <summary>Creates a flat space; throws <see cref="ArgumentException"/> for duplicate labels or a condition on an unknown, later or non-categorical parent.</summary>
    public SearchSpace(IEnumerable<Hyperparameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        _byLabel = new Dictionary<string, Hyperparameter>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            foreach (var condition in parameter.Conditions)
            {
                if (!_byLabel.TryGetValue(condition.ParentLabel, out var parent))
                {
                    throw new ArgumentException($"'{parameter.Label}' is conditioned on '{condition.ParentLabel}', which is not an earlier parameter");
                }

                if (parent.Distribution is not CategoricalDistribution categorical || condition.OptionIndex < 0 || condition.OptionIndex >= categorical.Count)
                {
                    throw new ArgumentException($"'{parameter.Label}' is conditioned on option {condition.OptionIndex} of '{parent.Label}', which has no such option");
                }
            }

            if (!_byLabel.TryAdd(parameter.Label, parameter))
            {
                throw new ArgumentException($"duplicate label '{parameter.Label}': labels must be unique in a space");
            }
        }
    }

    /// <summary>The hyperparameters, parents first.</summary>
    public IReadOnlyList<Hyperparameter> Parameters { get; }

    /// <summary>Looks up a hyperparameter by label.</summary>
    public bool TryGet(string label, out Hyperparameter parameter) => _byLabel.TryGetValue(label, out parameter!);

    /// <summary>The hyperparameter of a label; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public Hyperparameter this[string label] =>
        _byLabel.TryGetValue(label, out var p) ? p : throw new KeyNotFoundException($"no hyperparameter labelled '{label}'");
}
