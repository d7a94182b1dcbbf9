namespace SlurmSearch.Dsl.Evaluation;

/// <summary>The measures a sampling node offers (the original's <c>setting_result_measurements</c> keys).</summary>
public static class MeasureNames
{
    /// <summary>Every measure, in the original's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["mean", "std", "min", "max", "cdf", "argmin", "argmax", "point_values", "model_argmin", "model_argmax"];

    /// <summary>The extra entry a sampling node's measurements carry: the sub-session that produced them.</summary>
    public const string SessionName = "session_name";

    /// <summary>Splits <c>a:b:c</c> and checks every part names a measure (<c>session_name</c> only alone).</summary>
    public static IReadOnlyList<string> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':');
        foreach (var part in parts)
        {
            if (!All.Contains(part) && !(part == SessionName && parts.Length == 1))
            {
                throw ExperimentException.Because($"unknown measure '{part}' in \"{spec}\" (known: {string.Join(", ", All)})");
            }
        }

        return parts;
    }
}
