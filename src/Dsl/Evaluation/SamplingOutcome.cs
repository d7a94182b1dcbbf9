using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>A finished sampling node: its sub-session, its (setting, result) points and the TPE model over them.</summary>
/// <param name="Session">The sub-session.</param>
/// <param name="Points">The finished points, in trial order.</param>
/// <param name="Model">The model behind <c>model_argmin</c>/<c>model_argmax</c>.</param>
public sealed record SamplingOutcome(StateKey Session, IReadOnlyList<SettingResult> Points, ModelOptimum Model)
{
    /// <summary>Every measure, plus <c>session_name</c> (the value of the node as an expression).</summary>
    public PyDict Measurements() => Measures.Of(Points, Model, Session.ToString());

    /// <summary>The value of <c>node["a:b"]</c>.</summary>
    public PyValue Measure(IReadOnlyList<string> spec) =>
        spec is [MeasureNames.SessionName] ? new PyStr(Session.ToString()) : Measures.Tree(Points, spec, Model, Session.ToString());
}
