using System.Globalization;
using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Sample Factory's experiment names: <c>{index:02}_{experiment}_{shorthand}_{value}…</c>, a parameter's shorthand being the first letters of its leading parts and the first three (or more, until unique) of its last part.</summary>
public static partial class SampleFactoryNames
{
    /// <summary>The shorthand of each parameter, in order (<c>train_for_env_steps</c> → <c>t.f.e.ste</c>; a clash with an earlier one lengthens the last part).</summary>
    public static IReadOnlyList<string> Shorthands(IEnumerable<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var result = new List<string>();
        foreach (var parameter in parameters)
        {
            var tokens = Separators().Split(parameter);
            var leading = tokens[..^1].Select(t => t.Length > 0 ? t[..1] : t).ToList();
            var last = tokens[^1];
            var length = Math.Min(3, last.Length);
            var shorthand = Join(leading, last[..length]);
            // Sample Factory's loop: stops once unique or when the whole last part is used.
            while (length <= last.Length && result.Contains(shorthand, StringComparer.Ordinal))
            {
                length++;
                shorthand = Join(leading, last[..Math.Min(length, last.Length)]);
            }

            result.Add(shorthand);
        }

        return result;
    }

    /// <summary>The name of the <paramref name="index"/>-th run (0-based within its experiment).</summary>
    public static string Name(int index, string experiment, IReadOnlyList<KeyValuePair<string, string>> parameters, bool customize)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(parameters);
        var prefix = index.ToString("00", CultureInfo.InvariantCulture) + "_";
        if (!customize)
        {
            return prefix + experiment;
        }

        var shorthands = Shorthands(parameters.Select(p => p.Key));
        return prefix + string.Join("_", [experiment, .. parameters.Select((p, i) => $"{shorthands[i]}_{p.Value}")]);
    }

    private static string Join(List<string> leading, string last) => string.Join(".", [.. leading, last]);

    [GeneratedRegex("[._-]")]
    private static partial Regex Separators();
}
