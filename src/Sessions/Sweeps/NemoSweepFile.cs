namespace SlurmSearch.Sessions.Sweeps;

/// <summary>A NeMo-RL sweep file (seed 001): <c>script_path</c>, optional <c>config_path</c>, and <c>dotted.param: [values]</c> lists in file order.</summary>
/// <param name="Source">The file it was read from.</param>
/// <param name="ScriptPath">The script every run executes, when the file names one.</param>
/// <param name="ConfigPath">The base config every run uses, when the file names one.</param>
/// <param name="Parameters">The swept parameters in file order (their Cartesian product, last varying fastest, is the sweep).</param>
public sealed record NemoSweepFile(string Source, string? ScriptPath, string? ConfigPath, IReadOnlyList<SweepParameter> Parameters)
{
    /// <summary>Parses sweep YAML; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="SweepPlanException">Not YAML (with line and column), not a mapping, a non-list or empty value list, or a repeated parameter.</exception>
    public static NemoSweepFile Parse(string yaml, string source) => NemoSweepReader.Read(yaml, source);

    /// <summary>Reads a sweep file.</summary>
    /// <exception cref="SweepPlanException">The file cannot be read or is invalid.</exception>
    public static NemoSweepFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SweepPlanException.InFile(path, "cannot read the sweep file: " + e.Message, e);
        }
    }
}
