namespace SlurmSearch.Dsl.Syntax;

/// <summary>Creates <see cref="SyntaxList{T}"/>s; the builder behind collection expressions such as <c>[a, b]</c>.</summary>
public static class SyntaxListBuilder
{
    /// <summary>A list of the given items.</summary>
    public static SyntaxList<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());
}
