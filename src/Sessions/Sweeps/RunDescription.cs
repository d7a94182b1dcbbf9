namespace SlurmSearch.Sessions.Sweeps;

/// <summary>A run description in ssearch's <c>.sweep</c> language (Sample Factory's <c>RunDescription</c>): several experiments plus how their commands are formed.</summary>
/// <param name="Source">The file it was read from.</param>
/// <param name="Name">The run's name: the root folder under the train directory.</param>
/// <param name="Experiments">The experiments, in file order.</param>
/// <param name="ExperimentArgName">The argument that receives each run's name (default <c>--experiment</c>).</param>
/// <param name="ExperimentDirArgName">The argument that receives the experiment's directory (default <c>--train_dir</c>).</param>
/// <param name="CustomizeExperimentName">Whether run names carry the parameter shorthand (<c>00_exp_see_0_env_ant</c>) or only the index and experiment name.</param>
/// <param name="ParamPrefix">Put before each parameter name (default <c>--</c>; empty for Hydra).</param>
public sealed record RunDescription(
    string Source,
    string Name,
    IReadOnlyList<SweepExperiment> Experiments,
    string ExperimentArgName = "--experiment",
    string ExperimentDirArgName = "--train_dir",
    bool CustomizeExperimentName = true,
    string ParamPrefix = "--")
{
    /// <summary>The file extension of the language.</summary>
    public const string Extension = ".sweep";

    /// <summary>Parses run-description text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="SweepPlanException">The text is invalid; the message has file:line:column of the first problem (and the count of the others).</exception>
    public static RunDescription Parse(string text, string source) => RunDescriptionParser.Parse(text, source);

    /// <summary>Reads a <c>.sweep</c> file.</summary>
    /// <exception cref="SweepPlanException">The file cannot be read or is invalid.</exception>
    public static RunDescription Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SweepPlanException.InFile(path, "cannot read the run description: " + e.Message, e);
        }
    }
}
