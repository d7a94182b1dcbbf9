using SlurmSearch.Dsl.Syntax;

namespace SlurmSearch.Dsl.Printing;

/// <summary>Spellings shared by the printers.</summary>
internal static class DisplayNames
{
    /// <summary>The keyword of a strategy in the experiment language.</summary>
    public static string Keyword(SamplingStrategy strategy) => strategy switch
    {
        SamplingStrategy.Random => "random",
        SamplingStrategy.Enumerate => "enumerate",
        SamplingStrategy.Minimize => "minimize",
        _ => "maximize",
    };

    /// <summary>The original's internal strategy name (<c>SamplingNode.strategy</c>).</summary>
    public static string OriginalStrategy(SamplingStrategy strategy) => strategy switch
    {
        SamplingStrategy.Random => "randomize",
        SamplingStrategy.Enumerate => "enumerate",
        SamplingStrategy.Minimize => "minimize",
        _ => "maximize",
    };

    /// <summary>The keyword of a method.</summary>
    public static string Keyword(SamplingMethod method) => method switch
    {
        SamplingMethod.Inline => "inline",
        SamplingMethod.Cpu => "cpu",
        _ => "slurm",
    };

    /// <summary>A setting as the original displayed the unbound attribute: the literal, the config path, or <c>None</c>.</summary>
    public static string Setting(Setting<long>? setting) =>
        setting is null ? "None" : setting.ConfigPath ?? setting.Literal!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A method setting as the original displayed it.</summary>
    public static string Setting(Setting<SamplingMethod>? setting) =>
        setting is null ? "None" : setting.ConfigPath ?? Keyword(setting.Literal!.Value);

    /// <summary>A measure setting as the original displayed it.</summary>
    public static string Setting(Setting<MeasurePath>? setting) =>
        setting is null ? "None" : setting.ConfigPath ?? setting.Literal!.Value.ToString();

    /// <summary>Indents every line after the first by <paramref name="padding"/> (the original's <c>replace("\n", "\n    ")</c>).</summary>
    public static string Indent(string text, string padding = "    ") => text.Replace("\n", "\n" + padding, StringComparison.Ordinal);
}
