using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Tests.Slurm;

public sealed class SlurmTimeLimitTests
{
    [Theory]
    [InlineData("1", 60)]
    [InlineData("90", 5400)]
    [InlineData("5:30", 330)]
    [InlineData("1:00:00", 3600)]
    [InlineData("2-0", 172800)]
    [InlineData("1-02", 93600)]
    [InlineData("1-02:03", 93780)]
    [InlineData("1-02:03:04", 93784)]
    public void TryParse_SlurmForms_GiveSeconds(string text, long seconds)
    {
        Assert.True(SlurmTimeLimit.TryParse(text, out var limit));
        Assert.Equal(TimeSpan.FromSeconds(seconds), limit);
    }

    [Theory]
    [InlineData("UNLIMITED")]
    [InlineData("infinite")]
    [InlineData("-1")]
    public void TryParse_Unlimited_GivesNull(string text)
    {
        Assert.True(SlurmTimeLimit.TryParse(text, out var limit));
        Assert.Null(limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1h")]
    [InlineData("1:2:3:4")]
    [InlineData("-5")]
    [InlineData("1-")]
    [InlineData("1.5")]
    public void TryParse_Garbage_IsRejected(string text)
    {
        Assert.False(SlurmTimeLimit.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => SlurmTimeLimit.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(59, "00:00:59")]
    [InlineData(3661, "01:01:01")]
    [InlineData(90061, "1-01:01:01")]
    public void Format_Seconds_GivesSlurmText(long seconds, string expected) =>
        Assert.Equal(expected, SlurmTimeLimit.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var seconds = Gen.Choose(0, int.MaxValue).Select(s => (long)s);
        Check.QuickThrowOnFailure(Prop.ForAll(seconds.ToArbitrary(), s =>
            SlurmTimeLimit.Parse(SlurmTimeLimit.Format(TimeSpan.FromSeconds(s))) == TimeSpan.FromSeconds(s)));
    }
}
