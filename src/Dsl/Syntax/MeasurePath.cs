namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A measure specification such as <c>argmax:mean</c>: the head applies to the sampling node it indexes, each further part to
/// the results of the node nested one level deeper (the original's <c>setting_result_tree_measurement</c>).
/// </summary>
/// <param name="Parts">The measure names, outermost first (at least one).</param>
public readonly record struct MeasurePath(SyntaxList<string> Parts)
{
    /// <summary>Every measure name a part may be.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["mean", "std", "min", "max", "cdf", "argmin", "argmax", "point_values", "model_argmin", "model_argmax"];

    /// <summary>The first (outermost) part.</summary>
    public string Head => Parts[0];

    /// <summary>Parses <c>a:b:c</c> without validating the names.</summary>
    public static MeasurePath Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new MeasurePath(new SyntaxList<string>(text.Split(':')));
    }

    /// <summary>The parts joined with <c>:</c>.</summary>
    public override string ToString() => string.Join(':', Parts);
}
