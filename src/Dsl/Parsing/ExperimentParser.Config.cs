using System.Numerics;
using SlurmSearch.Dsl.Config;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Spaces.Syntax;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>The <c>config</c> and <c>debug</c> blocks: plain data with constant arithmetic, and search spaces.</summary>
public sealed partial class ExperimentParser
{
    // A config value that calls any of these is a search space as a whole and goes to the space parser.
    private static readonly HashSet<string> SpaceFunctions = [.. Hp.DistributionNames, "choice", "pchoice", "bounded", "float", "int"];

    // The key under which a space value is parsed, so that its default labels are relative to the value (see SpaceLabels).
    private const string SpaceRootKey = "\u0002";

    private void ParseConfigBlock(List<ConfigEntry> entries)
    {
        if (!Expect("{", "to open the block"))
        {
            SkipToBlock();
            return;
        }

        entries.AddRange(ParseMapEntries(_tokens.Peek(-1)));
    }

    // Entries up to and including the closing brace of a map whose '{' has been read.
    private List<ConfigEntry> ParseMapEntries(Token open)
    {
        var entries = new List<ConfigEntry>();
        while (!_tokens.Current.IsSymbol("}") && !_tokens.AtEnd)
        {
            var keyToken = _tokens.Current;
            var before = _tokens.Errors.Count;
            if (keyToken.Kind is not (TokenKind.Identifier or TokenKind.String) || !_tokens.Peek(1).IsSymbol(":"))
            {
                _tokens.AddError(keyToken, keyToken.Kind is TokenKind.Identifier or TokenKind.String
                    ? $"expected ':' after the key '{KeyText(keyToken)}', found {_tokens.Peek(1).Describe()}"
                    : $"expected a key (a name or a string), found {keyToken.Describe()}");
                SkipConfigEntry();
            }
            else
            {
                var key = KeyText(keyToken);
                _tokens.Next();
                _tokens.Next();
                if (entries.FirstOrDefault(e => e.Key == key) is { } duplicate)
                {
                    _tokens.AddError(keyToken, $"duplicate key '{key}' (also at {duplicate.Position})");
                }

                var value = ParseConfigValue(key);
                entries.Add(new ConfigEntry(key, value, At(keyToken)));
                if (_tokens.Errors.Count > before)
                {
                    SkipConfigEntry();
                }
            }

            if (!_tokens.TrySymbol(",") && !_tokens.Current.IsSymbol("}"))
            {
                if (_tokens.AtEnd || _tokens.Current.IsSymbol(")") || _tokens.Current.IsSymbol("]"))
                {
                    break;
                }

                _tokens.AddError(_tokens.Current, $"expected ',', a new line or '}}', found {_tokens.Current.Describe()}");
                SkipConfigEntry();
                _tokens.TrySymbol(",");
            }
        }

        if (!_tokens.TrySymbol("}"))
        {
            _tokens.AddError(_tokens.Current, $"expected '}}' to close the '{{' at {open.Line}:{open.Column}, found {_tokens.Current.Describe()}");
        }

        return entries;
    }

    private static string KeyText(Token token) => token.Kind == TokenKind.String ? (string)token.Value! : token.Text;

    // To the next comma or closer at this depth.
    private void SkipConfigEntry()
    {
        var depth = 0;
        while (!_tokens.AtEnd)
        {
            var token = _tokens.Current;
            if (depth == 0 && (token.IsSymbol(",") || token.IsSymbol("}") || token.IsSymbol("]") || token.IsSymbol(")")))
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

    private ConfigValue ParseConfigValue(string key)
    {
        var end = ValueEnd();
        for (var i = 0; i < end; i++)
        {
            var token = _tokens.Peek(i);
            if (token.Kind == TokenKind.Identifier && SpaceFunctions.Contains(token.Text) && _tokens.Peek(i + 1).IsSymbol("("))
            {
                return ParseSpace(key, end);
            }
        }

        return ParseArithmetic();
    }

    // How many tokens the value at the cursor spans: up to a comma or closer outside brackets.
    private int ValueEnd()
    {
        var depth = 0;
        for (var i = 0; ; i++)
        {
            var token = _tokens.Peek(i);
            if (token.Kind == TokenKind.End)
            {
                return i;
            }

            if (token.IsSymbol("(") || token.IsSymbol("[") || token.IsSymbol("{"))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]") || token.IsSymbol("}"))
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (depth == 0 && token.IsSymbol(","))
            {
                return i;
            }
        }
    }

