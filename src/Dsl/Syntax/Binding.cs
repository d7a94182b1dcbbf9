namespace SlurmSearch.Dsl.Syntax;

/// <summary>A named expression of the experiment block (<c>best_hp = space_samples["argmax:mean"]</c>).</summary>
/// <param name="Name">The name later expressions refer to.</param>
/// <param name="Value">The expression.</param>
/// <param name="Position">Where the name was written.</param>
public sealed record Binding(string Name, Expression Value, SourcePosition Position = default);
