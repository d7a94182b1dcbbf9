using Microsoft.Data.Sqlite;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>
/// The SQLite backend: every state in one file <c>ROOT/state.sqlite3</c> (WAL, synchronous=FULL), a snapshot row per key
/// plus journal rows, with SQLite's own write lock (<c>BEGIN IMMEDIATE</c>) as the key lock.
/// </summary>
/// <remarks>
/// Local disks only: SQLite's locking is unreliable on NFS/Lustre, so on a cluster's shared file system use the default
/// pickle-directory backend. Logs still live in <c>ROOT/type/name/logs/</c>.
/// </remarks>
public sealed class SqliteStateStore : StateStore
{
    /// <summary>The database file name under the root.</summary>
    public const string FileName = "state.sqlite3";

    private const long MinimumJournalBeforeCompaction = 16 * 1024;

    private readonly string _connectionString;
    private readonly Dictionary<StateKey, SqliteTransactionScope> _open = [];
    private readonly Lock _openGate = new();

    static SqliteStateStore() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens (or creates) the database under <paramref name="root"/>.</summary>
    public SqliteStateStore(string root, TimeSpan? busyTimeout = null, PickleReaderOptions? readerOptions = null)
        : base(root, readerOptions)
    {
        DatabasePath = Path.Combine(Root, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)(busyTimeout ?? TimeSpan.FromMinutes(5)).TotalSeconds,
        }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS states(
                type TEXT NOT NULL, name TEXT NOT NULL, generation INTEGER NOT NULL, snapshot BLOB NOT NULL,
                PRIMARY KEY(type, name));
            CREATE TABLE IF NOT EXISTS journal(
                type TEXT NOT NULL, name TEXT NOT NULL, generation INTEGER NOT NULL, seq INTEGER NOT NULL, record BLOB NOT NULL,
                PRIMARY KEY(type, name, generation, seq));
            """);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public override string BackendName => "sqlite";

    /// <inheritdoc />
    protected override IDisposable LockCore(StateKey key)
    {
        var connection = Open();
        try
        {
            var transaction = connection.BeginTransaction(deferred: false);
            var scope = new SqliteTransactionScope(this, key, connection, transaction);
            lock (_openGate)
            {
                _open[key] = scope;
            }

            return scope;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override bool ExistsCore(StateKey key)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT 1 FROM states WHERE type=$t AND name=$n", key);
        return command.ExecuteScalar() is not null;
    }

    /// <inheritdoc />
    protected override CachedState CreateCore(StateKey key, PyValue initial)
    {
        var scope = Scope(key);
        using (var exists = Command(scope.Connection, "SELECT 1 FROM states WHERE type=$t AND name=$n", key, scope.Transaction))
        {
            if (exists.ExecuteScalar() is not null)
            {
                throw StateExistsException.For(key);
            }
        }

        var result = WriteSnapshot(scope, key, initial, insert: true);
        scope.Commit();
        return result;
    }

    /// <inheritdoc />
    protected override CachedState LoadCore(StateKey key, CachedState? cached)
    {
        var scope = Scope(key);
        long generation;
        using (var command = Command(scope.Connection, "SELECT generation FROM states WHERE type=$t AND name=$n", key, scope.Transaction))
        {
            generation = command.ExecuteScalar() is long g ? g : throw StateNotFoundException.For(key);
        }

        var current = cached;
        if (current is null || current.Generation != generation)
        {
            using var command = Command(scope.Connection, "SELECT snapshot FROM states WHERE type=$t AND name=$n", key, scope.Transaction);
            var bytes = (byte[])command.ExecuteScalar()!;
            var state = PickleCodec.ReadOne(bytes, 0, Where(key), ReaderOptions, out _);
            current = new CachedState(state, generation, 0, string.Empty, bytes.Length, 0);
        }

        using (var command = Command(scope.Connection, "SELECT seq, record FROM journal WHERE type=$t AND name=$n AND generation=$g AND seq>$s ORDER BY seq", key, scope.Transaction))
        {
            command.Parameters.AddWithValue("$g", generation);
            command.Parameters.AddWithValue("$s", current.Position);
            using var reader = command.ExecuteReader();
            var state = current.State;
            var position = current.Position;
            var size = current.JournalSize;
            while (reader.Read())
            {
                position = reader.GetInt64(0);
                var record = (byte[])reader.GetValue(1);
                size += record.Length;
                JournalFormat.ReplayRecords(record, 0, $"{Where(key)} journal #{position}", ReaderOptions, ops =>
                {
                    foreach (var op in ops)
                    {
                        state = op.ApplyTo(state);
                    }
                });
            }

            return current with { State = state, Position = position, JournalSize = size };
        }
    }

    /// <inheritdoc />
    protected override CachedState CommitCore(StateKey key, CachedState before, PyValue after, IReadOnlyList<StateOp> operations)
    {
        var scope = Scope(key);
        var record = JournalFormat.Record(operations);
        CachedState result;
        if (before.JournalSize + record.Length > Math.Max(before.SnapshotSize, MinimumJournalBeforeCompaction)
            || operations.Any(op => op.Kind == StateOpKind.Replace))
        {
            result = WriteSnapshot(scope, key, after, insert: false);
        }
        else
        {
            using var command = Command(scope.Connection, "INSERT INTO journal(type, name, generation, seq, record) VALUES($t, $n, $g, $s, $r)", key, scope.Transaction);
            command.Parameters.AddWithValue("$g", before.Generation);
            command.Parameters.AddWithValue("$s", before.Position + 1);
            command.Parameters.AddWithValue("$r", record);
            command.ExecuteNonQuery();
            result = before with { State = after, Position = before.Position + 1, JournalSize = before.JournalSize + record.Length };
        }

        scope.Commit();
        return result;
    }

    /// <inheritdoc />
    protected override IEnumerable<StateKey> ListCore(string? type)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = type is null ? "SELECT type, name FROM states" : "SELECT type, name FROM states WHERE type=$t";
        if (type is not null)
        {
            command.Parameters.AddWithValue("$t", type);
        }

        using var reader = command.ExecuteReader();
        var keys = new List<StateKey>();
        while (reader.Read())
        {
            keys.Add(StateKey.Of(reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    /// <inheritdoc />
    protected override bool DeleteCore(StateKey key)
    {
        var scope = Scope(key);
        using (var journal = Command(scope.Connection, "DELETE FROM journal WHERE type=$t AND name=$n", key, scope.Transaction))
        {
            journal.ExecuteNonQuery();
        }

        int deleted;
        using (var states = Command(scope.Connection, "DELETE FROM states WHERE type=$t AND name=$n", key, scope.Transaction))
        {
            deleted = states.ExecuteNonQuery();
        }

        scope.Commit();
        var logs = DirectoryOf(key);
        if (deleted > 0 && Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }

        return deleted > 0;
    }

    private CachedState WriteSnapshot(SqliteTransactionScope scope, StateKey key, PyValue state, bool insert)
    {
        var generation = JournalFormat.NewGeneration();
        var bytes = PickleCodec.Write(state);
        var sql = insert
            ? "INSERT INTO states(type, name, generation, snapshot) VALUES($t, $n, $g, $b)"
            : "UPDATE states SET generation=$g, snapshot=$b WHERE type=$t AND name=$n";
        using (var command = Command(scope.Connection, sql, key, scope.Transaction))
        {
            command.Parameters.AddWithValue("$g", generation);
            command.Parameters.AddWithValue("$b", bytes);
            command.ExecuteNonQuery();
        }

        using (var clear = Command(scope.Connection, "DELETE FROM journal WHERE type=$t AND name=$n", key, scope.Transaction))
        {
            clear.ExecuteNonQuery();
        }

        return new CachedState(state, generation, 0, string.Empty, bytes.Length, 0);
    }

    private SqliteTransactionScope Scope(StateKey key)
    {
        lock (_openGate)
        {
            return _open.TryGetValue(key, out var scope) ? scope : throw new InvalidOperationException($"'{key}' is not locked");
        }
    }

    private void Forget(StateKey key)
    {
        lock (_openGate)
        {
            _open.Remove(key);
        }
    }

    private string Where(StateKey key) => $"{DatabasePath}[{key}]";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, StateKey key, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$t", key.Type);
        command.Parameters.AddWithValue("$n", key.Name);
        return command;
    }

    private sealed class SqliteTransactionScope(SqliteStateStore store, StateKey key, SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        private bool _committed;

        public SqliteConnection Connection => connection;

        public SqliteTransaction Transaction => transaction;

        public void Commit()
        {
            transaction.Commit();
            _committed = true;
        }

        public void Dispose()
        {
            store.Forget(key);
            if (!_committed)
            {
                transaction.Rollback();
            }

            transaction.Dispose();
            connection.Dispose();
        }
    }
}
