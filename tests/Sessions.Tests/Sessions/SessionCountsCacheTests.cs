using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sessions;

public sealed class SessionCountsCacheTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly PickleDirectoryStore _store;

    public SessionCountsCacheTests() => _store = new PickleDirectoryStore(_home.Path);

    private string CachePath => _home.Combine(".cache", "counts.json");

    public void Dispose()
    {
        _store.Dispose();
        _home.Dispose();
    }

    private SearchSession Create(string name, int maxEvals = 10) =>
        SearchSession.Create(_store, StateKey.Of("slurm", name), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = maxEvals });

    private static void Finish(SearchSession session, int trials)
    {
        for (var i = 0; i < trials; i++)
        {
            var claim = session.NextTrial("w").Claim!;
            session.Record(claim.Tid, "w", TrialResult.Ok(0.5));
        }
    }

    private SessionCounts ReadFresh(StateKey key, out int misses)
    {
        var cache = SessionCountsCache.Load(CachePath);
        var counts = cache.Read(_store, key);
        cache.Save(prune: false);
        misses = cache.Misses;
        return counts;
    }

    [Fact]
    public void Read_UnchangedSession_ComesFromTheCacheWithTheSameCounts()
    {
        var session = Create("a");
        Finish(session, 3);
        session.NextTrial("running");

        var first = ReadFresh(session.Key, out var firstMisses);
        var second = ReadFresh(session.Key, out var secondMisses);

        Assert.Equal((1, 0), (firstMisses, secondMisses));
        Assert.Equal(SessionCounts.Read(_store, session.Key) with { SlurmJobs = [] }, second with { SlurmJobs = [] });
        Assert.Equal((3, 1, 10L), (second.Completed, second.Running, second.MaxEvals));
        Assert.Equal(first with { SlurmJobs = [] }, second with { SlurmJobs = [] });
    }

    [Fact]
    public void Read_AfterEveryKindOfCommit_SeesTheNewCounts()
    {
        // Appends, a compaction (many commits), a status change and a delete-and-recreate must all be noticed.
        var session = Create("b", maxEvals: 400);
        ReadFresh(session.Key, out _);
        foreach (var trials in new[] { 1, 1, 150 })
        {
            Finish(session, trials);
            var expected = SessionCounts.Read(_store, session.Key);

            var counts = ReadFresh(session.Key, out var misses);

            Assert.Equal(1, misses);
            Assert.Equal(expected.Completed, counts.Completed);
        }

        session.SetStatus(SessionStatus.Disabled);
        Assert.Equal(SessionStatus.Disabled, ReadFresh(session.Key, out _).Status);

        _store.Delete(session.Key);
        var recreated = Create("b", maxEvals: 7);
        Assert.Equal((0, 7L), (ReadFresh(recreated.Key, out var after).Completed, ReadFresh(recreated.Key, out _).MaxEvals));
        Assert.Equal(1, after);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"Version\": 99, \"Entries\": {}}")]
    [InlineData("")]
    public void Load_UnreadableOrForeignFile_IsAnEmptyCacheThatIsRewritten(string content)
    {
        var session = Create("c");
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllText(CachePath, content);

        Assert.Equal(10L, ReadFresh(session.Key, out var misses).MaxEvals);
        Assert.Equal(1, misses);
        ReadFresh(session.Key, out var missesAfterRewrite);
        Assert.Equal(0, missesAfterRewrite);
    }

    [Fact]
    public void Save_WithPrune_DropsSessionsNotReadSinceLoading()
    {
        var a = Create("a");
        var b = Create("b");
        var cache = SessionCountsCache.Load(CachePath);
        cache.Read(_store, a.Key);
        cache.Read(_store, b.Key);
        cache.Save(prune: true);

        var next = SessionCountsCache.Load(CachePath);
        next.Read(_store, a.Key);
        next.Save(prune: true);

        var last = SessionCountsCache.Load(CachePath);
        last.Read(_store, a.Key);
        last.Read(_store, b.Key);
        Assert.Equal(1, last.Misses); // b was pruned, a was kept
    }
}
