using FsCheck;
using FsCheck.Fluent;

namespace SlurmSearch.Locking.Tests;

public sealed class LockHolderTests
{
    private static readonly DateTimeOffset Start = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string> Text = Gen.Elements("", "node7", "a b", "claim \"trial\" 7", "日本語", "tab\tnew\nline", "\\slash", "emoji \ud83d\ude00")
        .SelectMany(a => Gen.Elements("", "x", "-", "é").Select(b => a + b));

    // Microsecond precision: the file keeps microseconds, as Python's datetime does.
    private static readonly Gen<DateTimeOffset> Times = Gen.Choose(0, int.MaxValue)
        .SelectMany(seconds => Gen.Choose(0, 999_999).Select(micros => Start.AddSeconds(seconds).AddTicks(micros * 10L)));

    private static readonly Arbitrary<LockHolder> Holders =
        (from pid in Gen.Choose(1, int.MaxValue)
         from host in Text
         from acquired in Times
         from purpose in Text
         from released in Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Times.Select(t => (DateTimeOffset?)t))
         select new LockHolder(pid, host, acquired, purpose, released)).ToArbitrary();

    [Fact]
    public void ToBytes_TryParse_RoundTrips() =>
        Check.QuickThrowOnFailure(Prop.ForAll(Holders, holder =>
        {
            var bytes = holder.ToBytes();
            return LockHolder.TryParse(bytes) == holder
                && bytes.Length % LockHolder.RecordBlock == 0
                && bytes[^1] == (byte)'\n';
        }));

    [Fact]
    public void TryParse_ArbitraryBytes_NeverThrows() =>
        Check.QuickThrowOnFailure(Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            _ = LockHolder.TryParse(bytes);
        }));

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"pid\":\"x\",\"host\":\"h\",\"acquired\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"pid\":1,\"acquired\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"pid\":1,\"host\":\"h\",\"acquired\":\"yesterday\"}")]
    public void TryParse_NotARecord_IsNull(string text) =>
        Assert.Null(LockHolder.TryParse(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void TryParse_MinimalRecord_DefaultsPurposeAndRelease() =>
        Assert.Equal(
            new LockHolder(12, "h", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), string.Empty),
            LockHolder.TryParse("{\"pid\":12,\"host\":\"h\",\"acquired\":\"2026-01-01T00:00:00Z\"}"u8));

    [Fact]
    public void Describe_HeldAndReleased_SayWhoWhenAndWhy()
    {
        var holder = new LockHolder(42, "node7", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 600, TimeSpan.Zero), "claim trial");
        Assert.Equal("pid 42 on node7 since 2026-01-02T03:04:05Z (claim trial)", holder.Describe());
        Assert.Equal(
            "pid 42 on node7, 2026-01-02T03:04:05Z to 2026-01-02T03:04:09Z",
            (holder with { Purpose = "", Released = holder.Acquired.AddSeconds(4) }).Describe());
    }
}