    private ConfigValue ParseSpace(string key, int length)
    {
        var first = _tokens.Current;
        var after = _tokens.Peek(length);
        var tokens = new List<Token>
        {
            new(TokenKind.Symbol, "{", null, first.Line, first.Column, first.Offset),
            new(TokenKind.String, "\"\\u0002\"", SpaceRootKey, first.Line, first.Column, first.Offset),
            new(TokenKind.Symbol, ":", null, first.Line, first.Column, first.Offset),
        };
        for (var i = 0; i < length; i++)
        {
            tokens.Add(_tokens.Peek(i));
        }

        tokens.Add(new Token(TokenKind.Symbol, "}", null, after.Line, after.Column, after.Offset));
        tokens.Add(new Token(TokenKind.End, "", null, after.Line, after.Column, after.Offset));
        var sub = new TokenStream(tokens, _tokens.Source, _tokens.FileName);
        var space = SpaceParser.ParseExpression(sub);
        foreach (var error in sub.Errors)
        {
            _tokens.AddError(error.Line, error.Column, error.Message.Replace(SpaceRootKey + ".", "", StringComparison.Ordinal));
        }

        _tokens.Position += length;
        if (space?.Root is not DictNode { Entries: [{ Value: var root }] })
        {
            return Poisoned(At(first));
        }

        try
        {
            return new ConfigSpace(new StructuredSpace(SpaceLabels.Relabel(root, SpaceRootKey, SpaceLabels.RootLabel(key))), At(first));
        }
        catch (ArgumentException e)
        {
            _tokens.AddError(first, e.Message);
            return Poisoned(At(first));
        }
    }

    private ConfigValue ParseArithmetic()
    {
        var left = ParseProduct();
        while (_tokens.Current.IsSymbol("+") || _tokens.Current.IsSymbol("-"))
        {
            var op = _tokens.Next();
            left = Arithmetic(op, left, ParseProduct());
        }

        return left;
    }

    private ConfigValue ParseProduct()
    {
        var left = ParseSigned();
        while (_tokens.Current.IsSymbol("*") || _tokens.Current.IsSymbol("/"))
        {
            var op = _tokens.Next();
            left = Arithmetic(op, left, ParseSigned());
        }

        return left;
    }

    // Python's precedence: -2 ** 2 is -(2 ** 2), and 2 ** -1 is 0.5.
    private ConfigValue ParseSigned()
    {
        if (_tokens.Current.IsSymbol("-") || _tokens.Current.IsSymbol("+"))
        {
            var op = _tokens.Next();
            var operand = ParseSigned();
            switch (operand)
            {
                case ConfigScalar { Value: PyInt i }:
                    return new ConfigScalar(op.Text == "-" ? new PyInt(-i.Value) : i, At(op));
                case ConfigScalar { Value: PyFloat f }:
                    return new ConfigScalar(op.Text == "-" ? new PyFloat(-f.Value) : f, At(op));
                default:
                    if (!IsPoisoned(operand))
                    {
                        _tokens.AddError(op, $"unary '{op.Text}' applies to numbers only");
                    }

                    return Poisoned(At(op));
            }
        }

        var power = ParsePlainPrimary();
        if (_tokens.Current.IsSymbol("**"))
        {
            var op = _tokens.Next();
            return Arithmetic(op, power, ParseSigned());
        }

        return power;
    }

