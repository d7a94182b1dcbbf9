using System.Globalization;
using System.Text;

namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>
/// Splits text into <see cref="Token"/>s: identifiers, numbers, double-quoted strings (escapes <c>\" \\ \/ \n \r \t \b \f \uXXXX</c>),
/// symbols, and skips white space and <c>#</c> comments. Errors (a stray character, an unterminated string) are recorded in the
/// returned stream and lexing goes on, so a parser can report them with its own.
/// </summary>
public static class Lexer
{
    // Longest match first.
    private static readonly string[] MultiCharSymbols = ["->", "==", "!=", "<=", ">=", "**", "//"];
    private const string SingleCharSymbols = "()[]{},:;+-*/=~<>!|&.%@^?";

    /// <summary>Tokenizes <paramref name="text"/>; <paramref name="fileName"/> is used in error messages.</summary>
    public static TokenStream Tokenize(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var errors = new List<(int Line, int Column, string Message)>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '#'))
            {
                if (text[i] == '#')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    continue;
                }

                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }

                i++;
            }

            var column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", null, line, column, i));
                break;
            }

            var start = i;
            var c = text[i];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], null, line, column, start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ScanNumber(text, i);
                var literal = text[start..i];
                var value = NumberValue(literal, out var problem);
                if (problem is not null)
                {
                    errors.Add((line, column, problem));
                }

                tokens.Add(new Token(TokenKind.Number, literal, value, line, column, start));
            }
            else if (c == '"')
            {
                var value = ScanString(text, ref i, out var problem);
                if (problem is not null)
                {
                    errors.Add((line, column, problem));
                }

                tokens.Add(new Token(TokenKind.String, text[start..i], value, line, column, start));
            }
            else if (MultiCharSymbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, null, line, column, start));
            }
            else if (SingleCharSymbols.Contains(c, StringComparison.Ordinal))
            {
                i++;
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), null, line, column, start));
            }
            else
            {
                errors.Add((line, column, $"unexpected character '{c}'"));
                i++;
            }
        }

        var stream = new TokenStream(tokens, text, fileName);
        foreach (var (errorLine, errorColumn, message) in errors)
        {
            stream.AddError(errorLine, errorColumn, message);
        }

        return stream;
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.' && !(i + 1 < text.Length && text[i + 1] == '.'))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    private static object NumberValue(string literal, out string? problem)
    {
        problem = null;
        if (literal.All(char.IsAsciiDigit))
        {
            if (long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
            {
                return whole;
            }

            problem = $"integer {literal} does not fit 64 bits (write it as a float: {literal}.0)";
            return 0L;
        }

        return double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string ScanString(string text, ref int i, out string? problem)
    {
        problem = null;
        var builder = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                problem = "unterminated string";
                return builder.ToString();
            }

            var c = text[i++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                problem = "unterminated string";
                return builder.ToString();
            }

            var escape = text[i++];
            switch (escape)
            {
                case '"' or '\\' or '/':
                    builder.Append(escape);
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'u' when i + 4 <= text.Length
                    && int.TryParse(text.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    problem ??= $"unknown escape '\\{escape}' in a string";
                    break;
            }
        }
    }
}
