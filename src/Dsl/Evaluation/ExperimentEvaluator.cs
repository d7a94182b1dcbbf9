using System.Globalization;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// Evaluates an experiment's expressions as the original's AST nodes did: objective calls run their command, <c>use</c>
/// binds a parameter, sampling nodes run as sub-sessions registered under their AST path (see <see cref="SamplingNodeRunner"/>),
/// measures read a finished node. A sampling node reached twice in the same scope (through a binding) runs once, at the
/// first path it is reached by; results are evaluated in sorted name order, as the original's <c>mapped_params</c> did,
/// so the paths — and with them resume — are deterministic.
/// </summary>
public sealed class ExperimentEvaluator
{
    private readonly ExperimentDefinition _definition;
    private readonly ExperimentRunnerOptions _options;
    private readonly SamplingNodeRunner _sampling;
    private readonly Dictionary<(SamplingExpression Node, EvaluationScope Scope), SamplingOutcome> _memo = new(new ReferencePairComparer());
    private long _topLevelCalls;

    /// <summary>Creates an evaluator of <paramref name="definition"/> for the experiment <paramref name="experiment"/>.</summary>
    public ExperimentEvaluator(ExperimentState experiment, ExperimentDefinition definition, ExperimentRunnerOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        Experiment = experiment;
        _definition = definition;
        _options = options;
        _sampling = new SamplingNodeRunner(experiment, options, seed, EvaluatePointAsync);
    }

    /// <summary>The experiment's state.</summary>
    public ExperimentState Experiment { get; }

    /// <summary>The scope of top-level expressions: the experiment's parameters, objective calls logged under the experiment.</summary>
    public EvaluationScope TopScope(IReadOnlyDictionary<string, object?> parameters) =>
        new(parameters, new CallSite(Experiment.Key.ToString(), 0, _options.WorkerId, Path.Combine(Experiment.Store.DirectoryOf(Experiment.Key), "logs")));

