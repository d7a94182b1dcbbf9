namespace SlurmSearch.Dsl.Evaluation;

/// <summary>What an experiment state records about its run: which experiment, with which parameters, from which source text.</summary>
/// <param name="Name">The experiment's name (the original's <c>func</c>).</param>
/// <param name="BaseParams">The experiment's config.</param>
/// <param name="OverrideParams">The command line's parameters (and the debug overrides with <c>--debug=true</c>).</param>
/// <param name="Params">The config with the overrides applied: what the experiment runs with.</param>
/// <param name="Source">The experiment file's text as evaluated (workers evaluate exactly this).</param>
/// <param name="File">Where the text came from.</param>
/// <param name="Debug">True when run with <c>--debug=true</c>.</param>
/// <param name="Seed">Seed of the sub-sessions' samplers.</param>
public sealed record ExperimentRecord(
    string Name,
    IReadOnlyDictionary<string, object?> BaseParams,
    IReadOnlyDictionary<string, object?> OverrideParams,
    IReadOnlyDictionary<string, object?> Params,
    string Source,
    string File,
    bool Debug,
    long Seed);
