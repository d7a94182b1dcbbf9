namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A sampling option (<c>samples</c>, <c>method</c>, <c>threads</c>, <c>by</c>) given either as a literal or as a config path such
/// as <c>search:threads</c> that the evaluator looks up in the experiment's parameters; exactly one of the two is set.
/// </summary>
/// <typeparam name="T">The literal's type.</typeparam>
/// <param name="Literal">The literal value, or null when the option names a config path.</param>
/// <param name="ConfigPath">The config path (parts joined with <c>:</c>), or null for a literal.</param>
/// <param name="Position">Where the option's value was written.</param>
public sealed record Setting<T>(T? Literal, string? ConfigPath, SourcePosition Position = default)
    where T : struct
{
    /// <summary>A literal option.</summary>
    public static Setting<T> Of(T literal, SourcePosition position = default) => new(literal, null, position);

    /// <summary>An option read from the config path <paramref name="path"/>.</summary>
    public static Setting<T> FromConfig(string path, SourcePosition position = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(null, path, position);
    }
}
