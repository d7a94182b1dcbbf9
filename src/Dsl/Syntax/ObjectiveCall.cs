namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A call of a declared objective, e.g. <c>return_mean(env, agent, hp, run_params, run_seed)</c>. Arguments bind positionally to
/// the objective's parameters; a bare name is a <see cref="ParameterReference"/> (resolved like the original's <c>CallNode</c>,
/// including its <c>_params</c> suffix rule) or a <see cref="BindingReference"/>, and any other expression is evaluated first.
/// </summary>
/// <param name="Objective">The objective's name.</param>
/// <param name="Arguments">One expression per objective parameter, in order.</param>
/// <param name="Position">Where the call starts.</param>
public sealed record ObjectiveCall(string Objective, SyntaxList<Expression> Arguments, SourcePosition Position = default)
    : Expression(Position);
