using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Dsl.Parsing;

/// <summary>
/// Lets the maps of the <c>config</c> and <c>debug</c> blocks put one entry per line without commas, although the space syntax
/// they embed separates dict entries with commas: inside those blocks, a line break between the end of a value and a
/// <c>key:</c> on the next line reads as a comma (Go's semicolon insertion, for map entries only).
/// </summary>
/// <remarks>
/// Only these two blocks are rewritten: elsewhere <c>name:</c> also starts a config path (<c>samples search:threads</c>), where
/// an inserted comma would be wrong. The inserted comma sits just after the value it ends, so no error message points at it.
/// </remarks>
internal static class CommaInsertion
{
    private static readonly HashSet<string> Continuations = ["," , "{", "[", "(", ":", "+", "-", "*", "/", "**", "~", "="];

    /// <summary>A stream over the same source with the commas inserted and the lexer's errors kept.</summary>
    public static TokenStream Apply(TokenStream lexed)
    {
        var tokens = new List<Token>();
        for (var i = 0; ; i++)
        {
            var token = lexed.Peek(i);
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                break;
            }
        }

        var output = new List<Token>(tokens.Count + 16);
        var brackets = new Stack<(string Symbol, bool InMapBlock)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var inMapBlock = brackets.Count > 0 && brackets.Peek().InMapBlock;
            if (inMapBlock && brackets.Peek().Symbol == "{" && i > 0 && StartsEntry(tokens, i))
            {
                var previous = tokens[i - 1];
                if (previous.Line < token.Line && !(previous.Kind == TokenKind.Symbol && Continuations.Contains(previous.Text)))
                {
                    output.Add(new Token(TokenKind.Symbol, ",", null, previous.Line, previous.Column + previous.Text.Length, previous.Offset + previous.Text.Length));
                }
            }

            output.Add(token);
            if (token.IsSymbol("{") || token.IsSymbol("[") || token.IsSymbol("("))
            {
                var opensBlock = brackets.Count == 0 && i > 0 && (tokens[i - 1].IsIdentifier("config") || tokens[i - 1].IsIdentifier("debug"));
                brackets.Push((token.Text, opensBlock || inMapBlock));
            }
            else if ((token.IsSymbol("}") || token.IsSymbol("]") || token.IsSymbol(")")) && brackets.Count > 0)
            {
                brackets.Pop();
            }
        }

        var stream = new TokenStream(output, lexed.Source, lexed.FileName);
        foreach (var error in lexed.Errors)
        {
            stream.AddError(error.Line, error.Column, error.Message);
        }

        return stream;
    }

    private static bool StartsEntry(List<Token> tokens, int i) =>
        tokens[i].Kind is TokenKind.Identifier or TokenKind.String && i + 1 < tokens.Count && tokens[i + 1].IsSymbol(":");
}
