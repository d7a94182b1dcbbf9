using System.Globalization;
using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>Validates options and renders the <c>#SBATCH</c> lines in a fixed order.</summary>
internal static partial class SbatchDirectives
{
    // Slurm keeps the signal time in 16 bits.
    private const int MaxSignalSeconds = 65535;

    /// <summary>The <c>--array</c> value, <c>0-(W−1)[%P]</c>, or null for a plain job.</summary>
    public static string? ArraySpec(SbatchOptions options)
    {
        if (options.ArraySize is not { } size)
        {
            return null;
        }

        var range = size == 1 ? "0" : "0-" + (size - 1).ToString(CultureInfo.InvariantCulture);
        return options.ArrayThrottle is { } p ? range + "%" + p.ToString(CultureInfo.InvariantCulture) : range;
    }

    public static List<string> Render(SbatchOptions options, List<string> problems)
    {
        var r = options.Resources ?? SlurmResources.None;
        var lines = new List<string>();

        void Add(string option, string? value, string what)
        {
            if (value is null)
            {
                return;
            }

            if (value.Length == 0 || value.Any(c => char.IsControl(c) || c is '"' or '\\'))
            {
                problems.Add($"{what} '{value}' is empty or contains a control character, '\"' or '\\'");
                return;
            }

            // sbatch reads an unquoted '#' as the start of a comment and splits at blanks.
            var needsQuotes = value.Any(c => char.IsWhiteSpace(c) || c == '#');
            lines.Add($"#SBATCH --{option}={(needsQuotes ? "\"" + value + "\"" : value)}");
        }

        void AddInt(string option, int? value, string what)
        {
            if (value is { } v && v < 1)
            {
                problems.Add($"{what} must be at least 1, got {v}");
            }
            else if (value is { } ok)
            {
                lines.Add($"#SBATCH --{option}={ok.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.JobName))
        {
            problems.Add("JobName is required");
        }
        else
        {
            Add("job-name", options.JobName, "job name");
        }

        if (options.ArraySize is < 1)
        {
            problems.Add($"ArraySize must be at least 1, got {options.ArraySize}");
        }

        if (options.ArrayThrottle is < 1)
        {
            problems.Add($"ArrayThrottle must be at least 1, got {options.ArrayThrottle}");
        }
        else if (options.ArrayThrottle is not null && options.ArraySize is null)
        {
            problems.Add("ArrayThrottle needs ArraySize");
        }

        if (options.ArraySize is >= 1 && options.ArrayThrottle is null or >= 1)
        {
            lines.Add("#SBATCH --array=" + ArraySpec(options));
        }

        CheckOutputPattern(options.Output, "Output", options.WorkingDirectory, problems);
        CheckOutputPattern(options.Error, "Error", options.WorkingDirectory, problems);
        Add("output", options.Output, "output pattern");
        Add("error", options.Error, "error pattern");
        if (options.WorkingDirectory is not null && !Path.IsPathFullyQualified(options.WorkingDirectory))
        {
            problems.Add($"WorkingDirectory '{options.WorkingDirectory}' must be an absolute path");
        }

        Add("chdir", options.WorkingDirectory, "working directory");
        Add("partition", r.Partition, "partition");
        Add("account", r.Account, "account");
        Add("qos", r.Qos, "qos");
        TimeSpan? limit = null;
        if (r.Time is not null && !SlurmTimeLimit.TryParse(r.Time, out limit))
        {
            problems.Add($"time limit '{r.Time}' is not a Slurm time (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED)");
        }
        else
        {
            Add("time", r.Time?.Trim(), "time limit");
        }

        AddInt("nodes", r.Nodes, "nodes");
        AddInt("cpus-per-task", r.CpusPerTask, "cpus per task");
        if (r.Mem is not null && !MemPattern().IsMatch(r.Mem))
        {
            problems.Add($"memory '{r.Mem}' is not a Slurm size such as 4000, 16G or 512M");
        }
        else
        {
            Add("mem", r.Mem, "memory");
        }

        if (r.Gres is not null && r.Gres.Any(char.IsWhiteSpace))
        {
            problems.Add($"gres '{r.Gres}' must not contain blanks (e.g. gpu:1 or gpu:a100:2)");
        }
        else
        {
            Add("gres", r.Gres, "gres");
        }

        Add("constraint", r.Constraint, "constraint");
        if (r.Exclude.Count > 0)
        {
            if (r.Exclude.Any(n => string.IsNullOrWhiteSpace(n) || n.Any(c => char.IsWhiteSpace(c) || c == ',')))
            {
                problems.Add($"excluded node names must be non-empty without blanks or commas: {string.Join(", ", r.Exclude.Select(n => $"'{n}'"))}");
            }
            else
            {
                Add("exclude", string.Join(',', r.Exclude), "exclude list");
            }
        }

        Add("comment", r.Comment, "comment");
        AddSignal(options, limit, lines, problems);
        if (options.Requeue)
        {
            lines.Add("#SBATCH --requeue");
            lines.Add("#SBATCH --open-mode=append");
        }

        foreach (var extra in r.Extra)
        {
            AddExtra(extra, lines, problems);
        }

        return lines;
    }

    private static void AddSignal(SbatchOptions options, TimeSpan? limit, List<string> lines, List<string> problems)
    {
        if (options.SignalBeforeTimeLimit is not { } margin)
        {
            return;
        }

        var seconds = (int)Math.Min(Math.Ceiling(margin.TotalSeconds), int.MaxValue);
        if (seconds < 1 || seconds > MaxSignalSeconds)
        {
            problems.Add($"SignalBeforeTimeLimit must be between 1 s and {MaxSignalSeconds} s, got {margin}");
        }
        else if (limit is { } l && margin > l)
        {
            problems.Add($"SignalBeforeTimeLimit ({seconds} s) must not exceed the time limit '{options.Resources.Time}' ({l.TotalSeconds:0} s): Slurm would signal the worker as soon as it starts");
        }
        else
        {
            // "B:" sends it to the batch shell only; without it only job steps (srun) get it and a plain script never does.
            lines.Add($"#SBATCH --signal=B:USR1@{seconds.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void AddExtra(string extra, List<string> lines, List<string> problems)
    {
        var text = extra?.Trim();
        if (string.IsNullOrEmpty(text) || text.Any(char.IsControl))
        {
            problems.Add($"extra sbatch option '{extra}' is empty or has a control character");
        }
        else if (text.StartsWith("#SBATCH ", StringComparison.Ordinal))
        {
            lines.Add(text);
        }
        else if (text.StartsWith('-'))
        {
            lines.Add("#SBATCH " + text);
        }
        else
        {
            problems.Add($"extra sbatch option '{extra}' must start with '-' (e.g. --reservation=name) or be a full '#SBATCH …' line");
        }
    }

    private static void CheckOutputPattern(string? pattern, string what, string? workingDirectory, List<string> problems)
    {
        if (pattern is null)
        {
            return;
        }

        if (!Path.IsPathFullyQualified(pattern) && workingDirectory is null)
        {
            problems.Add($"{what} '{pattern}' must be absolute, or WorkingDirectory must be set: a relative log path depends on where sbatch runs");
        }

        var directory = Path.GetDirectoryName(pattern) ?? string.Empty;
        if (directory.Replace("%%", string.Empty, StringComparison.Ordinal).Contains('%', StringComparison.Ordinal))
        {
            problems.Add($"{what} '{pattern}' has a %-placeholder in its directory: directories must exist before submission, so only the file name may vary");
        }
    }

    [GeneratedRegex("^[0-9]+[KMGTkmgt]?$")]
    private static partial Regex MemPattern();
}