    /// <summary>Evaluates the <c>results</c> block in sorted name order; the dict is sorted by name too, as the original's.</summary>
    public async Task<PyDict> EvaluateResultsAsync(IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var scope = TopScope(parameters);
        var results = new PyDict();
        foreach (var entry in _definition.Results.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            results[entry.Name] = await EvaluateAsync(entry.Value, scope, [entry.Name], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Evaluates one expression at AST path <paramref name="path"/>.</summary>
    public async Task<PyValue> EvaluateAsync(Expression expression, EvaluationScope scope, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(path);
        cancellationToken.ThrowIfCancellationRequested();
        switch (expression)
        {
            case ParameterReference reference:
                return ExperimentParams.ToPy(Parameter(reference, scope, allowParamsSuffix: false));
            case BindingReference binding:
                return await EvaluateAsync(Binding(binding.Name).Value, scope, path, cancellationToken).ConfigureAwait(false);
            case ObjectiveCall call:
                return await CallAsync(call, scope, path, cancellationToken).ConfigureAwait(false);
            case UseExpression use:
                var inner = await UseScopeAsync(use, scope, path, cancellationToken).ConfigureAwait(false);
                return await EvaluateAsync(use.Body, inner, [.. path, "use_val"], cancellationToken).ConfigureAwait(false);
            case SamplingExpression sampling:
                return (await SampleAsync(sampling, scope, path, cancellationToken).ConfigureAwait(false)).Measurements();
            case MeasureExpression measure:
                return await MeasureAsync(measure.Target, measure.Measure, scope, path, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentException($"unknown expression {expression.GetType().Name}", nameof(expression));
        }
    }

    /// <summary>
    /// The original's <c>random_sampling_objective</c>: evaluates <paramref name="node"/>'s body at one point (the sampling
    /// variable set to <paramref name="setting"/>) under <c>ast_path + ["point", params_str(setting)]</c>; the loss is the
    /// optimised measure (negated when maximising), else the value when it is a number, else 0.
    /// </summary>
    public async Task<TrialResult> EvaluatePointAsync(SubSessionInfo info, SamplingExpression node, object? setting, CallSite site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(site);
        var parameters = ExperimentParams.Updated(info.Params, ExperimentParams.Unflattened([KeyValuePair.Create(info.Variable, setting)]));
        var path = new List<string>(info.AstPath) { "point", ExperimentParams.PointKey(setting) };
        var value = await EvaluateAsync(node.Body, new EvaluationScope(parameters, site), path, cancellationToken).ConfigureAwait(false);
        var loss = 0.0;
        if (info.Measure is { } measure)
        {
            var spec = MeasureNames.Parse(measure);
            var measured = Measures.Tree(Measures.PointValues(value, spec), spec);
            if (Measures.IsNumber(measured))
            {
                loss = PyPlain.AsDouble(measured)!.Value * (info.Maximizing ? -1 : 1);
            }
        }
        else if (Measures.IsNumber(value))
        {
            loss = PyPlain.AsDouble(value)!.Value * (info.Maximizing ? -1 : 1);
        }

        return double.IsNaN(loss)
            ? TrialResult.Fail("the point's value is NaN", extra: new Dictionary<string, object?> { ["result"] = value })
            : TrialResult.Ok(loss, new Dictionary<string, object?> { ["result"] = value });
    }

    private async Task<PyValue> MeasureAsync(Expression target, MeasurePath measure, EvaluationScope scope, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var spec = MeasureNames.Parse(measure.ToString());
        switch (target)
        {
            case BindingReference binding:
                return await MeasureAsync(Binding(binding.Name).Value, measure, scope, path, cancellationToken).ConfigureAwait(false);
            case UseExpression use:
                // The original's UseNode.__getitem__: the measure applies inside the use.
                var inner = await UseScopeAsync(use, scope, path, cancellationToken).ConfigureAwait(false);
                return await MeasureAsync(use.Body, measure, inner, [.. path, "use_val"], cancellationToken).ConfigureAwait(false);
            case SamplingExpression sampling:
                var outcome = await SampleAsync(sampling, scope, [.. path, measure.ToString()], cancellationToken).ConfigureAwait(false);
                return outcome.Measure(spec);
            default:
                throw ExperimentException.Because($"{Where(target)}: only a sampling node (or a use or binding of one) has measures like [\"{measure}\"]");
        }
    }

    private async Task<SamplingOutcome> SampleAsync(SamplingExpression node, EvaluationScope scope, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        if (_memo.TryGetValue((node, scope), out var done))
        {
            return done;
        }

        var outcome = await _sampling.RunAsync(node, scope.Params, path, cancellationToken).ConfigureAwait(false);
        _memo[(node, scope)] = outcome;
        return outcome;
    }

    private async Task<EvaluationScope> UseScopeAsync(UseExpression use, EvaluationScope scope, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var value = use.Value is ParameterReference reference
            ? Parameter(reference, scope, allowParamsSuffix: false)
            : ExperimentParams.FromPy(await EvaluateAsync(use.Value, scope, [.. path, "use_arg"], cancellationToken).ConfigureAwait(false));
        var parameters = ExperimentParams.Updated(scope.Params, ExperimentParams.Unflattened([KeyValuePair.Create(use.Parameter, value)]));
        return scope with { Params = parameters };
    }

    private async Task<PyValue> CallAsync(ObjectiveCall call, EvaluationScope scope, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var declaration = _definition.Objective(call.Objective)
            ?? throw ExperimentException.Because($"{Where(call)}: no objective named '{call.Objective}'");
        if (declaration.Parameters.Count != call.Arguments.Count)
        {
            throw ExperimentException.Because($"{Where(call)}: {call.Objective} takes {declaration.Parameters.Count} arguments ({string.Join(", ", declaration.Parameters)}), not {call.Arguments.Count}");
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var name = declaration.Parameters[i];
            arguments[name] = call.Arguments[i] is ParameterReference reference
                ? Parameter(reference, scope, allowParamsSuffix: true)
                : ExperimentParams.FromPy(await EvaluateAsync(call.Arguments[i], scope, [.. path, name], cancellationToken).ConfigureAwait(false));
        }

        var site = scope.Site;
        if (site.Session == Experiment.Key.ToString())
        {
            site = site with { Tid = Interlocked.Increment(ref _topLevelCalls) };
        }

        var objective = new CommandObjective(new ObjectiveSpec(_options.ResolveCommand(declaration.Command)));
        var result = await objective.RunAsync(new TrialContext(site.Session, site.Tid, site.Worker, arguments, site.LogDirectory, new Dictionary<string, string>()), cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            throw ExperimentException.Because($"objective {call.Objective} failed: {result.Error} (logs: {Path.Combine(site.LogDirectory, $"trial_{site.Tid.ToString(CultureInfo.InvariantCulture)}.err")})");
        }

        if (declaration.ResultField == "loss")
        {
            return result.Loss!.Value;
        }

        if (!result.Extra.TryGetValue(declaration.ResultField, out var field))
        {
            throw ExperimentException.Because($"objective {call.Objective} reported no field '{declaration.ResultField}' (it reported: loss, {string.Join(", ", result.Extra.Keys)})");
        }

        return field switch
        {
            long l => (double)l,
            double d => d,
            _ => ExperimentParams.ToPy(field),
        };
    }

    /// <summary>The original's <c>CallNode</c> resolution: a parameter path, or for call arguments <c>x_params</c> falling back to <c>x</c>.</summary>
    private static object? Parameter(ParameterReference reference, EvaluationScope scope, bool allowParamsSuffix)
    {
        const string Suffix = "_params";
        if (TryGet(scope.Params, reference.Path, out var value))
        {
            return value;
        }

        if (allowParamsSuffix && reference.Path.EndsWith(Suffix, StringComparison.Ordinal) && TryGet(scope.Params, reference.Path[..^Suffix.Length], out value))
        {
            return value;
        }

        throw ExperimentException.Because($"{Where(reference)}: parameter '{reference.Path}' is not set (not in the config, not a sampling variable, not bound by use)");
    }

    private static bool TryGet(IReadOnlyDictionary<string, object?> tree, string path, out object? value)
    {
        object? node = tree;
        foreach (var part in path.Split(':'))
        {
            if (node is not IReadOnlyDictionary<string, object?> dict || !dict.TryGetValue(part, out node))
            {
                value = null;
                return false;
            }
        }

        value = node;
        return true;
    }

    private Binding Binding(string name) =>
        _definition.Binding(name) ?? throw ExperimentException.Because($"no expression named '{name}' in the experiment block");

    private static string Where(Expression expression) =>
        expression.Position.IsKnown ? $"line {expression.Position.Line}, column {expression.Position.Column}" : expression.GetType().Name;

    private sealed class ReferencePairComparer : IEqualityComparer<(SamplingExpression Node, EvaluationScope Scope)>
    {
        public bool Equals((SamplingExpression Node, EvaluationScope Scope) x, (SamplingExpression Node, EvaluationScope Scope) y) =>
            ReferenceEquals(x.Node, y.Node) && ReferenceEquals(x.Scope, y.Scope);

        public int GetHashCode((SamplingExpression Node, EvaluationScope Scope) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Scope));
    }
}
