using System.Buffers;
using System.Text;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>Quotes words for POSIX shells (bash, sh) so that the shell reads back exactly the original string.</summary>
public static class ShellQuote
{
    // Characters no POSIX shell treats specially anywhere inside a word. '=' is safe in an argument
    // but not in a command's first word ("A=b" would be an assignment), so Join handles it there.
    private static readonly SearchValues<char> SafeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+./:,@%=");

    /// <summary>Returns <paramref name="word"/> unchanged when it is safe bare, else wrapped in single quotes (<c>'</c> becomes <c>'\''</c>).</summary>
    /// <exception cref="ArgumentException">The word contains a NUL character, which no shell word can hold.</exception>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"a shell word cannot contain a NUL character: {word.Replace("\0", "\\0", StringComparison.Ordinal)}", nameof(word));
        }

        return IsSafeBare(word) ? word : QuoteAlways(word);
    }

    /// <summary>Quotes each word and joins them with spaces into a command line; the first word is never read as an assignment.</summary>
    public static string Join(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var builder = new StringBuilder();
        var first = true;
        foreach (var word in words)
        {
            if (!first)
            {
                builder.Append(' ');
            }

            var quoted = Quote(word);
            builder.Append(first && word.Contains('=', StringComparison.Ordinal) && IsSafeBare(word) ? QuoteAlways(word) : quoted);
            first = false;
        }

        return builder.ToString();
    }

    private static bool IsSafeBare(string word) =>
        word.Length > 0 && !word.AsSpan().ContainsAnyExcept(SafeCharacters);

    private static string QuoteAlways(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
