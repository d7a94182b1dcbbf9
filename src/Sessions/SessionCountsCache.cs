using System.Text.Json;
using SlurmSearch.Store;

namespace SlurmSearch.Sessions;

/// <summary>
/// <see cref="SessionCounts"/> remembered per session against the store's <see cref="StateStore.ChangeStamp"/>, so
/// listing a thousand sessions reads only those that changed since the last listing. The file is a plain JSON map
/// (<c>type:name</c> → stamp and counts) written atomically; a missing, unreadable or foreign file is an empty cache, and
/// entries of sessions that are gone are dropped on save. It holds nothing that is not also in the states.
/// </summary>
public sealed class SessionCountsCache
{
    private const int FormatVersion = 1;

    private readonly string _path;
    private readonly Dictionary<string, Entry> _entries;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private bool _changed;

    private SessionCountsCache(string path, Dictionary<string, Entry> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>Loads the cache file at <paramref name="path"/>, or starts an empty one.</summary>
    public static SessionCountsCache Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var file = JsonSerializer.Deserialize<CacheFile>(File.ReadAllBytes(path));
            if (file is { Version: FormatVersion, Entries: { } entries })
            {
                return new SessionCountsCache(path, new Dictionary<string, Entry>(entries, StringComparer.Ordinal));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // A cache is only ever an optimisation: start afresh.
        }

        return new SessionCountsCache(path, new Dictionary<string, Entry>(StringComparer.Ordinal));
    }

    /// <summary>How many sessions were read from their state (not from the cache) since loading.</summary>
    public int Misses { get; private set; }

    /// <summary>The counts of <paramref name="key"/>: from the cache when its stamp still matches, else read under the key's lock and remembered.</summary>
    public SessionCounts Read(StateStore store, StateKey key)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = key.ToString();
        _used.Add(name);
        var stamp = store.ChangeStamp(key);
        if (stamp is not null && _entries.TryGetValue(name, out var entry) && entry.Stamp == stamp)
        {
            return new SessionCounts(entry.Status, entry.Running, entry.Completed, entry.MaxEvals, entry.SlurmJobs);
        }

        Misses++;
        string? stampRead = null;
        var counts = store.Inspect(key, state =>
        {
            // Taken while the lock is held, so no commit can fall between the state read and its stamp.
            stampRead = store.ChangeStamp(key);
            return SessionCounts.From(state);
        });
        if (stampRead is not null)
        {
            _entries[name] = new Entry(stampRead, counts.Status, counts.Running, counts.Completed, counts.MaxEvals, [.. counts.SlurmJobs]);
            _changed = true;
        }

        return counts;
    }

    /// <summary>Writes the cache back if anything changed, keeping only the sessions read since loading when <paramref name="prune"/> is set.</summary>
    public void Save(bool prune)
    {
        if (prune)
        {
            foreach (var name in _entries.Keys.Where(n => !_used.Contains(n)).ToList())
            {
                _entries.Remove(name);
                _changed = true;
            }
        }

        if (!_changed)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            AtomicFile.Write(_path, JsonSerializer.SerializeToUtf8Bytes(new CacheFile(FormatVersion, _entries)));
            _changed = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only home still lists; it just lists at full cost next time.
        }
    }

    private sealed record Entry(string Stamp, string Status, int Running, int Completed, long MaxEvals, string[] SlurmJobs);

    private sealed record CacheFile(int Version, Dictionary<string, Entry> Entries);
}
