using SlurmSearch.Dsl.Config;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>
/// Reads an experiment file (<c>experiments/NAME.exp</c>, syntax in <c>docs/experiments.md</c>) into a checked
/// <see cref="ExperimentDefinition"/>, reporting every error it finds with file, line, column and a caret.
/// </summary>
/// <remarks>
/// A hand-written recursive-descent parser over the Search engine's <see cref="TokenStream"/> rather than Sprache: config values
/// hand the very same stream to <see cref="SpaceParser.ParseExpression(TokenStream)"/>, so the space syntax, its errors and their
/// positions are shared for free, and error recovery (skip to the next entry, keep going) stays under our control.
/// </remarks>
public sealed partial class ExperimentParser
{
    private static readonly HashSet<string> BlockKeywords = ["config", "debug", "objective", "experiment", "results", "report"];

    private readonly TokenStream _tokens;
    private readonly string _name;
    private readonly List<ConfigEntry> _config = [];
    private readonly List<ConfigEntry> _debug = [];
    private readonly List<ObjectiveDeclaration> _objectives = [];
    private readonly List<Binding> _bindings = [];
    private readonly List<ResultEntry> _results = [];
    private readonly List<ReportCall> _report = [];
    private readonly Dictionary<string, Token> _blocksSeen = new(StringComparer.Ordinal);
    private bool _objectiveFailed;

    private ExperimentParser(TokenStream tokens, string name)
    {
        _tokens = tokens;
        _name = name;
    }

    /// <summary>Reads the experiment file at <paramref name="path"/>; its name is the file name without extension.</summary>
    /// <exception cref="DslParseException">The file has errors (all of them are reported).</exception>
    public static ExperimentDefinition ParseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Reads an experiment text named <paramref name="name"/>; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="DslParseException">The text has errors (all of them are reported).</exception>
    public static ExperimentDefinition Parse(string text, string name, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var tokens = CommaInsertion.Apply(Lexer.Tokenize(text, fileName ?? name + ".exp"));
        try
        {
            var parser = new ExperimentParser(tokens, name);
            parser.ParseBlocks();
            // The checks run after syntax errors too, so one run reports both; what failed to parse is left out of the
            // definition, and the checker stays quiet about what that may have caused (calls of an objective it lost).
            var definition = ExperimentChecker.Check(parser.Build(), tokens, parser._objectiveFailed);

            tokens.ThrowIfErrors();
            return definition;
        }
        catch (SpaceParseException e)
        {
            // Raised by the stream itself once it holds TokenStream.MaxErrors errors.
            throw DslParseException.FromErrors(e.Errors);
        }
    }

    /// <summary>Like <see cref="Parse(string, string, string?)"/>, returning the errors instead of throwing.</summary>
    public static bool TryParse(string text, string name, string? fileName, out ExperimentDefinition? definition, out IReadOnlyList<SpaceParseError> errors)
    {
        try
        {
            definition = Parse(text, name, fileName);
            errors = [];
            return true;
        }
        catch (DslParseException e)
        {
            definition = null;
            errors = e.Errors;
            return false;
        }
    }

    private ExperimentDefinition Build() => new(
        _name,
        new ConfigMap([.. _config]),
        new ConfigMap([.. _debug]),
        [.. _objectives],
        [.. _bindings],
        [.. _results],
        [.. _report]);

