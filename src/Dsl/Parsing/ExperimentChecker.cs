using System.Collections.Immutable;
using SlurmSearch.Dsl.Config;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>
/// The checks that need the whole file: resolves bare names to bindings or parameters and reports every unknown objective,
/// name, space or result, duplicate, bad option and impossible measure with its position.
/// </summary>
internal sealed class ExperimentChecker
{
    private readonly ExperimentDefinition _definition;
    private readonly TokenStream _errors;
    private readonly Dictionary<string, Expression> _bindings = new(StringComparer.Ordinal);
    private readonly bool _objectiveLost;

    private ExperimentChecker(ExperimentDefinition definition, TokenStream errors, bool objectiveLost)
    {
        _definition = definition;
        _errors = errors;
        _objectiveLost = objectiveLost;
    }

    /// <summary>
    /// The definition with names resolved; errors are added to <paramref name="errors"/>. <paramref name="objectiveLost"/> says
    /// that an objective declaration had a syntax error, so calls of undeclared objectives are not reported again.
    /// </summary>
    public static ExperimentDefinition Check(ExperimentDefinition definition, TokenStream errors, bool objectiveLost = false) =>
        new ExperimentChecker(definition, errors, objectiveLost).Run();

    private ExperimentDefinition Run()
    {
        var objectives = new Dictionary<string, ObjectiveDeclaration>(StringComparer.Ordinal);
        foreach (var objective in _definition.Objectives)
        {
            if (objectives.TryGetValue(objective.Name, out var first))
            {
                Error(objective.Position, $"duplicate objective '{objective.Name}' (the first is at {first.Position})");
            }
            else
            {
                objectives.Add(objective.Name, objective);
            }
        }

        var bindings = new List<Binding>();
        foreach (var binding in _definition.Bindings)
        {
            CheckNewName(binding.Name, binding.Position, "binding");
            if (_bindings.ContainsKey(binding.Name))
            {
                var first = bindings.First(b => b.Name == binding.Name);
                Error(binding.Position, $"duplicate binding '{binding.Name}' (the first is at {first.Position})");
                continue;
            }

            if (_definition.Config[binding.Name] is not null)
            {
                Error(binding.Position, $"binding '{binding.Name}' would hide the config entry of the same name; rename one of them");
            }

            var resolved = binding with { Value = Resolve(binding.Value, [], argument: false) };
            bindings.Add(resolved);
            _bindings.Add(binding.Name, resolved.Value);
        }

        var results = new List<ResultEntry>();
        foreach (var result in _definition.Results)
        {
            CheckNewName(result.Name, result.Position, "result");
            if (results.FirstOrDefault(r => r.Name == result.Name) is { } first)
            {
                Error(result.Position, $"duplicate result '{result.Name}' (the first is at {first.Position})");
                continue;
            }

            results.Add(result with { Value = Resolve(result.Value, [], argument: false) });
        }

        var resultNames = results.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var call in _definition.Report)
        {
            foreach (var argument in call.Arguments)
            {
                CheckReportValue(argument.Value, resultNames);
            }
        }

