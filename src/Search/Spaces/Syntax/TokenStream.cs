namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>
/// A cursor over the tokens of one source text, with the errors found so far. Shared by the space parser and any larger
/// language that embeds space expressions: it parses its own constructs, hands the stream to
/// <see cref="SpaceParser.ParseExpression(TokenStream)"/> for a space, and continues after it.
/// </summary>
public sealed class TokenStream
{
    /// <summary>
    /// The most errors one text reports. Past it the parse stops with what it has, like a compiler's "too many errors":
    /// the reader gains nothing from more, and a recovery path that failed to make progress cannot run away.
    /// </summary>
    public const int MaxErrors = 100;

    private readonly Token[] _tokens;
    private readonly string[] _lines;
    private readonly List<SpaceParseError> _errors = [];
    private int _position;

    /// <summary>Creates a stream; <paramref name="tokens"/> must end with one <see cref="TokenKind.End"/> token.</summary>
    public TokenStream(IEnumerable<Token> tokens, string source, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(source);
        _tokens = [.. tokens];
        if (_tokens.Length == 0 || _tokens[^1].Kind != TokenKind.End)
        {
            throw new ArgumentException("a token stream ends with an End token", nameof(tokens));
        }

        Source = source;
        FileName = fileName;
        _lines = source.Split('\n');
    }

    /// <summary>The source text.</summary>
    public string Source { get; }

    /// <summary>The file the source came from, or null.</summary>
    public string? FileName { get; }

    /// <summary>The index of the current token; may be set back to re-read (for look-ahead).</summary>
    public int Position
    {
        get => _position;
        set => _position = value >= 0 && value < _tokens.Length ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The current token (the End token once everything is read).</summary>
    public Token Current => _tokens[_position];

    /// <summary>True when only the End token is left.</summary>
    public bool AtEnd => Current.Kind == TokenKind.End;

    /// <summary>The errors recorded so far, in the order found.</summary>
    public IReadOnlyList<SpaceParseError> Errors => _errors;

    /// <summary>The token <paramref name="ahead"/> places after the current one (the End token past the end).</summary>
    public Token Peek(int ahead = 0) => _tokens[Math.Min(_position + ahead, _tokens.Length - 1)];

    /// <summary>Returns the current token and moves past it (never past End).</summary>
    public Token Next()
    {
        var token = _tokens[_position];
        if (_position < _tokens.Length - 1)
        {
            _position++;
        }

        return token;
    }

    /// <summary>Consumes the current token when it is the symbol <paramref name="symbol"/>.</summary>
    public bool TrySymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        Next();
        return true;
    }

    /// <summary>Records an error at a token.</summary>
    public void AddError(Token at, string message) => AddError(at.Line, at.Column, message);

    /// <summary>Records an error at a 1-based line and column, unless one is already recorded there.</summary>
    public void AddError(int line, int column, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_errors.Exists(e => e.Line == line && e.Column == column))
        {
            // One error per position: a bracket left open at the end of the text would otherwise be reported once per
            // enclosing bracket, and the first (innermost) report is the useful one.
            return;
        }

        var text = line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : "";
        _errors.Add(new SpaceParseError(FileName, line, column, message, text));
        if (_errors.Count >= MaxErrors)
        {
            ThrowIfErrors();
        }
    }

    /// <summary>Throws a <see cref="SpaceParseException"/> with every recorded error in text order (lexer errors are found
    /// first but need not come first), if there is any.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new SpaceParseException([.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
    }
}
