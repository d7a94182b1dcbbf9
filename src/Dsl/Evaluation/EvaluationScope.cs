namespace SlurmSearch.Dsl.Evaluation;

/// <summary>What an expression is evaluated in: the current parameters (the original's <c>_current_params</c>) and the call site of objective calls.</summary>
/// <param name="Params">The parameters: config, overrides, sampling variables and <c>use</c> bindings.</param>
/// <param name="Site">Where objective calls run.</param>
public sealed record EvaluationScope(IReadOnlyDictionary<string, object?> Params, CallSite Site);
