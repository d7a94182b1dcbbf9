using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Locking.Tests;

public sealed class LockNameTests
{
    // Characters chosen to hit every rule: separators, dots, NUL, controls, surrogate halves, multi-byte text.
    private static readonly char[] Alphabet =
        ['a', 'Z', '0', ':', '_', '-', ' ', '.', '.', '/', '\\', '\0', '\n', '\u007f', 'é', '日', '\ud83d', '\ude00', '~', '*'];

    private static readonly Arbitrary<string> Names = Gen.OneOf(
            Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars)),
            Gen.Choose(190, 260).SelectMany(length => Gen.Elements(Alphabet).ArrayOf(length).Select(chars => new string(chars))),
            Gen.Choose(100, 260).Select(length => "sweep:" + new string('x', length)),
            Gen.Choose(80, 130).Select(length => new string('é', length)))
        .ToArbitrary();

    [Theory]
    [InlineData("slurm:my_session")]
    [InlineData("exp:a.b")]
    [InlineData("search:with space and 日本")]
    [InlineData("a")]
    public void Validate_GoodName_Accepts(string name)
    {
        LockName.Validate(name);
        Assert.True(LockName.IsValid(name, out var reason));
        Assert.Equal(string.Empty, reason);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("..", "'.'")]
    [InlineData("../etc/passwd", "'.'")]
    [InlineData("slurm:a/b", "'/'")]
    [InlineData(".hidden", "'.'")]
    [InlineData("a..b", "'..'")]
    [InlineData("a\0b", "NUL")]
    [InlineData("a\nb", "U+000A")]
    public void Validate_BadName_ThrowsNamingTheNameAndRule(string name, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => LockName.Validate(name));
        Assert.Contains(LockName.Quote(name), error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.False(LockName.IsValid(name, out _));
    }

    [Fact]
    public void Validate_UnpairedSurrogate_Throws()
    {
        Assert.Contains("surrogate", Assert.Throws<ArgumentException>(() => LockName.Validate("bad\ud800")).Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", Assert.Throws<ArgumentException>(() => LockName.Validate("\ude00bad")).Message, StringComparison.Ordinal);
        LockName.Validate("paired\ud83d\ude00");
    }

    [Fact]
    public void Validate_LengthLimits_AreInclusive()
    {
        LockName.Validate(new string('a', LockName.MaxLength));
        Assert.Throws<ArgumentException>(() => LockName.Validate(new string('a', LockName.MaxLength + 1)));
        LockName.Validate(new string('é', LockName.MaxUtf8Bytes / 2));
        Assert.Throws<ArgumentException>(() => LockName.Validate(new string('é', (LockName.MaxUtf8Bytes / 2) + 1)));
    }

    [Fact]
    public void Quote_ControlCharacters_AreEscaped() =>
        Assert.Equal("'a\\u000ab\\u0000'", LockName.Quote("a\nb\0"));

    [Fact]
    public void PathOf_AnyName_StaysInsideLocksDirectoryOrThrows()
    {
        using var home = new TempDirectory();
        var factory = new FileLockFactory(home.Path);
        var locks = Path.GetFullPath(factory.LocksDirectory);
        var accepted = 0;
        var rejected = 0;
        Check.QuickThrowOnFailure(Prop.ForAll(Names, name =>
        {
            string path;
            try
            {
                path = factory.PathOf(name);
            }
            catch (ArgumentException)
            {
                Interlocked.Increment(ref rejected);
                return !LockName.IsValid(name, out _);
            }

            Interlocked.Increment(ref accepted);
            var full = Path.GetFullPath(path);
            return LockName.IsValid(name, out _)
                && Path.GetDirectoryName(full) == locks
                && Path.GetFileName(full) == name + ".lock"
                && System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(full)) <= 255;
        }));

        // The generator must exercise both outcomes, or the property proves nothing.
        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    [Fact]
    public void Acquire_BadName_ThrowsBeforeTouchingTheDisk()
    {
        using var home = new TempDirectory();
        var factory = new FileLockFactory(home.Path);
        var error = Assert.Throws<ArgumentException>(() => factory.Acquire("../escape", TimeSpan.Zero));
        Assert.Contains("'../escape'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(factory.LocksDirectory));
        Assert.False(File.Exists(home.Combine("escape.lock")));
    }
}