    private void ParseBlocks()
    {
        while (!_tokens.AtEnd)
        {
            var keyword = _tokens.Current;
            if (keyword.Kind != TokenKind.Identifier || !BlockKeywords.Contains(keyword.Text))
            {
                _tokens.AddError(keyword, $"expected a block (config, debug, objective, experiment, results, report), found {keyword.Describe()}");
                SkipToBlock();
                continue;
            }

            _tokens.Next();
            if (keyword.Text != "objective")
            {
                if (_blocksSeen.TryGetValue(keyword.Text, out var first))
                {
                    _tokens.AddError(keyword, $"duplicate '{keyword.Text}' block (the first is at {first.Line}:{first.Column})");
                }
                else
                {
                    _blocksSeen[keyword.Text] = keyword;
                }
            }

            switch (keyword.Text)
            {
                case "config":
                    ParseConfigBlock(_config);
                    break;
                case "debug":
                    ParseConfigBlock(_debug);
                    break;
                case "objective":
                    ParseObjective(keyword);
                    break;
                case "experiment":
                    ParseBlockItems("experiment", ParseBinding, ahead => _tokens.Peek(ahead).Kind == TokenKind.Identifier && _tokens.Peek(ahead + 1).IsSymbol("="));
                    break;
                case "results":
                    ParseBlockItems("results", ParseResult, ahead => _tokens.Peek(ahead).Kind == TokenKind.Identifier && (_tokens.Peek(ahead + 1).IsSymbol(":") || _tokens.Peek(ahead + 1).IsSymbol(",")));
                    break;
                default:
                    ParseBlockItems("report", ParseReportCall, ahead => _tokens.Peek(ahead).Kind == TokenKind.Identifier && _tokens.Peek(ahead + 1).IsSymbol("("));
                    break;
            }
        }
    }

    // `{ item item, item }`: items separated by commas or nothing (one per line by convention). After a bad item the parser skips
    // to the next comma, closing brace or likely item start at this depth, so later errors are still found.
    private void ParseBlockItems(string block, Action item, Func<int, bool> startsItem)
    {
        if (!Expect("{", $"after '{block}'"))
        {
            SkipToBlock();
            return;
        }

        while (!_tokens.Current.IsSymbol("}") && !_tokens.AtEnd)
        {
            var before = _tokens.Position;
            var errors = _tokens.Errors.Count;
            item();
            if (_tokens.Errors.Count > errors)
            {
                SkipItem(startsItem);
            }

            _tokens.TrySymbol(",");
            if (_tokens.Position == before)
            {
                _tokens.Next();
            }
        }

        Expect("}", $"to close the '{block}' block");
    }

    private bool Expect(string symbol, string context)
    {
        if (_tokens.TrySymbol(symbol))
        {
            return true;
        }

        _tokens.AddError(_tokens.Current, $"expected '{symbol}' {context}, found {_tokens.Current.Describe()}");
        return false;
    }

    private Token ExpectIdentifier(string what)
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.Identifier)
        {
            _tokens.Next();
            return token;
        }

        _tokens.AddError(token, $"expected {what}, found {token.Describe()}");
        return token with { Text = "" };
    }

    private string? ExpectString(string what)
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.String)
        {
            _tokens.Next();
            return (string)token.Value!;
        }

        _tokens.AddError(token, $"expected {what} (a double-quoted string), found {token.Describe()}");
        return null;
    }

    // Skips the rest of a bad item: to a comma or a closer at depth 0, or to a line that starts what looks like the next item.
    private void SkipItem(Func<int, bool> startsItem)
    {
        var depth = 0;
        var line = _tokens.Position > 0 ? _tokens.Peek(-1).Line : 0;
        while (!_tokens.AtEnd)
        {
            var token = _tokens.Current;
            if (depth == 0 && (token.IsSymbol(",") || token.IsSymbol("}") || token.IsSymbol("]") || token.IsSymbol(")")))
            {
                return;
            }

            if (depth == 0 && token.Line > line && startsItem(0))
            {
                return;
            }

            if (token.IsSymbol("(") || token.IsSymbol("[") || token.IsSymbol("{"))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]") || token.IsSymbol("}"))
            {
                depth--;
            }

            line = token.Line;
            _tokens.Next();
        }
    }

    // Skips to the next block keyword at the start of a line, outside any bracket.
    private void SkipToBlock()
    {
        var depth = 0;
        var first = true;
        while (!_tokens.AtEnd)
        {
            var token = _tokens.Current;
            if (!first && depth <= 0 && token.Kind == TokenKind.Identifier && BlockKeywords.Contains(token.Text) && token.Column == 1)
            {
                return;
            }

            if (token.IsSymbol("(") || token.IsSymbol("[") || token.IsSymbol("{"))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]") || token.IsSymbol("}"))
            {
                depth--;
            }

            first = false;
            _tokens.Next();
        }
    }

    private static SourcePosition At(Token token) => new(token.Line, token.Column);
}
