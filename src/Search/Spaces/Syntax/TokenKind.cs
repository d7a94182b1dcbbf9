namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>The kind of a <see cref="Token"/>.</summary>
public enum TokenKind
{
    /// <summary>A name: a letter or underscore, then letters, digits or underscores.</summary>
    Identifier,

    /// <summary>A number literal; <see cref="Token.Value"/> is a <see cref="long"/> (no dot, no exponent) or a <see cref="double"/>.</summary>
    Number,

    /// <summary>A double-quoted string; <see cref="Token.Value"/> is the unescaped text.</summary>
    String,

    /// <summary>An operator or bracket (<c>( ) [ ] { } , : + - * / = ~ -&gt; ==</c> …); <see cref="Token.Text"/> says which.</summary>
    Symbol,

    /// <summary>The end of the input.</summary>
    End,
}
