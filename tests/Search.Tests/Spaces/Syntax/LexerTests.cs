using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Search.Tests.Spaces.Syntax;

public sealed class LexerTests
{
    [Fact]
    public void Tokenize_MixedInput_GivesKindsValuesAndPositions()
    {
        var tokens = All(Lexer.Tokenize("lr ~ loguniform(-1e-5, .5) # comment\n  x -> \"a\\\"b\\u00e9\" == 42"));

        Assert.Equal(
            [
                (TokenKind.Identifier, "lr", null, 1, 1), (TokenKind.Symbol, "~", null, 1, 4), (TokenKind.Identifier, "loguniform", null, 1, 6),
                (TokenKind.Symbol, "(", null, 1, 16), (TokenKind.Symbol, "-", null, 1, 17), (TokenKind.Number, "1e-5", 1e-5, 1, 18),
                (TokenKind.Symbol, ",", null, 1, 22), (TokenKind.Number, ".5", 0.5, 1, 24), (TokenKind.Symbol, ")", null, 1, 26),
                (TokenKind.Identifier, "x", null, 2, 3), (TokenKind.Symbol, "->", null, 2, 5), (TokenKind.String, "\"a\\\"b\\u00e9\"", "a\"bé", 2, 8),
                (TokenKind.Symbol, "==", null, 2, 21), (TokenKind.Number, "42", 42L, 2, 24), (TokenKind.End, "", null, 2, 26),
            ],
            tokens.Select(t => (t.Kind, t.Text, t.Value, t.Line, t.Column)));
    }

    [Fact]
    public void Tokenize_BadCharactersAndStrings_RecordsErrorsAndGoesOn()
    {
        var stream = Lexer.Tokenize("a $ \"x\\q\" \"open\nb", "f.space");

        Assert.Equal(
            ["f.space:1:3: unexpected character '$'", "f.space:1:5: unknown escape '\\q' in a string", "f.space:1:11: unterminated string"],
            stream.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column}: {e.Message}"));
        Assert.Equal(["a", "\"x\\q\"", "\"open", "b", ""], All(stream).Select(t => t.Text));
    }

    [Fact]
    public void TokenStream_PositionCanBeSetBackForLookAhead()
    {
        var stream = Lexer.Tokenize("a b c");
        var mark = stream.Position;
        stream.Next();
        stream.Next();

        stream.Position = mark;

        Assert.True(stream.Current.IsIdentifier("a"));
        Assert.True(stream.Peek(2).IsIdentifier("c"));
        Assert.Equal(TokenKind.End, stream.Peek(10).Kind);
    }

    private static List<Token> All(TokenStream stream)
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = stream.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }
}
