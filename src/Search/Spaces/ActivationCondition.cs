namespace SlurmSearch.Search.Spaces;

/// <summary>A hyperparameter is active only when the categorical parent <see cref="ParentLabel"/> took option <see cref="OptionIndex"/>.</summary>
public sealed record ActivationCondition(string ParentLabel, int OptionIndex);
