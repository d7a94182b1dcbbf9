using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>User batch-script templates (Sample Factory's <c>--slurm_sbatch_template</c>): finds, checks and fills <c>{placeholder}</c>s.</summary>
/// <remarks>
/// A placeholder is <c>{name}</c> with a lower-case name and no <c>$</c> in front, so the shell's own <c>${VAR}</c>,
/// <c>{a,b}</c> and <c>{ cmd; }</c> pass through untouched. There is no escape: a literal <c>{word}</c> cannot be written.
/// </remarks>
public static partial class SbatchTemplate
{
    /// <summary>The placeholders a template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } =
        ["job_name", "array", "command", "command_line", "setup", "sbatch_directives", "output", "error"];

    /// <summary>Every problem with <paramref name="template"/>: unknown placeholders (with line numbers), no <c>#!</c> line, no <c>{command}</c> or <c>{command_line}</c>, no <c>{sbatch_directives}</c>.</summary>
    public static IReadOnlyList<string> Check(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<string>();
        if (!template.StartsWith("#!", StringComparison.Ordinal))
        {
            problems.Add("the template must start with an interpreter line such as #!/bin/bash (sbatch refuses scripts without one)");
        }

        var unknown = PlaceholderPattern().Matches(template)
            .Where(m => !Placeholders.Contains(m.Groups["name"].Value))
            .GroupBy(m => m.Groups["name"].Value, StringComparer.Ordinal)
            .Select(g => $"{{{g.Key}}} (line {string.Join(", ", g.Select(m => LineOf(template, m.Index)).Distinct())})")
            .ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"unknown placeholder{(unknown.Count > 1 ? "s" : "")} in the template: {string.Join(", ", unknown)}; known: {string.Join(" ", Placeholders.Select(p => "{" + p + "}"))}");
        }

        var used = Used(template);
        if (!used.Contains("command") && !used.Contains("command_line"))
        {
            problems.Add("the template has no {command} (nor {command_line}): the worker would never run");
        }

        if (!used.Contains("sbatch_directives"))
        {
            problems.Add("the template has no {sbatch_directives}: the job's array, resources and signal settings would be lost");
        }

        return problems;
    }

    /// <summary>The distinct known or unknown placeholder names <paramref name="template"/> uses.</summary>
    public static IReadOnlySet<string> Used(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return PlaceholderPattern().Matches(template).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Replaces every placeholder with its value; a multi-line value placed after indentation is indented line by line.</summary>
    /// <exception cref="SbatchScriptException">The template does not pass <see cref="Check"/>.</exception>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var problems = Check(template);
        if (problems.Count > 0)
        {
            throw SbatchScriptException.For(problems);
        }

        return PlaceholderPattern().Replace(template, m =>
        {
            var value = values.TryGetValue(m.Groups["name"].Value, out var v) ? v : string.Empty;
            var indent = IndentBefore(template, m.Index);
            return indent.Length == 0 ? value : value.Replace("\n", "\n" + indent, StringComparison.Ordinal);
        });
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    // The whitespace between the start of the line and the placeholder, when nothing else precedes it.
    private static string IndentBefore(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        if (index == 0 || start > index)
        {
            return string.Empty;
        }

        var prefix = text[start..index];
        return prefix.All(c => c is ' ' or '\t') ? prefix : string.Empty;
    }

    [GeneratedRegex(@"(?<!\$)\{(?<name>[a-z_][a-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();
}
