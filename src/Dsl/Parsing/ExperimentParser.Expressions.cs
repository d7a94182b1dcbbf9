using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>Objective declarations, the experiment block's bindings and expressions, and the results block.</summary>
public sealed partial class ExperimentParser
{
    /// <summary>Words that start an expression form and so cannot name a binding, result or objective.</summary>
    internal static readonly HashSet<string> ReservedWords = ["random", "enumerate", "minimize", "maximize", "use"];

    private static readonly Dictionary<string, SamplingStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["random"] = SamplingStrategy.Random,
        ["enumerate"] = SamplingStrategy.Enumerate,
        ["minimize"] = SamplingStrategy.Minimize,
        ["maximize"] = SamplingStrategy.Maximize,
    };

    private static readonly Dictionary<string, SamplingMethod> Methods = new(StringComparer.Ordinal)
    {
        ["inline"] = SamplingMethod.Inline,
        ["cpu"] = SamplingMethod.Cpu,
        ["slurm"] = SamplingMethod.Slurm,
    };

    private void ParseObjective(Token keyword)
    {
        var errors = _tokens.Errors.Count;
        var name = ExpectIdentifier("the objective's name");
        var parameters = new List<string>();
        if (Expect("(", "before the objective's parameters"))
        {
            while (!_tokens.Current.IsSymbol(")") && !_tokens.AtEnd)
            {
                var parameter = ExpectIdentifier("a parameter name");
                if (parameter.Text.Length == 0)
                {
                    break;
                }

                if (parameters.Contains(parameter.Text))
                {
                    _tokens.AddError(parameter, $"duplicate parameter '{parameter.Text}' of objective '{name.Text}'");
                }

                parameters.Add(parameter.Text);
                if (!_tokens.TrySymbol(","))
                {
                    break;
                }
            }

            Expect(")", "after the objective's parameters");
        }

        string? command = null;
        string? field = null;
        if (Expect("=", "before the objective's command"))
        {
            if (_tokens.Current.IsIdentifier("command"))
            {
                _tokens.Next();
                command = ExpectString("the command template");
            }
            else
            {
                _tokens.AddError(_tokens.Current, $"expected 'command \"…\"', found {_tokens.Current.Describe()}");
            }

            if (command is not null)
            {
                if (_tokens.Current.IsIdentifier("field"))
                {
                    _tokens.Next();
                    field = ExpectString("the result field");
                }
                else
                {
                    _tokens.AddError(_tokens.Current, $"expected 'field \"…\"' (the JSON result field that is the objective's value), found {_tokens.Current.Describe()}");
                }
            }
        }

        if (_tokens.Errors.Count > errors)
        {
            _objectiveFailed = true;
            SkipToBlock();
            return;
        }

        _objectives.Add(new ObjectiveDeclaration(name.Text, [.. parameters], command!, field!, At(keyword)));
    }

    private void ParseBinding()
    {
        var name = ExpectIdentifier("a binding (name = expression)");
        if (name.Text.Length == 0)
        {
            return;
        }

        if (!Expect("=", $"after '{name.Text}' (a binding is name = expression)"))
        {
            return;
        }

        var value = ParseExpression();
        _bindings.Add(new Binding(name.Text, value, At(name)));
    }

    private void ParseResult()
    {
        var name = ExpectIdentifier("a result (name: expression, or a binding's name)");
        if (name.Text.Length == 0)
        {
            return;
        }

        var value = _tokens.TrySymbol(":") ? ParseExpression() : new ParameterReference(name.Text, At(name));
        _results.Add(new ResultEntry(name.Text, value, At(name)));
    }

    /// <summary>An expression: a primary form followed by any number of measure indexes <c>["…"]</c>.</summary>
    private Expression ParseExpression()
    {
        var expression = ParsePrimaryExpression();
        while (_tokens.Current.IsSymbol("["))
        {
            var open = _tokens.Next();
            var measure = ParseMeasureString("a measure such as \"argmax:mean\"");
            Expect("]", $"to close the '[' at {open.Line}:{open.Column}");
            if (measure is { } m)
            {
                expression = new MeasureExpression(expression, m, At(open));
            }
        }

        return expression;
    }

    private Expression ParsePrimaryExpression()
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.Identifier && Strategies.TryGetValue(token.Text, out var strategy) && _tokens.Peek(1).Kind == TokenKind.Identifier)
        {
            _tokens.Next();
            return ParseSampling(token, strategy);
        }

        if (token.IsIdentifier("use") && _tokens.Peek(1).IsSymbol("("))
        {
            _tokens.Next();
            return ParseUse(token);
        }

        if (token.Kind == TokenKind.Identifier && _tokens.Peek(1).IsSymbol("("))
        {
            _tokens.Next();
            return ParseCall(token);
        }

        if (token.Kind == TokenKind.Identifier)
        {
            return new ParameterReference(ParsePath(), At(token));
        }

        if (token.IsSymbol("("))
        {
            _tokens.Next();
            var inner = ParseExpression();
            Expect(")", $"to close the '(' at {token.Line}:{token.Column}");
            return inner;
        }

        _tokens.AddError(token, $"expected an expression (a sampling node, use(…)[…], an objective call or a name), found {token.Describe()}");
        return new ParameterReference("", At(token));
    }

    // name(:name)* — a config path.
    private string ParsePath()
    {
        var path = ExpectIdentifier("a name").Text;
        while (_tokens.Current.IsSymbol(":") && _tokens.Peek(1).Kind == TokenKind.Identifier)
        {
            _tokens.Next();
            path += ":" + _tokens.Next().Text;
        }

        return path;
    }

    private ObjectiveCall ParseCall(Token name)
    {
        var open = _tokens.Next();
        var arguments = new List<Expression>();
        while (!_tokens.Current.IsSymbol(")") && !_tokens.AtEnd)
        {
            var before = _tokens.Position;
            arguments.Add(ParseExpression());
            if (!_tokens.TrySymbol(",") || _tokens.Position == before)
            {
                break;
            }
        }

        Expect(")", $"to close the '(' at {open.Line}:{open.Column}");
        return new ObjectiveCall(name.Text, [.. arguments], At(name));
    }

    private UseExpression ParseUse(Token keyword)
    {
        _tokens.Next();
        var parameter = ParsePath();
        Expect("=", $"after 'use({parameter}' (use(name = value)[expression])");
        var value = ParseExpression();
        Expect(")", "to close 'use('");
        var body = ParseBracketedBody("use(…)");
        return new UseExpression(parameter, value, body, At(keyword));
    }

    private Expression ParseBracketedBody(string what)
    {
        var open = _tokens.Current;
        if (!Expect("[", $"before the body of {what}"))
        {
            return new ParameterReference("", At(open));
        }

        var body = ParseExpression();
        Expect("]", $"to close the '[' at {open.Line}:{open.Column}");
        return body;
    }

    private SamplingExpression ParseSampling(Token keyword, SamplingStrategy strategy)
    {
        var variable = _tokens.Next();
        var space = _tokens.TrySymbol("~") ? ParsePath() : SamplingExpression.DefaultSpace(variable.Text);
        Setting<long>? samples = null;
        Setting<SamplingMethod>? method = null;
        Setting<long>? threads = null;
        Setting<MeasurePath>? measure = null;
        while (_tokens.Current.Kind == TokenKind.Identifier)
        {
            var option = _tokens.Current;
            var duplicate = option.Text switch
            {
                "samples" => samples is not null,
                "method" => method is not null,
                "threads" => threads is not null,
                "by" => measure is not null,
                _ => false,
            };
            if (option.Text is not ("samples" or "method" or "threads" or "by"))
            {
                break;
            }

            _tokens.Next();
            if (duplicate)
            {
                _tokens.AddError(option, $"'{option.Text}' is given twice");
            }

            switch (option.Text)
            {
                case "samples":
                    samples = ParseCount("samples");
                    break;
                case "threads":
                    threads = ParseCount("threads");
                    break;
                case "method":
                    method = ParseMethod();
                    break;
                default:
                    measure = ParseMeasureSetting();
                    break;
            }
        }

        if (!_tokens.Current.IsSymbol("["))
        {
            _tokens.AddError(_tokens.Current, $"expected an option (samples, method, threads, by) or '[' to open the body of '{keyword.Text} {variable.Text}', found {_tokens.Current.Describe()}");
            return new SamplingExpression(strategy, variable.Text, space, new ParameterReference("", At(_tokens.Current)), samples, method, threads, measure, At(keyword));
        }

        var body = ParseBracketedBody($"'{keyword.Text} {variable.Text}'");
        return new SamplingExpression(strategy, variable.Text, space, body, samples, method, threads, measure, At(keyword));
    }

    private Setting<long>? ParseCount(string option)
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.Number)
        {
            _tokens.Next();
            if (token.Value is long count && count >= 1)
            {
                return Setting<long>.Of(count, At(token));
            }

            _tokens.AddError(token, $"'{option}' is a whole number of at least 1, not {token.Text}");
            return null;
        }

        if (token.Kind == TokenKind.Identifier)
        {
            return Setting<long>.FromConfig(ParsePath(), At(token));
        }

        _tokens.AddError(token, $"expected the number of {option} or a config path such as search:{option}, found {token.Describe()}");
        return null;
    }

    private Setting<SamplingMethod>? ParseMethod()
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.Identifier && Methods.TryGetValue(token.Text, out var literal) && !_tokens.Peek(1).IsSymbol(":"))
        {
            _tokens.Next();
            return Setting<SamplingMethod>.Of(literal, At(token));
        }

        if (token.Kind == TokenKind.Identifier)
        {
            return Setting<SamplingMethod>.FromConfig(ParsePath(), At(token));
        }

        _tokens.AddError(token, $"expected a method (inline, cpu, slurm) or a config path such as search:method, found {token.Describe()}");
        return null;
    }

    private Setting<MeasurePath>? ParseMeasureSetting()
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.Identifier)
        {
            return Setting<MeasurePath>.FromConfig(ParsePath(), At(token));
        }

        return ParseMeasureString("the measure to optimise, such as \"mean\"") is { } measure ? Setting<MeasurePath>.Of(measure, At(token)) : null;
    }

    // A string holding a measure path; each part is checked against MeasurePath.Names and an error points at the bad part.
    private MeasurePath? ParseMeasureString(string what)
    {
        var token = _tokens.Current;
        var text = ExpectString(what);
        if (text is null)
        {
            return null;
        }

        var ok = true;
        var offset = 0;
        foreach (var part in text.Split(':'))
        {
            if (!MeasurePath.Names.Contains(part))
            {
                // The column of the part inside the literal (exact unless the string holds escapes).
                var column = token.Text.Length == text.Length + 2 ? token.Column + 1 + offset : token.Column;
                _tokens.AddError(token.Line, column, part.Length == 0
                    ? $"empty measure in \"{text}\" (measures are joined with ':', e.g. \"argmax:mean\")"
                    : $"unknown measure '{part}' (known: {string.Join(", ", MeasurePath.Names)})");
                ok = false;
            }

            offset += part.Length + 1;
        }

        return ok ? MeasurePath.Parse(text) : null;
    }
}
