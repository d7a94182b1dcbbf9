using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// What a sampling node's sub-session records about the node (the original's session metadata <c>params</c>,
/// <c>sampling_var</c>, <c>sampling_space</c>, <c>strategy</c>, plus ours under <c>ssearch.experiment</c>): enough for a
/// worker in another process to evaluate one of its points.
/// </summary>
/// <param name="Experiment">The experiment's key.</param>
/// <param name="Line">Line of the sampling node in the experiment's source.</param>
/// <param name="Column">Column of the sampling node.</param>
/// <param name="AstPath">The AST path the node was registered under.</param>
/// <param name="Params">The parameters at the node.</param>
/// <param name="Variable">The sampling variable.</param>
/// <param name="Strategy">The original's strategy name: randomize, enumerate, minimize, maximize.</param>
/// <param name="Measure">The optimised measure of minimize / maximize, or null.</param>
public sealed record SubSessionInfo(
    StateKey Experiment,
    int Line,
    int Column,
    IReadOnlyList<string> AstPath,
    IReadOnlyDictionary<string, object?> Params,
    string Variable,
    string Strategy,
    string? Measure)
{
    /// <summary>True for maximising nodes, whose trial losses are the negated measure.</summary>
    public bool Maximizing => Strategy == "maximize";

    /// <summary>The original's strategy name of a syntax strategy.</summary>
    public static string StrategyName(SamplingStrategy strategy) => strategy switch
    {
        SamplingStrategy.Random => "randomize",
        SamplingStrategy.Enumerate => "enumerate",
        SamplingStrategy.Minimize => "minimize",
        SamplingStrategy.Maximize => "maximize",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy"),
    };

    /// <summary>Writes the metadata into a freshly created sub-session.</summary>
    public void WriteTo(StateStore store, StateKey session, object? samplingSpace)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Transact(session, tx =>
        {
            tx.Set(["params"], ExperimentParams.ToPy(Params));
            tx.Set(["sampling_var"], Variable);
            tx.Set(["sampling_space"], ExperimentParams.ToPy(samplingSpace));
            tx.Set(["strategy"], Strategy);
            tx.Set(["ssearch", "experiment"], new PyDict
            {
                ["key"] = Experiment.ToString(),
                ["line"] = Line,
                ["column"] = Column,
                ["ast_path"] = new PyList(AstPath.Select(p => (PyValue)p)),
                ["measure"] = Measure is null ? PyNone.Instance : new PyStr(Measure),
            });
        });
    }

    /// <summary>Reads the metadata of a sub-session; null when the session is not an experiment's.</summary>
    public static SubSessionInfo? ReadFrom(PyValue state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state is not PyDict dict || !dict.TryGetValue("ssearch", out var o) || o is not PyDict ours
            || !ours.TryGetValue("experiment", out var e) || e is not PyDict exp
            || !StateKey.TryParse(PyPlain.AsString(exp.TryGetValue("key", out var k) ? k : null), out var key))
        {
            return null;
        }

        return new SubSessionInfo(
            key,
            (int)(PyPlain.AsLong(exp.TryGetValue("line", out var l) ? l : null) ?? 0),
            (int)(PyPlain.AsLong(exp.TryGetValue("column", out var c) ? c : null) ?? 0),
            exp.TryGetValue("ast_path", out var p) && p is PyList path ? [.. path.Items.Select(i => PyPlain.AsString(i) ?? i.ToString())] : [],
            ExperimentParams.TreeFromPy(dict.TryGetValue("params", out var pa) ? pa : null),
            PyPlain.AsString(dict.TryGetValue("sampling_var", out var v) ? v : null) ?? string.Empty,
            PyPlain.AsString(dict.TryGetValue("strategy", out var s) ? s : null) ?? "randomize",
            PyPlain.AsString(exp.TryGetValue("measure", out var m) ? m : null));
    }
}
