namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// <c>objective return_mean(env, agent, hp, run_params, run_seed) = command "rl_agent" field "return_mean"</c>: a command-line
/// objective whose parameters reach the command as <see cref="SlurmSearch.Sessions.Objectives.ObjectiveSpec"/> describes
/// (<c>{name}</c> placeholders, else appended <c>--name=value</c> arguments, and <c>$SSEARCH_PARAMS</c>) and whose value is the
/// JSON result's field <paramref name="ResultField"/>.
/// </summary>
/// <param name="Name">The objective's name, used by calls.</param>
/// <param name="Parameters">The parameter names, in call order.</param>
/// <param name="Command">The command template, run by <c>/bin/sh -c</c>.</param>
/// <param name="ResultField">The field of the JSON result that is the objective's value.</param>
/// <param name="Position">Where the declaration starts.</param>
public sealed record ObjectiveDeclaration(
    string Name,
    SyntaxList<string> Parameters,
    string Command,
    string ResultField,
    SourcePosition Position = default);
