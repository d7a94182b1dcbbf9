using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>The report block: calls of the known report kinds over result names, indexes, tuples and literals.</summary>
public sealed partial class ExperimentParser
{
    private static readonly Dictionary<string, ReportKind> ReportKinds =
        Enum.GetValues<ReportKind>().ToDictionary(ReportCall.KeywordOf, k => k, StringComparer.Ordinal);

    private void ParseReportCall()
    {
        var name = ExpectIdentifier("a report (performance, cdfs, std_ratio, surface, bootstrap)");
        if (name.Text.Length == 0)
        {
            return;
        }

        var known = ReportKinds.TryGetValue(name.Text, out var kind);
        if (!known)
        {
            _tokens.AddError(name, $"unknown report '{name.Text}' (known: {string.Join(", ", ReportKinds.Keys)})");
        }

        var open = _tokens.Current;
        if (!Expect("(", $"after '{name.Text}'"))
        {
            return;
        }

        var arguments = new List<ReportArgument>();
        while (!_tokens.Current.IsSymbol(")") && !_tokens.AtEnd)
        {
            var start = _tokens.Current;
            var before = _tokens.Position;
            string? argumentName = null;
            if (start.Kind is TokenKind.Identifier or TokenKind.String && _tokens.Peek(1).IsSymbol(":"))
            {
                argumentName = start.Kind == TokenKind.String ? (string)start.Value! : start.Text;
                _tokens.Next();
                _tokens.Next();
                if (arguments.Any(a => a.Name == argumentName))
                {
                    _tokens.AddError(start, $"{name.Text}() got argument '{argumentName}' twice");
                }
            }

            arguments.Add(new ReportArgument(argumentName, ParseReportValue(), At(start)));
            if (!_tokens.TrySymbol(",") || _tokens.Position == before)
            {
                break;
            }
        }

        Expect(")", $"to close the '(' at {open.Line}:{open.Column}");
        if (known)
        {
            _report.Add(new ReportCall(kind, [.. arguments], At(name)));
        }
    }

    private ReportValue ParseReportValue()
    {
        var value = ParseReportPrimary();
        while (_tokens.Current.IsSymbol("["))
        {
            var open = _tokens.Next();
            var key = ParseMeasureString("a key such as \"cdf\"");
            Expect("]", $"to close the '[' at {open.Line}:{open.Column}");
            if (key is { } k)
            {
                value = new ReportIndex(value, k, At(open));
            }
        }

        return value;
    }

    private ReportValue ParseReportPrimary()
    {
        var token = _tokens.Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                _tokens.Next();
                return new ReportLiteral(new PyStr((string)token.Value!), At(token));
            case TokenKind.Number:
                _tokens.Next();
                return new ReportLiteral(NumberValue(token, negate: false), At(token));
            case TokenKind.Symbol when token.Text == "-" && _tokens.Peek(1).Kind == TokenKind.Number:
                _tokens.Next();
                return new ReportLiteral(NumberValue(_tokens.Next(), negate: true), At(token));
            case TokenKind.Identifier when token.Text is "true" or "false":
                _tokens.Next();
                return new ReportLiteral(PyBool.Of(token.Text == "true"), At(token));
            case TokenKind.Identifier:
                _tokens.Next();
                return new ResultReference(token.Text, At(token));
            case TokenKind.Symbol when token.Text == "(":
            {
                _tokens.Next();
                var items = new List<ReportValue> { ParseReportValue() };
                while (_tokens.TrySymbol(",") && !_tokens.Current.IsSymbol(")"))
                {
                    items.Add(ParseReportValue());
                }

                Expect(")", $"to close the '(' at {token.Line}:{token.Column}");
                return items.Count == 1 ? items[0] : new ReportTuple([.. items], At(token));
            }

            default:
                _tokens.AddError(token, $"expected a result name, a string, a number or a tuple, found {token.Describe()}");
                if (!_tokens.Current.IsSymbol(")") && !_tokens.AtEnd)
                {
                    _tokens.Next();
                }

                return new ReportLiteral(PyNone.Instance, At(token));
        }
    }

    private static PyValue NumberValue(Token token, bool negate) => token.Value switch
    {
        long l => PyInt.Of(negate ? -l : l),
        double d => new PyFloat(negate ? -d : d),
        _ => PyNone.Instance,
    };
}
