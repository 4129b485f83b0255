using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Storymatch.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Thread-safe: every session takes its own pooled connection,
/// readers never block the writer, and one writer at a time holds the file's write lock (others, in this process
/// or another, wait up to <see cref="SqliteStoreOptions.LockTimeout"/>). Opening a current database takes no
/// write lock; only a database whose schema is behind is migrated, under the lock.
/// </summary>
internal sealed class SqliteStore : IStorymatchStore
{
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private int _disposed;

    private readonly IReadOnlyList<Migration> _migrations;

    private SqliteStore(string path, string connectionString, SqliteStoreOptions options, IReadOnlyList<Migration> migrations)
    {
        Location = path;
        _connectionString = connectionString;
        _options = options;
        _migrations = migrations;
    }

    public string Location { get; }

    public bool IsReadOnly => _options.ReadOnly;

    /// <summary>
    /// Opens (creating unless read-only) the database at <paramref name="path"/> and brings its schema up to date.
    /// Throws <see cref="StoreException"/> naming the file when it cannot be used.
    /// </summary>
    public static SqliteStore Open(string path, SqliteStoreOptions? options = null, IReadOnlyList<Migration>? migrations = null)
    {
        options ??= new SqliteStoreOptions();
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new StoreException($"{path}: folder {dir} does not exist");
        }

        if (options.ReadOnly && !File.Exists(full))
        {
            throw new StoreException($"{path}: no database here");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Pooling = true,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = (int)Math.Ceiling(options.LockTimeout.TotalSeconds),
        };
        var store = new SqliteStore(full, builder.ToString(), options, migrations ?? SqliteSchema.All);
        try
        {
            store.Migrate();
            return store;
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new StoreException($"{path}: not a usable Storymatch database ({e.Message})", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public IStoreSession OpenRead()
    {
        SqliteConnection connection = Connect();
        try
        {
            // A deferred transaction is a snapshot: a listing sees one state even while a writer commits.
            return new SqliteSession(this, connection, connection.BeginTransaction(deferred: true), writable: false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public IUnitOfWork BeginWrite(CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            throw new StoreException($"{Location}: opened read-only; this command writes");
        }

        SqliteConnection connection = Connect();
        try
        {
            return new SqliteSession(this, connection, BeginImmediate(connection, cancellationToken), writable: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Pooled connections keep the file open; release them so the file can be moved or deleted at once.
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    internal SqliteConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteCommand pragmas = connection.CreateCommand();

        // synchronous=FULL: a committed batch survives a power cut (commits are per batch, so the cost is small).
        // busy_timeout: SQLite itself waits (sleeping and retrying) while another connection holds the lock.
        pragmas.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = {(long)_options.LockTimeout.TotalMilliseconds};
            PRAGMA cache_size = -65536;
            PRAGMA temp_store = MEMORY;
            """);
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>BEGIN IMMEDIATE: takes the write lock now, waiting for other writers up to the lock timeout.</summary>
    private SqliteTransaction BeginImmediate(SqliteConnection connection, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return connection.BeginTransaction(deferred: false);
            }
            catch (SqliteException e) when (IsBusy(e) && waited.Elapsed < _options.LockTimeout)
            {
                // busy_timeout already waited; a writer holding the lock longer than that gets more patience here.
                Thread.Sleep(50);
            }
            catch (SqliteException e) when (IsBusy(e))
            {
                throw new StoreException($"{Location}: the database stayed locked by another writer for {waited.Elapsed.TotalSeconds:0} s; try again later", e);
            }
        }
    }

    /// <summary>The schema version of the database (for tests and diagnostics).</summary>
    internal int SchemaVersion()
    {
        using SqliteConnection connection = Connect();
        return SchemaVersion(connection, out _);
    }

    /// <summary>The journal mode of the database file (for tests).</summary>
    internal string JournalMode()
    {
        using SqliteConnection connection = Connect();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        return (string)cmd.ExecuteScalar()!;
    }

    internal static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private void Migrate()
    {
        IReadOnlyList<Migration> migrations = _migrations;
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"schema migrations must be numbered 1..N in order; entry {i} has version {migrations[i].Version}");
            }
        }

        using SqliteConnection connection = Connect();
        int current = SchemaVersion(connection, out bool foreign);
        if (foreign)
        {
            throw new StoreException($"{Location}: this SQLite file belongs to another program (it has tables but no Storymatch schema); name another file");
        }

        if (current > migrations.Count)
        {
            throw new StoreException($"{Location}: schema version {current} is newer than this storymatch understands ({migrations.Count}); upgrade storymatch");
        }

        if (current == migrations.Count)
        {
            return; // current: no write lock taken
        }

        if (IsReadOnly)
        {
            throw new StoreException($"{Location}: the database is at schema version {current} and needs upgrading to {migrations.Count}; open it once without read-only mode");
        }

        using (SqliteCommand wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            wal.ExecuteNonQuery();
        }

        // Each step in its own transaction taken with the write lock, re-reading the version under it, so two
        // processes opening a new database at once cannot both apply a step.
        foreach (Migration migration in migrations)
        {
            using SqliteTransaction tx = BeginImmediate(connection, CancellationToken.None);
            Execute(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            if (ReadVersion(connection, tx) >= migration.Version)
            {
                continue;
            }

            Execute(connection, tx, migration.Sql);
            using SqliteCommand record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $t)";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$t", SqliteSession.FormatTime(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>The recorded schema version (0 for a new file); <paramref name="foreign"/> when the file has other tables but no version table.</summary>
    private static int SchemaVersion(SqliteConnection connection, out bool foreign)
    {
        using SqliteCommand tables = connection.CreateCommand();
        tables.CommandText = "SELECT count(*), coalesce(sum(name = 'schema_version'), 0) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        using SqliteDataReader r = tables.ExecuteReader();
        r.Read();
        long count = r.GetInt64(0);
        bool hasVersion = r.GetInt64(1) > 0;
        foreign = count > 0 && !hasVersion;
        if (!hasVersion)
        {
            return 0;
        }

        r.Close();
        return ReadVersion(connection, null);
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? tx)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>How the SQLite store waits and whether it may write.</summary>
internal sealed record SqliteStoreOptions
{
    /// <summary>Open for reading only: no migration, no write.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>How long a writer waits for another writer's lock before giving up with a clear error.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
