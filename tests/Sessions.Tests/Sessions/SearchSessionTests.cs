using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sessions;

public sealed class SearchSessionTests : IDisposable
{
    private static readonly StateKey Key = StateKey.Of("slurm", "unit");
    private readonly TempDirectory _home = new();
    private readonly FakeClock _clock = new();
    private readonly PickleDirectoryStore _store;

    public SearchSessionTests() => _store = new PickleDirectoryStore(_home.Path);

    public void Dispose()
    {
        _store.Dispose();
        _home.Dispose();
    }

    private SearchSession Create(string algo = "rand", int maxEvals = 5, string space = "{x: uniform(-2, 2), y: uniform(-2, 2)}", int? maxFailures = null, double leaseSeconds = 60) =>
        SearchSession.Create(_store, Key, new SessionOptions
        {
            Space = StructuredSpace.Parse(space),
            Algo = algo,
            MaxEvals = maxEvals,
            Seed = 3,
            MaxFailures = maxFailures,
            Lease = TimeSpan.FromSeconds(leaseSeconds),
        }, _clock);

    [Fact]
    public void Create_WritesTheOriginalFieldsInOrder_AndPythonLoadsThem()
    {
        Create();
        var state = (PyDict)_store.Read(Key);
        Assert.Equal(
            ["space", "interruptable", "objective", "algo", "strategy", "max_evals", "trials", "status", "start_time", "resumable_tids", "ssearch"],
            state.Keys.Select(k => ((PyStr)k).Value));
        Assert.Equal("active", ((PyStr)state["status"]).Value);
        var output = Python.Check("import pickle,sys; s=pickle.load(open(sys.argv[1],'rb')); print(s['algo'], s['strategy'], s['max_evals'], s['status'])",
            [Path.Combine(_store.DirectoryOf(Key), "session_state.pickle")]);
        Assert.Equal("rand randomize 5 active", output.Trim());
    }

    [Fact]
    public void NextTrialThenRecord_UntilMaxEvals_CompletesWithEveryTrialOnce()
    {
        var session = Create(maxEvals: 4);
        var tids = new List<long>();
        while (session.NextTrial("w1") is { Status: ClaimStatus.Claimed, Claim: { } claim })
        {
            var parameters = (IDictionary<string, object?>)claim.Parameters!;
            Assert.InRange((double)parameters["x"]!, -2, 2);
            session.Record(claim.Tid, "w1", TrialResult.Ok((double)parameters["x"]! * (double)parameters["x"]!));
            tids.Add(claim.Tid);
        }

        Assert.Equal([0L, 1, 2, 3], tids);
        var view = session.View();
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(4, view.Completed);
        Assert.Equal(ClaimStatus.Complete, session.NextTrial("w2").Status);
        Assert.Equal(view.Trials.Min(t => t.Loss), view.Best!.Loss);
    }

    [Fact]
    public void Record_ByAnotherWorker_IsRejected_AndTheOwnerStillRecords()
    {
        var session = Create();
        var claim = session.NextTrial("owner").Claim!;
        var error = Assert.Throws<ClaimLostException>(() => session.Record(claim.Tid, "intruder", TrialResult.Ok(1)));
        Assert.Contains("owner", error.Message, StringComparison.Ordinal);
        session.Record(claim.Tid, "owner", TrialResult.Ok(1));
        Assert.Throws<ClaimLostException>(() => session.Record(claim.Tid, "owner", TrialResult.Ok(2)));
        Assert.Equal(1, session.View().Trials.Single().Loss);
    }

