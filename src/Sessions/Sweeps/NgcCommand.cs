namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Sample Factory's NGC backend: an <c>ngc batch run …</c> command per run from a job template naming the instance, image and mounts.</summary>
/// <remarks>As Sample Factory: the template's backslashes become spaces and white space collapses to single spaces (a multi-line shell command becomes one line), then
/// <c>{{ name }}</c> is replaced by the run's name and <c>{{ experiment_cmd }}</c> by its command.</remarks>
public static class NgcCommand
{
    /// <summary>The placeholder for the run's command.</summary>
    public const string CommandPlaceholder = "{{ experiment_cmd }}";

    /// <summary>The placeholder for the run's name.</summary>
    public const string NamePlaceholder = "{{ name }}";

    /// <summary>The NGC command of <paramref name="run"/>.</summary>
    /// <exception cref="SweepPlanException">The template has no <c>{{ experiment_cmd }}</c>.</exception>
    public static string Render(string template, SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(run);
        var flat = string.Join(" ", template.Replace('\\', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (!flat.Contains(CommandPlaceholder, StringComparison.Ordinal))
        {
            throw SweepPlanException.Because($"the NGC job template has no {CommandPlaceholder} placeholder for the run's command");
        }

        return flat.Replace(NamePlaceholder, run.Name, StringComparison.Ordinal).Replace(CommandPlaceholder, run.Command, StringComparison.Ordinal);
    }
}
