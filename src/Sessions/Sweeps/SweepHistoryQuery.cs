using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// rl_utils' query substitution <c>&amp;last_model WHERE group=ID&amp;</c>, answered from ssearch's own sweeps instead of W&amp;B:
/// <c>last_model</c> is the checkpoint directory of the run of group ID that finished last, <c>last_run_dir</c> that run's directory.
/// </summary>
public static partial class SweepHistoryQuery
{
    /// <summary>Replaces every query in <paramref name="command"/>; a command without one is returned unchanged (<c>&amp;&amp;</c> is not a query).</summary>
    /// <exception cref="SweepPlanException">An unknown field or condition, no history to ask, or a group with no finished run.</exception>
    public static string Resolve(string command, ISweepHistory? history)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Query().Replace(command, match =>
        {
            var field = match.Groups["field"].Value;
            var condition = match.Groups["condition"].Value.Trim();
            if (field is not ("last_model" or "last_run_dir"))
            {
                throw SweepPlanException.Because($"query '{match.Value}': unknown field '{field}'; known: last_model, last_run_dir");
            }

            var group = Condition().Match(condition) is { Success: true } m
                ? m.Groups["id"].Value
                : throw SweepPlanException.Because($"query '{match.Value}': the condition must be group=ID, got '{condition}'");
            if (history is null)
            {
                throw SweepPlanException.Because($"query '{match.Value}' needs the sweep history of the data home");
            }

            var directory = history.LatestFinishedRunDirectory(group)
                ?? throw SweepPlanException.Because($"query '{match.Value}': no run of sweep group '{group}' has finished successfully");
            return field == "last_model" ? Path.Combine(directory, "checkpoints") : directory;
        });
    }

    [GeneratedRegex(@"&(?<field>[A-Za-z_][A-Za-z0-9_]*)\s+WHERE\s+(?<condition>[^&]+)&", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Query();

    [GeneratedRegex(@"^group\s*=\s*(?<id>[A-Za-z0-9_.:-]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Condition();
}
