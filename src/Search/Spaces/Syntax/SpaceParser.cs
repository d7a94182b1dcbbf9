namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>
/// Reads the text form of a search space, e.g.
/// <c>{lr: loguniform(log(1e-5), log(1e-1)), layers: quniform(1, 8, 1), opt: choice({name: "sgd", momentum: uniform(0, 0.99)}, {name: "adam"})}</c>.
/// </summary>
/// <remarks>
/// <para>Values: numbers, double-quoted strings, <c>true false null</c>, lists <c>[…]</c>, dicts <c>{key: …}</c> (keys are names or
/// strings), and calls. Constant arithmetic <c>+ - * / **</c>, unary minus, parentheses, <c>log exp sqrt</c>, <c>inf e pi</c> fold into
/// numbers (integers stay integers except under <c>/</c>, as in Python). Comments run from <c>#</c> to the end of the line.</para>
/// <para>Calls: <c>uniform quniform loguniform qloguniform normal qnormal lognormal qlognormal randint uniformint</c> (arguments
/// positional or named as in hyperopt, e.g. <c>quniform(low: 1, high: 8, q: 1)</c>), <c>choice(option, …)</c>,
/// <c>pchoice((p, option), …)</c>, <c>bounded(expr, min: …, max: …)</c>, and <c>float(…)</c> / <c>int(…)</c> to set a parameter's
/// value kind. Every parameter and choice takes <c>label: "…"</c>; without it the label is derived from the key path (see
/// <see cref="DefaultLabels"/>). As in hyperopt, a distribution also accepts its label as a first string argument: <c>uniform("x", 0, 1)</c>.</para>
/// <para>All errors found are reported together, each with file, line, column and a caret.</para>
/// </remarks>
public sealed partial class SpaceParser
{
    private readonly TokenStream _tokens;

    // Labelled nodes in post-order, the order a recursive-descent parse completes them (see DefaultLabels).
    private readonly List<(string? Explicit, Token At)> _sites = [];
    private int _placeholders;

    private SpaceParser(TokenStream tokens) => _tokens = tokens;

    /// <summary>Parses a whole text as one space; throws <see cref="SpaceParseException"/> with every error found.</summary>
    public static StructuredSpace Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Lexer.Tokenize(text, fileName);
        var space = ParseExpression(tokens);
        if (space is not null && !tokens.AtEnd)
        {
            tokens.AddError(tokens.Current, $"expected the end of the space, found {tokens.Current.Describe()}");
        }

