using SlurmSearch.Store;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Store.Tests.Store;

public sealed class StoreConformanceTests : IDisposable
{
    private static readonly StateKey Key = StateKey.Of("slurm", "conformance");
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Create_ThenRead_ReturnsEqualStateInAnotherInstance(string backend)
    {
        var initial = Some.SessionState(trials: 3);
        using (var store = StoreBackends.Open(backend, _home.Path))
        {
            store.Create(Key, initial);
        }

        using var other = StoreBackends.Open(backend, _home.Path);
        Assert.True(other.Exists(Key));
        Assert.Equal(initial, other.Read(Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Create_ExistingKey_ThrowsAndKeepsState(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(Key, Some.SessionState(trials: 1));
        var error = Assert.Throws<StateExistsException>(() => store.Create(Key, new PyDict()));
        Assert.Contains("slurm:conformance", error.Message, StringComparison.Ordinal);
        Assert.Equal(Some.SessionState(trials: 1), store.Read(Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Read_MissingKey_ThrowsNotFound(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        var error = Assert.Throws<StateNotFoundException>(() => store.Read(StateKey.Of("slurm", "nope")));
        Assert.Equal(2, error.ExitCode);
        Assert.False(store.Exists(StateKey.Of("slurm", "nope")));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Transact_Operations_AreSeenByAnotherInstanceWithItsOwnCache(string backend)
    {
        using var first = StoreBackends.Open(backend, _home.Path);
        using var second = StoreBackends.Open(backend, _home.Path);
        first.Create(Key, Some.SessionState(trials: 2));
        Assert.Equal(2, Trials(second.Read(Key)).Count); // second caches the state now

        first.Transact(Key, tx =>
        {
            tx.Append(["trials"], Some.Trial(2, 0.25));
            tx.Set(["status"], "complete");
            tx.Delete(["start_time"]);
        });
        second.Transact(Key, tx => tx.Set(["trials", 0, "result", "loss"], 9.5));

        var expected = Some.SessionState(trials: 2);
        Trials(expected).Add(Some.Trial(2, 0.25));
        ((PyDict)expected)["status"] = "complete";
        ((PyDict)expected).Remove("start_time");
        ((PyDict)((PyDict)Trials(expected)[0])["result"])["loss"] = 9.5;
        Assert.Equal(expected, first.Read(Key));
        Assert.Equal(expected, second.Read(Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Transact_BodyThrowsAfterChanges_LeavesStateUntouched(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(Key, Some.SessionState(trials: 2));
        Assert.Throws<InvalidOperationException>(() => store.Transact(Key, tx =>
        {
            tx.Set(["status"], "broken");
            tx.Append(["trials"], Some.Trial(7, 1));
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(Some.SessionState(trials: 2), store.Read(Key));
        using var fresh = StoreBackends.Open(backend, _home.Path);
        Assert.Equal(Some.SessionState(trials: 2), fresh.Read(Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Update_Function_ReplacesState(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(Key, Some.SessionState(trials: 1));
        store.Update(Key, state =>
        {
            ((PyDict)state)["status"] = "disabled";
            return state;
        });
        Assert.Equal("disabled", ((PyStr)((PyDict)store.Read(Key))["status"]).Value);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Read_ReturnsCopy_ChangingItChangesNothingStored(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(Key, Some.SessionState(trials: 1));
        var copy = (PyDict)store.Read(Key);
        copy["status"] = "tampered";
        Assert.Equal("active", ((PyStr)((PyDict)store.Read(Key))["status"]).Value);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void List_AndDelete_FollowCreatedKeys(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(StateKey.Of("slurm", "b"), new PyDict());
        store.Create(StateKey.Of("slurm", "a"), new PyDict());
        store.Create(StateKey.Of("exp", "x"), new PyDict());
        Assert.Equal(["exp:x", "slurm:a", "slurm:b"], store.List().Select(k => k.ToString()));
        Assert.Equal(["slurm:a", "slurm:b"], store.List("slurm").Select(k => k.ToString()));

        Assert.True(store.Delete(StateKey.Of("slurm", "a")));
        Assert.False(store.Delete(StateKey.Of("slurm", "a")));
        Assert.Equal(["exp:x", "slurm:b"], store.List().Select(k => k.ToString()));
        Assert.Throws<StateNotFoundException>(() => store.Read(StateKey.Of("slurm", "a")));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Transact_NestedOnSameKey_IsAClearError(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(Key, new PyDict());
        var error = Assert.Throws<InvalidOperationException>(() => store.Transact(Key, _ => store.Read(Key)));
        Assert.Contains("slurm:conformance", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Transact_ManyCommitsAcrossCompactions_EveryInstanceAgrees(string backend)
    {
        using var first = StoreBackends.Open(backend, _home.Path);
        using var second = StoreBackends.Open(backend, _home.Path);
        first.Create(Key, Some.SessionState(trials: 0));
        var big = new string('x', 2000); // ~2 KB per record: crosses the compaction threshold many times
        for (var i = 0; i < 600; i++)
        {
            var writer = i % 3 == 0 ? second : first;
            writer.Transact(Key, tx => tx.Append(["trials"], Some.Trial(i, i, note: big)));
        }

        var trials = Trials(second.Read(Key));
        Assert.Equal(600, trials.Count);
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (PyValue)i), trials.Items.Select(t => ((PyDict)t)["tid"]));
        using var fresh = StoreBackends.Open(backend, _home.Path);
        Assert.Equal(first.Read(Key), fresh.Read(Key));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Names), MemberType = typeof(StoreBackends))]
    public void Export_WritesOnePlainPickleThatPythonLoads(string backend)
    {
        using var store = StoreBackends.Open(backend, _home.Path);
        store.Create(Key, Some.SessionState(trials: 2));
        store.Transact(Key, tx => tx.Set(["status"], "complete"));
        var file = _home.Combine("export.pickle");
        store.Export(Key, file);

        var output = Python.Check("""
            import pickle, sys
            with open(sys.argv[1], 'rb') as f:
                state = pickle.load(f)
                assert f.read() == b'', 'trailing bytes'
            print(state['status'], len(state['trials']), type(state['trials'][1]['misc']['cmd']).__name__, state['start_time'].microsecond)
            """, [file]);
        Assert.Equal("complete 2 tuple 123456", output.Trim());
    }

    private static PyList Trials(PyValue state) => (PyList)((PyDict)state)["trials"];
}