    private ConfigValue ParsePlainPrimary()
    {
        var token = _tokens.Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _tokens.Next();
                return new ConfigScalar(token.Value is long l ? PyInt.Of(l) : new PyFloat((double)token.Value!), At(token));
            case TokenKind.String:
                _tokens.Next();
                return new ConfigScalar(new PyStr((string)token.Value!), At(token));
            case TokenKind.Identifier when _tokens.Peek(1).IsSymbol("("):
                return ParseMathCall();
            case TokenKind.Identifier:
                _tokens.Next();
                return NamedConstant(token);
            case TokenKind.Symbol when token.Text == "(":
            {
                _tokens.Next();
                var inner = ParseArithmetic();
                Expect(")", $"to close the '(' at {token.Line}:{token.Column}");
                return inner with { Position = At(token) };
            }

            case TokenKind.Symbol when token.Text == "[":
                return ParsePlainList();
            case TokenKind.Symbol when token.Text == "{":
                _tokens.Next();
                return new ConfigMap([.. ParseMapEntries(token)], At(token));
            default:
                _tokens.AddError(token, $"expected a value, found {token.Describe()}");
                return Poisoned(At(token));
        }
    }

    private ConfigValue ParsePlainList()
    {
        var open = _tokens.Next();
        var items = new List<ConfigValue>();
        while (!_tokens.Current.IsSymbol("]") && !_tokens.AtEnd)
        {
            var before = _tokens.Position;
            items.Add(ParseArithmetic());
            if (!_tokens.TrySymbol(","))
            {
                break;
            }

            if (_tokens.Position == before)
            {
                break;
            }
        }

        if (!_tokens.TrySymbol("]"))
        {
            _tokens.AddError(_tokens.Current, $"expected ',' or ']' to close the '[' at {open.Line}:{open.Column}, found {_tokens.Current.Describe()}");
        }

        return new ConfigList([.. items], At(open));
    }

    private ConfigValue NamedConstant(Token token)
    {
        PyValue? value = token.Text switch
        {
            "true" => PyBool.Of(true),
            "false" => PyBool.Of(false),
            "null" => PyNone.Instance,
            "inf" => new PyFloat(double.PositiveInfinity),
            "e" => new PyFloat(Math.E),
            "pi" => new PyFloat(Math.PI),
            _ => null,
        };
        if (value is null)
        {
            _tokens.AddError(token, $"unknown name '{token.Text}' (a string needs double quotes: \"{token.Text}\")");
            return Poisoned(At(token));
        }

        return new ConfigScalar(value, At(token));
    }

    private ConfigValue ParseMathCall()
    {
        var name = _tokens.Next();
        var open = _tokens.Next();
        var argument = ParseArithmetic();
        Expect(")", $"to close the '(' at {open.Line}:{open.Column}");
        if (name.Text is not ("log" or "exp" or "sqrt"))
        {
            _tokens.AddError(name, $"unknown function '{name.Text}' (plain config values know log, exp and sqrt; spaces know {string.Join(", ", SpaceFunctions.Order(StringComparer.Ordinal))})");
            return Poisoned(At(name));
        }

        if (!TryNumber(argument, out var x))
        {
            if (!IsPoisoned(argument))
            {
                _tokens.AddError(name, $"{name.Text}() takes one number");
            }

            return Poisoned(At(name));
        }

        var result = name.Text switch
        {
            "log" => x > 0 ? Math.Log(x) : double.NaN,
            "exp" => Math.Exp(x),
            _ => x >= 0 ? Math.Sqrt(x) : double.NaN,
        };
        if (double.IsNaN(result))
        {
            _tokens.AddError(name, $"{name.Text}({SpacePrinter.FormatFloat(x)}) is not a real number");
        }

        return new ConfigScalar(new PyFloat(result), At(name));
    }

    private ConfigValue Arithmetic(Token op, ConfigValue left, ConfigValue right)
    {
        if (left is ConfigScalar { Value: PyInt a } && right is ConfigScalar { Value: PyInt b } && op.Text != "/"
            && (op.Text != "**" || b.Value.Sign >= 0))
        {
            BigInteger? exact = op.Text switch
            {
                "+" => a.Value + b.Value,
                "-" => a.Value - b.Value,
                "*" => a.Value * b.Value,
                _ => b.Value <= 4096 ? BigInteger.Pow(a.Value, (int)b.Value) : null,
            };
            if (exact is { } value)
            {
                return new ConfigScalar(new PyInt(value), left.Position);
            }

            _tokens.AddError(op, $"integer power {a.Value} ** {b.Value} is too large");
            return Poisoned(left.Position);
        }

        if (!TryNumber(left, out var x) || !TryNumber(right, out var y))
        {
            if (!IsPoisoned(left) && !IsPoisoned(right))
            {
                _tokens.AddError(op, $"'{op.Text}' applies to numbers only");
            }

            return Poisoned(left.Position);
        }

        var result = op.Text switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => y == 0 ? double.NaN : x / y,
            _ => Math.Pow(x, y),
        };
        if (double.IsNaN(result))
        {
            _tokens.AddError(op, $"{SpacePrinter.FormatFloat(x)} {op.Text} {SpacePrinter.FormatFloat(y)} is not a number");
        }

        return new ConfigScalar(new PyFloat(result), left.Position);
    }

    // The value standing in for one that had an error, so the error is not reported again by every enclosing operator.
    private static ConfigScalar Poisoned(SourcePosition position) => new(new PyStr(SpaceRootKey), position);

    /// <summary>True for the value that stands in for one with an error (the checker then stays quiet about it).</summary>
    internal static bool IsPoisoned(ConfigValue? value) => value is ConfigScalar { Value: PyStr { Value: SpaceRootKey } };

    private static bool TryNumber(ConfigValue value, out double number)
    {
        switch (value)
        {
            case ConfigScalar { Value: PyInt i }:
                number = (double)i.Value;
                return true;
            case ConfigScalar { Value: PyFloat f }:
                number = f.Value;
                return true;
            default:
                number = 0;
                return false;
        }
    }
}