    [Fact]
    public void RecordAndClaimNext_OneCommit_RecordsTheTrialAndClaimsAnother()
    {
        var session = Create(maxEvals: 2);
        var first = session.NextTrial("w").Claim!;
        var journal = Path.Combine(_store.DirectoryOf(Key), "session_state.journal");
        var before = new FileInfo(journal).Length;

        var next = session.RecordAndClaimNext(first.Tid, "w", TrialResult.Ok(0.25), TimeSpan.FromSeconds(2));
        var afterOne = new FileInfo(journal).Length;
        var last = session.RecordAndClaimNext(next.Claim!.Tid, "w", TrialResult.Ok(0.5));

        Assert.Equal(ClaimStatus.Claimed, next.Status);
        Assert.NotEqual(first.Tid, next.Claim.Tid);
        Assert.Equal(ClaimStatus.Complete, last.Status);
        var view = session.View();
        Assert.Equal([0.25, 0.5], view.Trials.OrderBy(t => t.Tid).Select(t => t.Loss));
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(2.0, view.Trials.Single(t => t.Tid == first.Tid).Duration);
        // One transaction: a single journal record for the record and the claim together.
        var records = Python.Check(
            "import pickle,sys\nf=open(sys.argv[1],'rb'); f.seek(int(sys.argv[2])); n=0\nwhile f.tell() < int(sys.argv[3]): pickle.load(f); n+=1\nprint(n)",
            [journal, before.ToString(System.Globalization.CultureInfo.InvariantCulture), afterOne.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal("1", records.Trim());
    }

    [Fact]
    public void RecordAndClaimNext_LostClaim_RecordsAndClaimsNothing()
    {
        var session = Create(leaseSeconds: 10);
        var first = session.NextTrial("dead").Claim!;
        _clock.Advance(TimeSpan.FromSeconds(11));
        var taken = session.NextTrial("alive").Claim!;
        var before = _store.Read(Key);

        Assert.Throws<ClaimLostException>(() => session.RecordAndClaimNext(first.Tid, "dead", TrialResult.Ok(0)));

        Assert.True(PyEquality.Equal(before, _store.Read(Key)), "a rejected record changed the state");
        Assert.Equal("alive", session.View().Trials.Single(t => t.Tid == taken.Tid).Worker);
    }

    [Fact]
    public void ExpiredLease_MakesTrialResumable_ForTheNextWorker_AndTheOldClaimIsRejected()
    {
        var session = Create(leaseSeconds: 10);
        var first = session.NextTrial("dead").Claim!;
        _clock.Advance(TimeSpan.FromSeconds(11));
        var second = session.NextTrial("alive").Claim!;
        Assert.Equal(first.Tid, second.Tid);
        Assert.True(second.Resumed);
        Assert.Equal(first.Values, second.Values);
        Assert.False(session.Renew(first.Tid, "dead"));
        Assert.Throws<ClaimLostException>(() => session.Record(first.Tid, "dead", TrialResult.Ok(0)));
        session.Record(second.Tid, "alive", TrialResult.Ok(0.5));
        Assert.Equal("alive", session.View().Trials.Single().Worker);
    }

    [Fact]
    public void Renew_KeepsTheClaimPastTheOriginalLease()
    {
        var session = Create(leaseSeconds: 10);
        var claim = session.NextTrial("w").Claim!;
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.True(session.Renew(claim.Tid, "w"));
        _clock.Advance(TimeSpan.FromSeconds(8));
        var other = session.NextTrial("other").Claim!;
        Assert.NotEqual(claim.Tid, other.Tid);
    }

    [Fact]
    public void AllClaimedButUnfinished_OthersWaitUntilTheEarliestLeaseEnds()
    {
        var session = Create(maxEvals: 1, leaseSeconds: 30);
        session.NextTrial("a");
        var outcome = session.NextTrial("b");
        Assert.Equal(ClaimStatus.Wait, outcome.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.RetryAfter);
    }

    [Fact]
    public void HandBack_MakesTheSameTrialTheNextClaim()
    {
        var session = Create();
        var claim = session.NextTrial("a").Claim!;
        Assert.True(session.HandBack(claim.Tid, "a"));
        Assert.Equal(TrialStatus.Resumable, session.View().Trials.Single().Status);
        var again = session.NextTrial("b").Claim!;
        Assert.Equal((claim.Tid, true), (again.Tid, again.Resumed));
    }

    [Fact]
    public void ResetActive_ResumesEveryUnfinishedTrial()
    {
        var session = Create(maxEvals: 5);
        var a = session.NextTrial("a").Claim!;
        var b = session.NextTrial("b").Claim!;
        session.Record(a.Tid, "a", TrialResult.Ok(1));
        session.NextTrial("c");
        Assert.Equal(2, session.ResetActive());
        var statuses = session.View().Trials.Select(t => t.Status).ToList();
        Assert.Equal([TrialStatus.Ok, TrialStatus.Resumable, TrialStatus.Resumable], statuses);
        Assert.Equal(b.Tid, session.NextTrial("d").Claim!.Tid);
    }

    [Fact]
    public void DeleteActive_RemovesUnfinishedTrials()
    {
        var session = Create();
        var a = session.NextTrial("a").Claim!;
        session.NextTrial("b");
        session.Record(a.Tid, "a", TrialResult.Ok(1));
        Assert.Equal(1, session.DeleteActive());
        Assert.Single(session.View().Trials);
    }

    [Fact]
    public void DeleteTrial_OutOfRange_IsAClearError()
    {
        var session = Create();
        session.NextTrial("a");
        var error = Assert.Throws<SessionException>(() => session.DeleteTrial(5));
        Assert.Contains("no trial at index 5", error.Message, StringComparison.Ordinal);
        session.DeleteTrial(0);
        Assert.Empty(session.View().Trials);
    }

    [Fact]
    public void MaxFailures_DisablesASessionThatOnlyFails()
    {
        var session = Create(maxEvals: 10, maxFailures: 3);
        for (var i = 0; i < 3; i++)
        {
            var claim = session.NextTrial("w").Claim!;
            session.Record(claim.Tid, "w", TrialResult.Fail("exit code 1", 1));
        }

        var view = session.View();
        Assert.Equal(SessionStatus.Disabled, view.Status);
        Assert.Contains("3 failures in a row", view.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(ClaimStatus.Disabled, session.NextTrial("w").Status);
    }

    [Fact]
    public void Suggestions_AreReproducible_ForTheSameSeedAndHistory()
    {
        var first = Create(algo: "tpe", maxEvals: 30);
        var firstValues = Drive(first, 25);
        _store.Delete(Key);
        var second = Create(algo: "tpe", maxEvals: 30);
        var secondValues = Drive(second, 25);
        Assert.Equal(firstValues, secondValues);
    }

    [Fact]
    public void Grid_CompletesAfterEveryCombination_WithNoDuplicates()
    {
        var session = Create(algo: "grid", maxEvals: 0, space: "{a: choice(1, 2, 3), b: quniform(0, 1, 0.5)}");
        Assert.Equal(9, session.View().MaxEvals);
        var seen = new HashSet<string>();
        while (session.NextTrial("w") is { Status: ClaimStatus.Claimed, Claim: { } claim })
        {
            Assert.True(seen.Add(string.Join(",", claim.Values.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))));
            session.Record(claim.Tid, "w", TrialResult.Ok(0));
        }

        Assert.Equal(9, seen.Count);
        Assert.Equal(SessionStatus.Complete, session.View().Status);
    }

    [Fact]
    public void NewerFormat_IsRefusedClearly()
    {
        Create();
        _store.Transact(Key, tx => tx.Set(["ssearch", "format"], 99));
        var error = Assert.Throws<SessionException>(() => new SearchSession(_store, Key).NextTrial("w"));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.ExitCode);
    }

    private static List<string> Drive(SearchSession session, int count)
    {
        var values = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var claim = session.NextTrial("w").Claim!;
            var x = claim.Values["x"];
            var y = claim.Values["y"];
            session.Record(claim.Tid, "w", TrialResult.Ok(((x - 0.5) * (x - 0.5)) + (y * y)));
            values.Add($"{x:R},{y:R}");
        }

        return values;
    }
}
