using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Tests.Slurm;

public sealed class ShellQuoteTests
{
    // Characters that matter to a shell, plus some that must simply survive (UTF-8, blanks, newlines).
    private static readonly char[] Alphabet =
        [.. "aZ09 _-./:=,@%+~!#$&*()[]{}<>|;?^`\"'\\\t\n\réλ中", '\u00a0'];

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("--lr=0.1", "--lr=0.1")]
    [InlineData("/a/b_c-d.e:f,g@h%i+j", "/a/b_c-d.e:f,g@h%i+j")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("~user", "'~user'")]
    [InlineData("a*b", "'a*b'")]
    public void Quote_KnownWords_GiveExpectedText(string word, string expected) =>
        Assert.Equal(expected, ShellQuote.Quote(word));

    [Fact]
    public void Quote_NulCharacter_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ShellQuote.Quote("a\0b"));
        Assert.Contains("NUL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_AssignmentLikeFirstWord_IsQuotedSoItRunsAsACommand()
    {
        Assert.Equal("'A=b' --x=1", ShellQuote.Join(["A=b", "--x=1"]));
        var result = Bash.Run(["-c", ShellQuote.Join(["A=b", "x"]) + " 2>&1; echo \"rc=$?\""]);
        Assert.Contains("A=b: command not found", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_AnyWords_BashReadsBackTheSameArguments()
    {
        var word = Gen.ArrayOf(Gen.Elements(Alphabet)).Select(cs => new string(cs));
        var words = Gen.NonEmptyListOf(word).Select(ws => ws.ToArray());
        Check.QuickThrowOnFailure(Prop.ForAll(words.ToArbitrary(), ws =>
        {
            var script = "printf '%s\\0' " + string.Join(' ', ws.Select(ShellQuote.Quote));
            var result = Bash.Run(["-c", script]);
            var back = result.Stdout.Split('\0')[..^1];
            return result.ExitCode == 0 && back.SequenceEqual(ws);
        }));
    }
}
