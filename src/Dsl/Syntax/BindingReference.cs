namespace SlurmSearch.Dsl.Syntax;

/// <summary>A name bound earlier in the experiment block (<c>best_hp = …</c>); evaluates to that binding's expression.</summary>
/// <param name="Name">The binding's name.</param>
/// <param name="Position">Where the name was written.</param>
public sealed record BindingReference(string Name, SourcePosition Position = default) : Expression(Position);