        tokens.ThrowIfErrors();
        return space!;
    }

    /// <summary>Parses a whole text as one space; false with every error found instead of an exception.</summary>
    public static bool TryParse(string text, string? fileName, out StructuredSpace? space, out IReadOnlyList<SpaceParseError> errors)
    {
        try
        {
            space = Parse(text, fileName);
            errors = [];
            return true;
        }
        catch (SpaceParseException e)
        {
            space = null;
            errors = e.Errors;
            return false;
        }
    }

    /// <summary>
    /// Parses one space expression at the stream's position and leaves the stream after it. Errors are added to
    /// <see cref="TokenStream.Errors"/>; the result is null when this expression had any.
    /// </summary>
    public static StructuredSpace? ParseExpression(TokenStream tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var before = tokens.Errors.Count;
        var parser = new SpaceParser(tokens);
        var start = tokens.Current;
        var root = parser.ParseValue();
        if (tokens.Errors.Count > before)
        {
            return null;
        }

        if (root.Node is null)
        {
            tokens.AddError(start, "a tuple is only valid as a pchoice option (probability, option)");
            return null;
        }

        return parser.Finish(root.Node, start, before);
    }

    private StructuredSpace? Finish(SpaceNode root, Token start, int errorsBefore)
    {
        var defaults = DefaultLabels.Compute(root);
        var labels = new string[_sites.Count];
        var firstUse = new Dictionary<string, Token>(StringComparer.Ordinal);
        for (var i = 0; i < _sites.Count; i++)
        {
            var (explicitLabel, at) = _sites[i];
            var label = explicitLabel ?? defaults[i];
            if (label is null)
            {
                _tokens.AddError(at, $"'{at.Text}' at the top level needs a label, e.g. {at.Text}(…, label: \"name\")");
                continue;
            }

            if (firstUse.TryGetValue(label, out var other))
            {
                _tokens.AddError(at, $"duplicate label '{label}' (also at {other.Line}:{other.Column}); labels must be unique: give one an explicit label: \"…\"");
            }
            else
            {
                firstUse.Add(label, at);
            }

            labels[i] = label;
        }

        if (_tokens.Errors.Count > errorsBefore)
        {
            return null;
        }

        try
        {
            return new StructuredSpace(DefaultLabels.Apply(root, labels));
        }
        catch (ArgumentException e)
        {
            _tokens.AddError(start, Messages.Raw(e));
            return null;
        }
    }

    private string Placeholder() => $"\u0001{_placeholders++}";

    private Parsed ParseValue()
    {
        var left = ParseTerm();
        while (_tokens.Current.IsSymbol("+") || _tokens.Current.IsSymbol("-"))
        {
            var op = _tokens.Next();
            left = Arithmetic(op, left, ParseTerm());
        }

        return left;
    }

    private Parsed ParseTerm()
    {
        var left = ParseUnary();
        while (_tokens.Current.IsSymbol("*") || _tokens.Current.IsSymbol("/"))
        {
            var op = _tokens.Next();
            left = Arithmetic(op, left, ParseUnary());
        }

        return left;
    }

    private Parsed ParseUnary()
    {
        var token = _tokens.Current;
        if (token.IsSymbol("-") || token.IsSymbol("+"))
        {
            _tokens.Next();
            return Unary(token, ParseUnary());
        }

        return ParsePower();
    }

    // Python's precedence: ** binds tighter than a unary sign on its left (-2 ** 2 is -4) and takes one on its right (2 ** -1).
    private Parsed ParsePower()
    {
        var left = ParsePrimary();
        if (_tokens.Current.IsSymbol("**"))
        {
            var op = _tokens.Next();
            return Arithmetic(op, left, ParseUnary());
        }

        return left;
    }

    private Parsed ParsePrimary()
    {
        var token = _tokens.Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
                _tokens.Next();
                return new Parsed(new ConstantNode(token.Value), null, token);
            case TokenKind.Identifier when _tokens.Peek(1).IsSymbol("("):
                _tokens.Next();
                return ParseCall(token);
            case TokenKind.Identifier:
                _tokens.Next();
                return NamedConstant(token);
            case TokenKind.Symbol when token.Text == "(":
                return ParseParenthesised();
            case TokenKind.Symbol when token.Text == "[":
                return ParseList();
            case TokenKind.Symbol when token.Text == "{":
                return ParseDict();
            default:
                _tokens.AddError(token, $"expected a value, found {token.Describe()}");
                if (!IsStop(token))
                {
                    _tokens.Next();
                }

                return Parsed.Error(token);
        }
    }

    private Parsed NamedConstant(Token token)
    {
        object? value = token.Text switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            "inf" => double.PositiveInfinity,
            "e" => Math.E,
            "pi" => Math.PI,
            _ => this,
        };
        if (ReferenceEquals(value, this))
        {
            _tokens.AddError(token, $"unknown name '{token.Text}' (a string needs double quotes: \"{token.Text}\")");
            return Parsed.Error(token);
        }

        return new Parsed(new ConstantNode(value), null, token);
    }

    private Parsed ParseParenthesised()
    {
        var open = _tokens.Next();
        var items = new List<Parsed> { ParseValue() };
        var isTuple = false;
        while (_tokens.TrySymbol(","))
        {
            isTuple = true;
            if (_tokens.Current.IsSymbol(")"))
            {
                break;
            }

            items.Add(ParseValue());
        }

        if (!Close(")", open))
        {
            return Parsed.Error(open);
        }

        return isTuple ? new Parsed(null, items, open) : items[0] with { Start = open };
    }

    private Parsed ParseList()
    {
        var open = _tokens.Next();
        var items = new List<SpaceNode>();
        var ok = true;
        var wellFormed = ParseSequence("]", open, () =>
        {
            var item = ParseValue();
            ok &= Expect(item, out var node);
            items.Add(node);
        });
        return ok && wellFormed ? new Parsed(new ListNode(items), null, open) : Parsed.Error(open);
    }

    private Parsed ParseDict()
    {
        var open = _tokens.Next();
        var entries = new List<KeyValuePair<string, SpaceNode>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        var wellFormed = ParseSequence("}", open, () =>
        {
            var keyToken = _tokens.Current;
            string key;
            if (keyToken.Kind == TokenKind.Identifier)
            {
                key = keyToken.Text;
            }
            else if (keyToken.Kind == TokenKind.String)
            {
                key = (string)keyToken.Value!;
            }
            else
            {
                _tokens.AddError(keyToken, $"expected a key (a name or a string), found {keyToken.Describe()}");
                ok = false;
                Skip();
                return;
            }

            _tokens.Next();
            if (!_tokens.TrySymbol(":"))
            {
                _tokens.AddError(_tokens.Current, $"expected ':' after the key '{key}', found {_tokens.Current.Describe()}");
                ok = false;
                Skip();
                return;
            }

            if (!keys.Add(key))
            {
                _tokens.AddError(keyToken, $"duplicate key '{key}'");
                ok = false;
            }

            var value = ParseValue();
            ok &= Expect(value, out var node);
            entries.Add(KeyValuePair.Create(key, node));
        });
        return ok && wellFormed ? new Parsed(new DictNode(entries), null, open) : Parsed.Error(open);
    }

    // Items separated by commas (a trailing comma is fine) up to the closing symbol; after a bad item, skips to the next
    // comma at this nesting depth so later errors are still found, and stops at a mismatched closer. Every pass either
    // consumes a comma or leaves the loop, so malformed text cannot make it spin.
    private bool ParseSequence(string closer, Token open, Action item)
    {
        var ok = true;
        while (!_tokens.Current.IsSymbol(closer))
        {
            if (_tokens.AtEnd)
            {
                break;
            }

            item();
            if (_tokens.TrySymbol(","))
            {
                continue;
            }

            if (_tokens.AtEnd || IsCloser(_tokens.Current))
            {
                // A mismatched closer or the end of the text: Close names the bracket that is left open.
                break;
            }

            _tokens.AddError(_tokens.Current, $"expected ',' or '{closer}', found {_tokens.Current.Describe()}");
            ok = false;
            Skip();
            if (!_tokens.TrySymbol(","))
            {
                // Skip stopped at the end or at a closer: ours ends the loop, any other belongs to an outer
                // sequence and is reported by Close. Looping on it would add the same error forever.
                break;
            }
        }

        return Close(closer, open) && ok;
    }

    private bool Close(string closer, Token open)
    {
        if (_tokens.TrySymbol(closer))
        {
            return true;
        }

        _tokens.AddError(_tokens.Current, $"expected '{closer}' to close the '{open.Text}' at {open.Line}:{open.Column}, found {_tokens.Current.Describe()}");
        return false;
    }

    private void Skip()
    {
        var depth = 0;
        while (!_tokens.AtEnd)
        {
            var token = _tokens.Current;
            if (depth == 0 && IsStop(token))
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

            _tokens.Next();
        }
    }

    private static bool IsStop(Token token) => token.Kind == TokenKind.End || token.IsSymbol(",") || IsCloser(token);

    private static bool IsCloser(Token token) => token.IsSymbol(")") || token.IsSymbol("]") || token.IsSymbol("}");

    private bool Expect(Parsed parsed, out SpaceNode node)
    {
        if (parsed.Node is { } n)
        {
            node = n;
            return true;
        }

        if (parsed.Items is not null)
        {
            _tokens.AddError(parsed.Start, "a tuple is only valid as a pchoice option (probability, option)");
        }

        node = new ConstantNode(null);
        return false;
    }

    private readonly record struct Parsed(SpaceNode? Node, IReadOnlyList<Parsed>? Items, Token Start)
    {
        public bool IsError => Node is null && Items is null;

        public static Parsed Error(Token at) => new(null, null, at);

        public bool TryNumber(out double value)
        {
            switch (Node)
            {
                case ConstantNode { Value: long l }:
                    value = l;
                    return true;
                case ConstantNode { Value: double d }:
                    value = d;
                    return true;
                default:
                    value = 0;
                    return false;
            }
        }
    }
}
