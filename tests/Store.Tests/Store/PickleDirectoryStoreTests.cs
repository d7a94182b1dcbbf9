using System.Globalization;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Store.Tests.Store;

public sealed class PickleDirectoryStoreTests : IDisposable
{
    private static readonly StateKey Key = StateKey.Of("slurm", "files");
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private string Snapshot => _home.Combine("slurm", "files", PickleDirectoryStore.SnapshotFileName);

    private string Journal => _home.Combine("slurm", "files", PickleDirectoryStore.JournalFileName);

    [Fact]
    public void Create_WritesOriginalLayout_ThatABarePickleLoadReads()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        store.Create(Key, Some.SessionState(trials: 2));

        var output = Python.Check("""
            import pickle, sys
            state = pickle.load(open(sys.argv[1], 'rb'))
            print(sorted(state), state['trials'][1]['result']['loss'])
            """, [Snapshot]);
        Assert.Equal("['algo', 'max_evals', 'objective', 'space', 'start_time', 'status', 'trials'] 0.5", output.Trim());
    }

    [Fact]
    public void DocumentedPythonReader_ReplaysJournal_ToTheSameStateAsOurs()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        store.Create(Key, Some.SessionState(trials: 3));
        for (var i = 3; i < 40; i++)
        {
            store.Transact(Key, tx =>
            {
                tx.Append(["trials"], Some.Trial(i, i));
                tx.Set(["trials", i - 1, "result", "status"], "fail");
                if (i == 20)
                {
                    tx.Delete(["trials", 0]);
                }
            });
        }

        Assert.True(new FileInfo(Journal).Length > 100, "the journal holds the transactions");
        var reader = File.ReadAllText(Repository.PathOf("docs", "read_state.py"));
        var pickled = PythonBytes(reader + """

            import sys
            state = read_state(sys.argv[1], 'slurm:files')
            sys.stdout.buffer.write(pickle.dumps(state, protocol=4))
            """, _home.Path);
        Assert.Equal(store.Read(Key), SlurmSearch.Store.Pickle.PickleReader.Read(pickled));
    }

    /// <summary>(generation, journal offset or -1 when the trailer has none) of the snapshot, and the journal header's generation, read by Python.</summary>
    private (long Generation, long Offset, long JournalGeneration) Files()
    {
        var output = Python.Check("""
            import pickle, sys
            f = open(sys.argv[1], 'rb'); pickle.load(f); t = pickle.load(f)
            print(t[2], t[3] if len(t) > 3 else -1, pickle.load(open(sys.argv[2], 'rb'))[2])
            """, [Snapshot, Journal]).Trim().Split(' ');
        return (long.Parse(output[0], CultureInfo.InvariantCulture), long.Parse(output[1], CultureInfo.InvariantCulture), long.Parse(output[2], CultureInfo.InvariantCulture));
    }

    private static void AppendTrial(StateStore store, int tid, string note) => store.Transact(Key, tx => tx.Append(["trials"], Some.Trial(tid, tid, note)));

    [Fact]
    public void Compaction_KeepsTheJournal_AndTheDocumentedPythonReaderSeeksPastWhatTheSnapshotHolds()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        store.Create(Key, Some.SessionState(trials: 0));
        var created = Files();
        var big = new string('x', 3000);
        var tid = 0;
        while (Files() is var now && now.Offset == created.Offset)
        {
            AppendTrial(store, tid++, big);
            Assert.True(tid < 200, "the snapshot was never compacted in place");
        }

        // Compacted in place: same generation, a snapshot that covers the journal up to its end, the journal kept whole.
        var compacted = Files();
        Assert.Equal((created.Generation, created.Generation), (compacted.Generation, compacted.JournalGeneration));
        Assert.Equal(new FileInfo(Journal).Length, compacted.Offset);
        AppendTrial(store, tid++, "after the compaction");
        AppendTrial(store, tid++, "and another");

        var reader = File.ReadAllText(Repository.PathOf("docs", "read_state.py"));
        var pickled = PythonBytes(reader + """

            import sys
            state = read_state(sys.argv[1], 'slurm:files')
            sys.stdout.buffer.write(pickle.dumps(state, protocol=4))
            """, _home.Path);
        Assert.Equal(store.Read(Key), SlurmSearch.Store.Pickle.PickleReader.Read(pickled));
        Assert.Equal(tid, ((PyList)((PyDict)store.Read(Key))["trials"]).Count);
    }

    [Fact]
    public void AnotherProcessCompacts_AHolderGoesOnFromTheJournal_WithoutRereadingTheSnapshot()
    {
        using var holder = new PickleDirectoryStore(_home.Path);
        using var writer = new PickleDirectoryStore(_home.Path);
        holder.Create(Key, Some.SessionState(trials: 0));
        AppendTrial(holder, 0, "held");
        var created = Files();
        var tid = 1;
        while (Files() is var now && now.Offset == created.Offset)
        {
            AppendTrial(writer, tid++, new string('y', 3000));
            Assert.True(tid < 200, "the snapshot was never compacted in place");
        }

        // Spoil the state part of the new snapshot, keeping its trailer: rereading it would now fail loudly.
        var bytes = File.ReadAllBytes(Snapshot);
        Array.Fill(bytes, (byte)0xFF, 0, 64);
        File.WriteAllBytes(Snapshot, bytes);

        var trials = (PyList)((PyDict)holder.Read(Key))["trials"];
        Assert.Equal(Enumerable.Range(0, tid).Select(i => (PyValue)i), trials.Items.Select(t => ((PyDict)t)["tid"]));
        using var fresh = new PickleDirectoryStore(_home.Path);
        Assert.Throws<StoreCorruptException>(() => fresh.Read(Key)); // proof that the holder did not read it
    }

    [Fact]
    public void OriginalToolRewritesTheSnapshot_AHolderReadsItsState_NotTheJournal()
    {
        using var holder = new PickleDirectoryStore(_home.Path);
        holder.Create(Key, Some.SessionState(trials: 1));
        holder.Transact(Key, tx => tx.Set(["status"], "ours"));
        Assert.Equal("ours", ((PyStr)((PyDict)holder.Read(Key))["status"]).Value);

        // The original Python tool saves its whole state with a bare pickle.dump (no trailer) under the same lock.
        Python.Check("""
            import pickle, sys
            state = pickle.load(open(sys.argv[1], 'rb'))
            state['status'] = 'theirs'
            pickle.dump(state, open(sys.argv[1], 'wb'))
            """, [Snapshot]);

        Assert.Equal("theirs", ((PyStr)((PyDict)holder.Read(Key))["status"]).Value);
        holder.Transact(Key, tx => tx.Set(["max_evals"], 7));
        using var fresh = new PickleDirectoryStore(_home.Path);
        var state = (PyDict)fresh.Read(Key);
        Assert.Equal(("theirs", (PyValue)7), (((PyStr)state["status"]).Value, state["max_evals"]));
    }

    [Fact]
    public void JournalThreeTimesTheSnapshot_IsRestartedUnderANewGeneration_AndEveryInstanceAgrees()
    {
        using var first = new PickleDirectoryStore(_home.Path);
        using var second = new PickleDirectoryStore(_home.Path);
        first.Create(Key, Some.SessionState(trials: 0));
        var created = Files();

        // Records that replace one field: the journal grows, the state does not, so it is rotated rather than compacted.
        var i = 0;
        while (Files().JournalGeneration == created.JournalGeneration)
        {
            var text = new string('z', 2000) + i;
            (i % 2 == 0 ? first : second).Transact(Key, tx => tx.Set(["status"], text));
            i++;
            Assert.True(i < 500, "the journal was never restarted");
        }

        var rotated = Files();
        Assert.NotEqual(created.Generation, rotated.Generation);
        Assert.Equal(rotated.Generation, rotated.JournalGeneration);
        Assert.True(new FileInfo(Journal).Length < 100, "a rotated journal holds only its header");
        Assert.Equal(first.Read(Key), second.Read(Key));
        Assert.EndsWith((i - 1).ToString(CultureInfo.InvariantCulture), ((PyStr)((PyDict)second.Read(Key))["status"]).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void OriginalSnapshotWithoutTrailer_LoadsAndFirstCommitRewritesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Snapshot)!);
        Python.Check("""
            import pickle, sys, datetime
            state = {'trials': [{'tid': 0, 'result': {'status': 'ok', 'loss': 0.5}}], 'status': 'active', 'start_time': datetime.datetime(2020, 1, 2, 3, 4, 5, 6)}
            pickle.dump(state, open(sys.argv[1], 'wb'))
            """, [Snapshot]);

        using var store = new PickleDirectoryStore(_home.Path);
        store.Transact(Key, tx => tx.Set(["status"], "complete"));

        using var fresh = new PickleDirectoryStore(_home.Path);
        var state = (PyDict)fresh.Read(Key);
        Assert.Equal("complete", ((PyStr)state["status"]).Value);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(60), ((PyDateTime)state["start_time"]).Value);
    }

    [Fact]
    public void TornJournalTail_IsIgnoredByReaders_AndCutOffByTheNextWriter()
    {
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            store.Create(Key, Some.SessionState(trials: 1));
            store.Transact(Key, tx => tx.Set(["status"], "one"));
            store.Transact(Key, tx => tx.Set(["status"], "two"));
        }

        // A crash mid-append: the last record loses its final bytes.
        var bytes = File.ReadAllBytes(Journal);
        File.WriteAllBytes(Journal, bytes[..^5]);

        using var reader = new PickleDirectoryStore(_home.Path);
        Assert.Equal("one", ((PyStr)((PyDict)reader.Read(Key))["status"]).Value);
        reader.Transact(Key, tx => tx.Set(["status"], "three"));
        using var fresh = new PickleDirectoryStore(_home.Path);
        Assert.Equal("three", ((PyStr)((PyDict)fresh.Read(Key))["status"]).Value);
    }

    [Fact]
    public void TruncatedSnapshot_ReportsPathAndOffset_AndIsNeverOverwritten()
    {
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            store.Create(Key, Some.SessionState(trials: 5));
        }

        var original = File.ReadAllBytes(Snapshot);
        File.WriteAllBytes(Snapshot, original[..(original.Length / 2)]);
        var damaged = File.ReadAllBytes(Snapshot);

        using var fresh = new PickleDirectoryStore(_home.Path);
        var error = Assert.Throws<StoreCorruptException>(() => fresh.Read(Key));
        Assert.Equal(Snapshot, error.Path);
        Assert.InRange(error.Offset, 0, damaged.Length);
        Assert.Contains(Snapshot, error.Message, StringComparison.Ordinal);
        Assert.Throws<StoreCorruptException>(() => fresh.Transact(Key, tx => tx.Set(["status"], "x")));
        Assert.Equal(damaged, File.ReadAllBytes(Snapshot));
    }

    [Fact]
    public void BitFlippedFiles_NeverLoadGarbageSilently_AndAreNeverRewritten()
    {
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            store.Create(Key, Some.SessionState(trials: 4));
        }

        var original = File.ReadAllBytes(Snapshot);
        var random = new Random(7);
        for (var round = 0; round < 60; round++)
        {
            var flipped = (byte[])original.Clone();
            var at = random.Next(flipped.Length);
            flipped[at] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(Snapshot, flipped);
            using var fresh = new PickleDirectoryStore(_home.Path);
            try
            {
                fresh.Transact(Key, tx => tx.Set(["probe"], round));
                // A flip inside a string or number payload is still a well-formed pickle: then the commit is legitimate.
            }
            catch (StoreCorruptException e)
            {
                Assert.Equal(Snapshot, e.Path);
                Assert.Equal(flipped, File.ReadAllBytes(Snapshot));
            }
            catch (InvalidOperationException)
            {
                // A flip that changed the shape (e.g. the root is no longer a dict) is refused by the operation.
                Assert.Equal(flipped, File.ReadAllBytes(Snapshot));
            }
        }
    }

    [Fact]
    public void NewerFormatVersion_IsRefusedClearly()
    {
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            store.Create(Key, new PyDict());
        }

        Python.Check("""
            import pickle, sys
            path = sys.argv[1]
            state = pickle.load(open(path, 'rb'))
            with open(path, 'wb') as f:
                pickle.dump(state, f); pickle.dump(('ssearch-snapshot', 99, 12345), f)
            """, [Snapshot]);
        using var fresh = new PickleDirectoryStore(_home.Path);
        var error = Assert.Throws<StoreFormatException>(() => fresh.Read(Key));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    private static byte[] PythonBytes(string script, params string[] args)
    {
        var result = Python.RunBytes(script, args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }
}
