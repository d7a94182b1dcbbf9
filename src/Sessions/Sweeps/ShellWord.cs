using System.Buffers;
using System.Text;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Makes one argument word for a sweep command line: bare when safe, else double-quoted so that <c>$VARS</c> left for the shell still expand (no brace or tilde expansion, no globbing).</summary>
internal static class ShellWord
{
    private static readonly SearchValues<char> Safe =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+./:,@%=$");

    public static string Of(string word)
    {
        if (word.Length > 0 && !word.AsSpan().ContainsAnyExcept(Safe))
        {
            return word;
        }

        var builder = new StringBuilder(word.Length + 2).Append('"');
        foreach (var c in word)
        {
            if (c is '"' or '\\' or '`')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
