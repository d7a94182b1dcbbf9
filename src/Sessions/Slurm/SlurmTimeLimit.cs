using System.Globalization;
using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>Reads and writes Slurm time limits (<c>--time</c>): <c>M</c>, <c>M:S</c>, <c>H:M:S</c>, <c>D-H</c>, <c>D-H:M</c>, <c>D-H:M:S</c>, <c>UNLIMITED</c>.</summary>
public static partial class SlurmTimeLimit
{
    /// <summary>Parses a time limit; <paramref name="limit"/> is null for UNLIMITED/INFINITE/-1. Returns false for anything Slurm would reject.</summary>
    public static bool TryParse(string? text, out TimeSpan? limit)
    {
        limit = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.Equals("UNLIMITED", StringComparison.OrdinalIgnoreCase) || t.Equals("INFINITE", StringComparison.OrdinalIgnoreCase) || t == "-1")
        {
            return true;
        }

        var match = Pattern().Match(t);
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups["rest"].Value.Split(':').Select(p => long.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        long seconds;
        if (match.Groups["days"].Success)
        {
            // With a day part the fields are hours[:minutes[:seconds]].
            var days = long.Parse(match.Groups["days"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            seconds = (days * 24 * 3600) + (parts[0] * 3600) + (parts.Length > 1 ? parts[1] * 60 : 0) + (parts.Length > 2 ? parts[2] : 0);
        }
        else
        {
            // Without: minutes, minutes:seconds, hours:minutes:seconds.
            seconds = parts.Length switch
            {
                1 => parts[0] * 60,
                2 => (parts[0] * 60) + parts[1],
                _ => (parts[0] * 3600) + (parts[1] * 60) + parts[2],
            };
        }

        limit = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Parses a time limit or throws <see cref="FormatException"/> naming the text and the accepted forms.</summary>
    public static TimeSpan? Parse(string text) =>
        TryParse(text, out var limit)
            ? limit
            : throw new FormatException($"not a Slurm time limit: '{text}' (use minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED)");

    /// <summary>Formats a duration as Slurm writes it: <c>HH:MM:SS</c>, or <c>D-HH:MM:SS</c> from one day on; seconds are rounded up.</summary>
    public static string Format(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero);
        var total = (long)Math.Ceiling(limit.TotalSeconds);
        var days = total / 86400;
        var rest = total % 86400;
        var hms = string.Create(CultureInfo.InvariantCulture, $"{rest / 3600:00}:{rest % 3600 / 60:00}:{rest % 60:00}");
        return days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{days}-{hms}") : hms;
    }

    [GeneratedRegex(@"^(?:(?<days>[0-9]{1,5})-(?<rest>[0-9]{1,4}(?::[0-9]{1,4}){0,2})|(?<rest>[0-9]{1,9}(?::[0-9]{1,4}){0,2}))$")]
    private static partial Regex Pattern();
}
