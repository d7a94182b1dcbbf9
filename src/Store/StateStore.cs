using System.Collections.Concurrent;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>
/// The transactional, string-keyed state store. Every backend keeps a snapshot plus an append-only journal of
/// committed transactions, and every process keeps the current state of the keys it touched in memory, reading only
/// the journal records other processes appended since — so a commit costs the same at 100 trials as at 100 000.
/// Extension point: backends implement the <c>…Core</c> members.
/// </summary>
public abstract class StateStore : IDisposable
{
    private readonly ConcurrentDictionary<StateKey, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<StateKey, CachedState> _cache = new();
    private readonly ThreadLocal<HashSet<StateKey>> _heldByThread = new(() => []);
    private bool _disposed;

    /// <summary>Creates a store rooted at <paramref name="root"/> (created if missing).</summary>
    protected StateStore(string root, PickleReaderOptions? readerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ReaderOptions = readerOptions ?? PickleReaderOptions.Default;
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>How stored pickles are read (strict mode refuses foreign globals).</summary>
    public PickleReaderOptions ReaderOptions { get; }

    /// <summary>The data home: states, logs and locks live below it.</summary>
    public string Root { get; }

    /// <summary>A short name of the backend (<c>pickle</c>, <c>sqlite</c>).</summary>
    public abstract string BackendName { get; }

    /// <summary>The directory of a key: its logs (and, for the pickle backend, its state files).</summary>
    public string DirectoryOf(StateKey key) => Path.Combine(Root, key.Type, key.Name);

    /// <summary>Creates a state; throws <see cref="StateExistsException"/> when the key exists.</summary>
    public void Create(StateKey key, PyValue initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        using var held = Enter(key);
        var record = CreateCore(key, initial);
        _cache[key] = record;
    }

    /// <summary>True when a state is stored under the key.</summary>
    public bool Exists(StateKey key) => ExistsCore(key);

    /// <summary>
    /// A cheap token that changes whenever the key's committed state changes (from file metadata, without reading or
    /// locking), or null when the backend cannot tell without reading. Summaries computed under the key's lock (e.g.
    /// inside <see cref="Inspect{T}"/>) may be cached against it.
    /// </summary>
    public virtual string? ChangeStamp(StateKey key) => null;

    /// <summary>The current state (a private deep copy: changing it changes nothing stored).</summary>
    public PyValue Read(StateKey key)
    {
        using var held = Enter(key);
        return PyClone.Deep(Refresh(key).State);
    }

    /// <summary>Runs <paramref name="read"/> on the current state without copying it (it must not change it): cheap summaries.</summary>
    public T Inspect<T>(StateKey key, Func<PyValue, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var held = Enter(key);
        return read(Refresh(key).State);
    }

    /// <summary>Runs <paramref name="body"/> under the key's lock on the current state and commits its changes atomically.</summary>
    /// <returns>What the body returned.</returns>
    public T Transact<T>(StateKey key, Func<StateTransaction, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var held = Enter(key);
        var current = Refresh(key);
        var transaction = new StateTransaction(key, current.State);
        T result;
        try
        {
            result = body(transaction);
        }
        catch
        {
            // The body may have applied some operations to the live copy before failing: forget it, so the next
            // access reloads what is on disk, which this transaction never touched.
            _cache.TryRemove(key, out _);
            throw;
        }

        if (!transaction.IsEmpty)
        {
            try
            {
                _cache[key] = CommitCore(key, current, transaction.State, transaction.Operations);
            }
            catch
            {
                _cache.TryRemove(key, out _);
                throw;
            }
        }

        return result;
    }

    /// <summary>Runs <paramref name="body"/> as a transaction (see <see cref="Transact{T}"/>).</summary>
    public void Transact(StateKey key, Action<StateTransaction> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Transact<bool>(key, tx =>
        {
            body(tx);
            return true;
        });
    }

    /// <summary>Replaces the state by <c>update(copy of state)</c> in one transaction (journals the whole value).</summary>
    public void Update(StateKey key, Func<PyValue, PyValue> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Transact(key, tx => tx.Replace(update(PyClone.Deep(tx.State))));
    }

    /// <summary>The keys stored, all or of one type, sorted.</summary>
    public IReadOnlyList<StateKey> List(string? type = null)
    {
        if (type is not null && StateKey.Problem(type, "type") is { } problem)
        {
            throw InvalidStateKeyException.For(type + ":", problem);
        }

        return [.. ListCore(type).OrderBy(k => k.Type, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal)];
    }

    /// <summary>Deletes a state and its logs; false when it did not exist.</summary>
    public bool Delete(StateKey key)
    {
        using var held = Enter(key);
        _cache.TryRemove(key, out _);
        return DeleteCore(key);
    }

    /// <summary>Writes the current state as one plain pickle (protocol 4) that a bare <c>pickle.load</c> reads.</summary>
    public void Export(StateKey key, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var state = Read(key);
        AtomicFile.Write(path, PickleCodec.Write(state));
    }

    /// <summary>Releases resources.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources of the backend.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            _heldByThread.Dispose();
            foreach (var gate in _gates.Values)
            {
                gate.Dispose();
            }
        }
    }

    /// <summary>Takes the key's cross-process lock (the backend's own mechanism).</summary>
    protected abstract IDisposable LockCore(StateKey key);

    /// <summary>Creates the state under the lock; throws <see cref="StateExistsException"/> when present.</summary>
    protected abstract CachedState CreateCore(StateKey key, PyValue initial);

    /// <summary>True when the key exists.</summary>
    protected abstract bool ExistsCore(StateKey key);

    /// <summary>Brings <paramref name="cached"/> (null: nothing cached) up to date with storage, under the lock.</summary>
    protected abstract CachedState LoadCore(StateKey key, CachedState? cached);

    /// <summary>Durably commits the operations that took <paramref name="before"/> to <paramref name="after"/>, under the lock.</summary>
    protected abstract CachedState CommitCore(StateKey key, CachedState before, PyValue after, IReadOnlyList<StateOp> operations);

    /// <summary>All keys, or those of one type.</summary>
    protected abstract IEnumerable<StateKey> ListCore(string? type);

    /// <summary>Deletes the key under its lock.</summary>
    protected abstract bool DeleteCore(StateKey key);

    private CachedState Refresh(StateKey key)
    {
        _cache.TryGetValue(key, out var cached);
        var fresh = LoadCore(key, cached);
        _cache[key] = fresh;
        return fresh;
    }

    private Held Enter(StateKey key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_heldByThread.Value!.Add(key))
        {
            throw new InvalidOperationException($"'{key}' is already locked by this thread: store transactions do not nest");
        }

        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        try
        {
            gate.Wait();
            try
            {
                return new Held(this, key, gate, LockCore(key));
            }
            catch
            {
                gate.Release();
                throw;
            }
        }
        catch
        {
            _heldByThread.Value.Remove(key);
            throw;
        }
    }

    private sealed class Held(StateStore store, StateKey key, SemaphoreSlim gate, IDisposable lockHandle) : IDisposable
    {
        public void Dispose()
        {
            lockHandle.Dispose();
            gate.Release();
            store._heldByThread.Value!.Remove(key);
        }
    }
}