        return _definition with { Bindings = [.. bindings], Results = [.. results] };
    }

    private void CheckNewName(string name, SourcePosition position, string what)
    {
        if (ExperimentParser.ReservedWords.Contains(name))
        {
            Error(position, $"'{name}' is a keyword and cannot name a {what}");
        }
    }

    private void CheckReportValue(ReportValue value, HashSet<string> results)
    {
        switch (value)
        {
            case ResultReference reference when !results.Contains(reference.Name):
                Error(reference.Position, $"unknown result '{reference.Name}' (results: {string.Join(", ", results)})");
                break;
            case ReportIndex index:
                CheckReportValue(index.Target, results);
                break;
            case ReportTuple tuple:
                foreach (var item in tuple.Items)
                {
                    CheckReportValue(item, results);
                }

                break;
        }
    }

    private Expression Resolve(Expression expression, ImmutableHashSet<string> scope, bool argument) => expression switch
    {
        ParameterReference reference => ResolveName(reference, scope, argument),
        BindingReference => expression,
        ObjectiveCall call => ResolveCall(call, scope),
        UseExpression use => use with
        {
            Value = Resolve(use.Value, scope, argument: false),
            Body = Resolve(use.Body, scope.Add(Head(use.Parameter)), argument: false),
        },
        SamplingExpression sampling => ResolveSampling(sampling, scope),
        MeasureExpression measure => ResolveMeasure(measure, scope),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "unknown expression"),
    };

    private Expression ResolveName(ParameterReference reference, ImmutableHashSet<string> scope, bool argument)
    {
        var path = reference.Path;
        if (path.Length == 0 || scope.Contains(Head(path)))
        {
            return reference;
        }

        if (!path.Contains(':') && _bindings.ContainsKey(path))
        {
            return new BindingReference(path, reference.Position);
        }

        if (ConfigValue(path) is not null)
        {
            return reference;
        }

        const string Suffix = "_params";
        if (argument && path.EndsWith(Suffix, StringComparison.Ordinal) && path.Length > Suffix.Length)
        {
            var stripped = path[..^Suffix.Length];
            if (scope.Contains(Head(stripped)) || ConfigValue(stripped) is not null)
            {
                return reference;
            }
        }

        var known = _bindings.Keys.Concat(scope).Concat(_definition.Config.Keys).Distinct().ToList();
        Error(reference.Position, argument
            ? $"unknown name '{path}' in an objective call: not a config entry (nor '{path}' minus a '_params' suffix), a sampling variable or a binding (known: {string.Join(", ", known)})"
            : $"unknown name '{path}': not a binding, a config entry or a sampling variable (known: {string.Join(", ", known)})");
        return reference;
    }

    private ObjectiveCall ResolveCall(ObjectiveCall call, ImmutableHashSet<string> scope)
    {
        var objective = _definition.Objective(call.Objective);
        if (objective is null && !_objectiveLost)
        {
            var declared = _definition.Objectives.Select(o => o.Name).ToList();
            Error(call.Position, declared.Count == 0
                ? $"unknown objective '{call.Objective}' (no objective is declared: objective {call.Objective}(…) = command \"…\" field \"…\")"
                : $"unknown objective '{call.Objective}' (declared: {string.Join(", ", declared)})");
        }
        else if (objective is not null && objective.Parameters.Count != call.Arguments.Count)
        {
            Error(call.Position, $"{call.Objective}() takes {objective.Parameters.Count} argument{(objective.Parameters.Count == 1 ? "" : "s")} ({string.Join(", ", objective.Parameters)}), not {call.Arguments.Count}");
        }

        return call with { Arguments = [.. call.Arguments.Select(a => Resolve(a, scope, argument: true))] };
    }

    private SamplingExpression ResolveSampling(SamplingExpression sampling, ImmutableHashSet<string> scope)
    {
        var keyword = sampling.Strategy.ToString().ToLowerInvariant();
        if (!scope.Contains(Head(sampling.Space)) && !Poisoned(sampling.Space))
        {
            var space = ConfigValue(sampling.Space);
            if (space is null)
            {
                Error(sampling.Position, $"undefined space '{sampling.Space}' for '{sampling.Variable}': add it to the config block, or name another with {sampling.Variable} ~ other_space");
            }
            else if (sampling.Strategy == SamplingStrategy.Enumerate && space is not ConfigList)
            {
                Error(sampling.Position, $"enumerate walks a list, but '{sampling.Space}' is {Describe(space)}");
            }
            else if (sampling.Strategy != SamplingStrategy.Enumerate && space is not ConfigSpace)
            {
                Error(sampling.Position, $"{keyword} samples a search space, but '{sampling.Space}' is {Describe(space)}{(space is ConfigList ? " (enumerate walks a list)" : "")}");
            }
        }

        var body = Resolve(sampling.Body, scope.Add(sampling.Variable), argument: false);
        var depth = Depth(body);
        if (sampling.Strategy == SamplingStrategy.Enumerate)
        {
            if (sampling.Samples is { } samples)
            {
                Error(samples.Position, "enumerate takes every item of its list once; 'samples' does not apply");
            }
        }
        else if (sampling.Samples is null)
        {
            Error(sampling.Position, $"'{keyword} {sampling.Variable}' needs 'samples N' (a number or a config path such as search:samples)");
        }

        CheckCount(sampling.Samples, "samples");
        CheckCount(sampling.Threads, "threads");
        if (sampling.Method is { ConfigPath: { } methodPath } method && !Poisoned(methodPath) && ConfigValue(methodPath) is var methodValue)
        {
            if (methodValue is null)
            {
                Error(method.Position, $"unknown config entry '{methodPath}' for 'method'");
            }
            else if (methodValue is not ConfigScalar { Value: PyStr { Value: "inline" or "cpu" or "slurm" } })
            {
                Error(method.Position, $"'{methodPath}' is {Describe(methodValue)}, not a method (\"inline\", \"cpu\" or \"slurm\")");
            }
        }

        CheckMeasureSetting(sampling, depth, keyword);
        return sampling with { Body = body };
    }

    private void CheckMeasureSetting(SamplingExpression sampling, int depth, string keyword)
    {
        var optimising = sampling.Strategy is SamplingStrategy.Minimize or SamplingStrategy.Maximize;
        if (sampling.Measure is not { } measure)
        {
            if (optimising && depth > 0)
            {
                Error(sampling.Position, $"'{keyword} {sampling.Variable}' over a sampling node needs 'by \"MEASURE\"' (the measure of its results to optimise, e.g. by \"mean\")");
            }

            return;
        }

        if (!optimising)
        {
            Error(measure.Position, $"'by' applies to minimize and maximize, not to {keyword}");
            return;
        }

        if (depth == 0)
        {
            Error(measure.Position, $"'by' needs a sampling node as the body; '{keyword} {sampling.Variable}' optimises its body's value directly");
            return;
        }

        if (measure.ConfigPath is { } path && !Poisoned(path))
        {
            var value = ConfigValue(path);
            if (value is null)
            {
                Error(measure.Position, $"unknown config entry '{path}' for 'by'");
            }
            else if (value is not ConfigScalar { Value: PyStr text } || text.Value.Split(':').Any(p => !MeasurePath.Names.Contains(p)))
            {
                Error(measure.Position, $"'{path}' is {Describe(value)}, not a measure such as \"mean\"");
            }
        }
        else if (measure.Literal is { } literal && literal.Parts.Count > depth)
        {
            Error(measure.Position, $"measure \"{literal}\" has {literal.Parts.Count} parts, but the body nests {depth} sampling level{(depth == 1 ? "" : "s")}");
        }
    }

    private void CheckCount(Setting<long>? setting, string option)
    {
        if (setting is not { ConfigPath: { } path } || Poisoned(path))
        {
            return;
        }

        var value = ConfigValue(path);
        if (value is null)
        {
            Error(setting.Position, $"unknown config entry '{path}' for '{option}'");
        }
        else if (value is not ConfigScalar { Value: PyInt count } || count.Value < 1)
        {
            Error(setting.Position, $"'{path}' is {Describe(value)}, but '{option}' is a whole number of at least 1");
        }
    }

    private Expression ResolveMeasure(MeasureExpression measure, ImmutableHashSet<string> scope)
    {
        var target = Resolve(measure.Target, scope, argument: false);
        if (!Indexable(target))
        {
            Error(measure.Position, "a measure indexes a sampling node, a use(…)[…] of one, or a binding of either");
        }
        else if (Depth(target) is var depth && measure.Measure.Parts.Count > depth)
        {
            Error(measure.Position, $"measure \"{measure.Measure}\" has {measure.Measure.Parts.Count} parts, but the indexed expression nests {depth} sampling level{(depth == 1 ? "" : "s")}");
        }

        return measure with { Target = target };
    }

    private bool Indexable(Expression expression) => expression switch
    {
        SamplingExpression => true,
        UseExpression use => Indexable(use.Body),
        BindingReference reference => _bindings.TryGetValue(reference.Name, out var bound) && Indexable(bound),
        _ => false,
    };

    /// <summary>How many sampling levels an expression's value nests (the most measure parts it takes).</summary>
    private int Depth(Expression expression) => expression switch
    {
        SamplingExpression sampling => 1 + Depth(sampling.Body),
        UseExpression use => Depth(use.Body),
        BindingReference reference => _bindings.TryGetValue(reference.Name, out var bound) ? Depth(bound) : 0,
        _ => 0,
    };

    private ConfigValue? ConfigValue(string path) => _definition.Config.Lookup(path) ?? _definition.DebugOverrides.Lookup(path);

    // A value whose text had an error was reported already; any use of it passes.
    private bool Poisoned(string path) => ExperimentParser.IsPoisoned(ConfigValue(path));

    private static string Head(string path) => path.Split(':')[0];

    private static string Describe(ConfigValue value) => value switch
    {
        ConfigMap => "a map",
        ConfigList => "a list",
        ConfigSpace => "a search space",
        ConfigScalar { Value: var v } => $"{v.TypeName} {v}",
        _ => "a value",
    };

    private void Error(SourcePosition position, string message) => _errors.AddError(position.Line, position.Column, message);
}
