namespace SlurmSearch.Dsl.Syntax;

/// <summary>One entry of the <c>results</c> block: <c>name: expression</c>, or a bare binding name (<c>best_hp</c>).</summary>
/// <param name="Name">The result's name, a key of the experiment's <c>results</c> dictionary.</param>
/// <param name="Value">The expression evaluated for it.</param>
/// <param name="Position">Where the entry was written.</param>
public sealed record ResultEntry(string Name, Expression Value, SourcePosition Position = default);
