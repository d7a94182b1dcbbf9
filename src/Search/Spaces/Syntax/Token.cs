namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>One lexical token with its source position (1-based line and column, 0-based offset).</summary>
public readonly record struct Token(TokenKind Kind, string Text, object? Value, int Line, int Column, int Offset)
{
    /// <summary>True when the token is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>True when the token is the identifier <paramref name="name"/>.</summary>
    public bool IsIdentifier(string name) => Kind == TokenKind.Identifier && Text == name;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.String => $"string {Text}",
        TokenKind.Number => $"number {Text}",
        _ => $"'{Text}'",
    };
}
