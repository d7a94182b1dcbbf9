using System.Text;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// The variables ssearch substitutes into sweep commands (rl_utils' <c>$GROUP_ID</c>, <c>$SLURM_ID</c>, <c>$CMD_RANK</c>, <c>$DATA_DIR</c>,
/// <c>$PROJECT_NAME</c>, <c>$WB_ENTITY</c>, plus <c>$RUN_NAME</c> and <c>$RUN_DIR</c>), written <c>$NAME</c> or <c>${NAME}</c>.
/// </summary>
/// <remarks>Any other variable is left for the shell, unless it is within two edits of one of ours (<c>$GROUPID</c>, <c>$RUN_NAEM</c>): that is a typo, reported.</remarks>
public static class SweepVariables
{
    /// <summary>The names ssearch substitutes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["GROUP_ID", "SLURM_ID", "CMD_RANK", "DATA_DIR", "PROJECT_NAME", "WB_ENTITY", "RUN_NAME", "RUN_DIR"];

    /// <summary>Replaces our variables in <paramref name="text"/> by their <paramref name="values"/>; a variable of ours without a value is an error naming <paramref name="missing"/>'s reason.</summary>
    /// <exception cref="SweepPlanException">A near-miss of one of our names, or one of ours that has no value here.</exception>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values, Func<string, string> missing)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(missing);
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append(text, i, 2);
                i += 2;
                continue;
            }

            if (c != '$' || !TryReadName(text, i, out var name, out var end))
            {
                result.Append(c);
                i++;
                continue;
            }

            if (Names.Contains(name, StringComparer.Ordinal))
            {
                result.Append(values.TryGetValue(name, out var value) ? value : throw SweepPlanException.Because(missing(name)));
            }
            else if (Names.FirstOrDefault(n => EditDistance(n, name) <= 2) is { } near)
            {
                throw SweepPlanException.Because($"${name} in '{text}' looks like a misspelt ${near}; ssearch substitutes {string.Join(", ", Names.Select(n => "$" + n))} (write \\${name} to pass it to the shell as is)");
            }
            else
            {
                result.Append(text, i, end - i);
            }

            i = end;
        }

        return result.ToString();
    }

    private static bool TryReadName(string text, int dollar, out string name, out int end)
    {
        var braced = dollar + 1 < text.Length && text[dollar + 1] == '{';
        var start = dollar + (braced ? 2 : 1);
        var j = start;
        while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_'))
        {
            j++;
        }

        name = text[start..j];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || (braced && (j >= text.Length || text[j] != '}')))
        {
            end = dollar + 1;
            return false;
        }

        end = braced ? j + 1 : j;
        return true;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
