using SlurmSearch.Dsl.Config;

namespace SlurmSearch.Dsl.Syntax;

/// <summary>A whole experiment file (<c>experiments/NAME.exp</c>), checked: every name it uses is defined.</summary>
/// <param name="Name">The experiment's name (the file name without <c>.exp</c>).</param>
/// <param name="Config">The <c>config</c> block: the experiment's default parameters.</param>
/// <param name="DebugOverrides">The <c>debug</c> block, merged over the parameters with <c>--debug=true</c> (empty when absent).</param>
/// <param name="Objectives">The declared objectives, in order.</param>
/// <param name="Bindings">The named expressions of the <c>experiment</c> block, in order; each refers only to earlier ones.</param>
/// <param name="Results">The <c>results</c> block: what the experiment returns, in order.</param>
/// <param name="Report">The <c>report</c> block's calls, in order (empty when absent).</param>
public sealed record ExperimentDefinition(
    string Name,
    ConfigMap Config,
    ConfigMap DebugOverrides,
    SyntaxList<ObjectiveDeclaration> Objectives,
    SyntaxList<Binding> Bindings,
    SyntaxList<ResultEntry> Results,
    SyntaxList<ReportCall> Report)
{
    /// <summary>The objective named <paramref name="name"/>, or null.</summary>
    public ObjectiveDeclaration? Objective(string name) => Objectives.FirstOrDefault(o => o.Name == name);

    /// <summary>The binding named <paramref name="name"/>, or null.</summary>
    public Binding? Binding(string name) => Bindings.FirstOrDefault(b => b.Name == name);
}
