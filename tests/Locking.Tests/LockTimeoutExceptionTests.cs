namespace SlurmSearch.Locking.Tests;

public sealed class LockTimeoutExceptionTests
{
    private static readonly LockHolder Holder = new(42, "node7", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "claim trial");

    [Fact]
    public void For_KnownHolder_MessageNamesLockWaitAndHolder()
    {
        var error = LockTimeoutException.For("slurm:s", TimeSpan.FromSeconds(2.5), Holder);

        Assert.Equal("lock 'slurm:s' not acquired after 2.5 s: held by pid 42 on node7 since 2026-01-02T03:04:05Z (claim trial)", error.Message);
        Assert.Equal("slurm:s", error.Name);
        Assert.Equal(TimeSpan.FromSeconds(2.5), error.Waited);
        Assert.Same(Holder, error.Holder);
        Assert.False(error.HeldByThisProcess);
        Assert.Equal(4, error.ExitCode);
        Assert.IsAssignableFrom<SearchException>(error);
    }

    [Theory]
    [InlineData(false, false, "held by a process that left no record (the Python tool writes none)")]
    [InlineData(false, true, "held by another thread of this process")]
    [InlineData(true, true, "held by another thread of this process (pid 42 on node7 since 2026-01-02T03:04:05Z (claim trial))")]
    public void For_HolderKinds_DescribeTheHolder(bool known, bool here, string expected) =>
        Assert.EndsWith(expected, LockTimeoutException.For("x", TimeSpan.Zero, known ? Holder : null, here).Message, StringComparison.Ordinal);

    [Fact]
    public void For_ReleasedRecord_SaysTheHolderLeftNoRecord() =>
        Assert.EndsWith(
            "held by a process that left no record (last recorded holder: pid 42 on node7, 2026-01-02T03:04:05Z to 2026-01-02T03:04:06Z (claim trial))",
            LockTimeoutException.For("x", TimeSpan.FromMilliseconds(10), Holder with { Released = Holder.Acquired.AddSeconds(1) }).Message,
            StringComparison.Ordinal);

    [Fact]
    public void For_ControlCharactersInName_AreEscaped() =>
        Assert.StartsWith("lock 'a\\u000ab' not acquired after 0 s", LockTimeoutException.For("a\nb", TimeSpan.Zero, null).Message, StringComparison.Ordinal);
}
