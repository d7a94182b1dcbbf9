using SlurmSearch.Dsl.Syntax;

namespace SlurmSearch.Dsl.Config;

/// <summary>One <c>key: value</c> of a <see cref="ConfigMap"/>.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
/// <param name="Position">Where the key was written.</param>
public sealed record ConfigEntry(string Key, ConfigValue Value, SourcePosition Position = default);
