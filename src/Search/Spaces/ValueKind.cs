namespace SlurmSearch.Search.Spaces;

/// <summary>The .NET type a <see cref="ParameterNode"/> evaluates to.</summary>
public enum ValueKind
{
    /// <summary>A <see cref="double"/>, as hyperopt returns for every distribution but <c>randint</c>.</summary>
    Float,

    /// <summary>A <see cref="long"/>: the default for <c>randint</c>, <c>uniformint</c> and q-forms whose q is a whole number.</summary>
    Int,
}
