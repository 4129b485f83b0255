using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storymatch.Fingerprints;

namespace Storymatch.Storage;

/// <summary>
/// The embedded database: one SQLite file in WAL mode holding documents, their MinHash signatures and LSH band
/// buckets, plus whatever later migrations add (see <see cref="SchemaMigrations"/>). One instance owns one
/// connection; it is not thread-safe (the ingest pipeline writes from a single thread).
/// </summary>
public sealed class DocumentStore : IDisposable
{
    /// <summary>The file used when the user names none.</summary>
    public const string DefaultFileName = "storymatch.db";

    private DocumentStore(string path, SqliteConnection connection)
    {
        FilePath = path;
        Connection = connection;
    }

    public string FilePath { get; }

    /// <summary>The open connection, for stages that keep their own tables in this file (added by a migration).</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The schema version of the open database.</summary>
    public int SchemaVersion => Convert.ToInt32(Scalar("SELECT max(version) FROM schema_version"), CultureInfo.InvariantCulture);

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.
    /// Throws <see cref="StoreException"/> when the file is not a Storymatch database or is newer than this code.
    /// </summary>
    public static DocumentStore Open(string path, IReadOnlyList<Migration>? migrations = null)
    {
        string full = System.IO.Path.GetFullPath(path);
        string? dir = System.IO.Path.GetDirectoryName(full);
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new StoreException($"{path}: folder {dir} does not exist");
        }

        // Pooling off: a closed store releases the file at once (tests delete it; users may move it).
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            // WAL: readers never block the writer; synchronous=FULL: a committed batch survives a power cut, and
            // commits are per batch so the fsync cost is small. busy_timeout: wait for another process's commit.
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA busy_timeout = 5000;
                PRAGMA cache_size = -65536;
                PRAGMA temp_store = MEMORY;
                """);
            var store = new DocumentStore(full, connection);
            store.Migrate(migrations ?? SchemaMigrations.All);
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"{path}: not a usable Storymatch database ({e.Message})", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate(IReadOnlyList<Migration> migrations)
    {
        Execute(Connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"schema migrations must be numbered 1..N in order; entry {i} has version {migrations[i].Version}");
            }
        }

        // BEGIN IMMEDIATE takes the write lock before reading the version, so two processes opening a new
        // database at once cannot both apply the same step.
        foreach (Migration migration in migrations)
        {
            using SqliteTransaction tx = Connection.BeginTransaction(deferred: false);
            long current = Convert.ToInt64(Scalar("SELECT coalesce(max(version), 0) FROM schema_version", tx), CultureInfo.InvariantCulture);
            if (current >= migration.Version)
            {
                continue;
            }

            Execute(Connection, migration.Sql, tx);
            using SqliteCommand record = Command("INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $t)", tx);
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$t", FormatTime(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
            tx.Commit();
        }

        int version = SchemaVersion;
        if (version > migrations.Count)
        {
            ThrowNewerSchema(version, migrations.Count);
        }
    }

    [DoesNotReturn]
    private void ThrowNewerSchema(int version, int known) =>
        throw new StoreException($"{FilePath}: schema version {version} is newer than this storymatch understands ({known}); upgrade storymatch");

    /// <summary>A value from the settings table, or null.</summary>
    public string? GetSetting(string key)
    {
        using SqliteCommand cmd = Command("SELECT value FROM settings WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    public void SetSetting(string key, string value)
    {
        using SqliteCommand cmd = Command("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Starts a batched writer; see <see cref="DocumentWriter"/>.</summary>
    public DocumentWriter CreateWriter() => new(this);

    public StoreCounts Count() => new(
        CountOf("SELECT count(*) FROM documents"),
        CountOf("SELECT count(*) FROM signatures"),
        CountOf("SELECT count(*) FROM lsh_buckets"),
        CountOf("SELECT count(DISTINCT content_hash) FROM documents"));

    /// <summary>The stored document with this id, or null.</summary>
    public StoredDocument? GetDocument(string id)
    {
        using SqliteCommand cmd = Command($"{SelectDocument} WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = cmd.ExecuteReader();
        return reader.Read() ? ReadDocument(reader) : null;
    }

    /// <summary>The stored documents with these row numbers, keyed by row number.</summary>
    public Dictionary<long, StoredDocument> GetDocuments(IEnumerable<long> docs)
    {
        var result = new Dictionary<long, StoredDocument>();
        using SqliteCommand cmd = Command($"{SelectDocument} WHERE doc = $doc");
        SqliteParameter p = cmd.Parameters.Add("$doc", SqliteType.Integer);
        cmd.Prepare();
        foreach (long doc in docs)
        {
            if (result.ContainsKey(doc))
            {
                continue;
            }

            p.Value = doc;
            using SqliteDataReader reader = cmd.ExecuteReader();
            if (reader.Read())
            {
                result[doc] = ReadDocument(reader);
            }
        }

        return result;
    }

    /// <summary>A 64-bit hash of every stored id (see <see cref="IdHash"/>): a compact "probably stored" test for ingest.</summary>
    public HashSet<ulong> IdHashes()
    {
        var hashes = new HashSet<ulong>();
        using SqliteCommand cmd = Command("SELECT id FROM documents");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            hashes.Add(IdHash(reader.GetString(0)));
        }

        return hashes;
    }

    /// <summary>The hash <see cref="IdHashes"/> uses.</summary>
    public static ulong IdHash(string id) => TokenHash.Hash(id);

    /// <summary>Every document in ingest order, streamed.</summary>
    public IEnumerable<StoredDocument> Documents()
    {
        using SqliteCommand cmd = Command($"{SelectDocument} ORDER BY doc");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadDocument(reader);
        }
    }

    /// <summary>(row number, id, content hash) of every document in ingest order: enough to group exact copies.</summary>
    public IEnumerable<(long Doc, string Id, string ContentHash)> ContentHashes()
    {
        using SqliteCommand cmd = Command("SELECT doc, id, content_hash FROM documents ORDER BY doc");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>Every stored signature in ingest order, as permutation minima.</summary>
    public IEnumerable<(long Doc, uint[] Signature)> Signatures()
    {
        using SqliteCommand cmd = Command("SELECT doc, signature FROM signatures ORDER BY doc");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), SignatureBytes.FromBytes((byte[])reader.GetValue(1)));
        }
    }

    /// <summary>The stored signature of one document, or null.</summary>
    public uint[]? GetSignature(long doc)
    {
        using SqliteCommand cmd = Command("SELECT signature FROM signatures WHERE doc = $doc");
        cmd.Parameters.AddWithValue("$doc", doc);
        return cmd.ExecuteScalar() is byte[] blob ? SignatureBytes.FromBytes(blob) : null;
    }

    /// <summary>
    /// The LSH buckets with at least two members, in (band, hash) order, each as its member row numbers.
    /// The scan follows the table's clustered key, so no sort and only one bucket is in memory at a time.
    /// </summary>
    public IEnumerable<long[]> SharedBuckets()
    {
        using SqliteCommand cmd = Command("SELECT band, hash, doc FROM lsh_buckets ORDER BY band, hash");
        using SqliteDataReader reader = cmd.ExecuteReader();
        var members = new List<long>();
        long band = -1, hash = 0;
        while (reader.Read())
        {
            long b = reader.GetInt64(0), h = reader.GetInt64(1);
            if (b != band || h != hash)
            {
                if (members.Count > 1)
                {
                    yield return [.. members];
                }

                members.Clear();
                band = b;
                hash = h;
            }

            members.Add(reader.GetInt64(2));
        }

        if (members.Count > 1)
        {
            yield return [.. members];
        }
    }

    public void Dispose() => Connection.Dispose();

    internal SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        SqliteCommand cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    internal static string FormatTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private const string SelectDocument =
        "SELECT doc, id, source, url, title, published, authors, language, text, content_hash, ingested_at, extra_json FROM documents";

    private static StoredDocument ReadDocument(SqliteDataReader r)
    {
        var article = new Article
        {
            Id = r.GetString(1),
            Source = NullableString(r, 2),
            Url = NullableString(r, 3),
            Title = NullableString(r, 4),
            Published = NullableString(r, 5) is { } published ? DateTimeOffset.Parse(published, CultureInfo.InvariantCulture) : null,
            Authors = NullableString(r, 6) is { } authors ? JsonSerializer.Deserialize(authors, StorageJson.Default.StringArray) ?? [] : [],
            Language = NullableString(r, 7),
            Text = r.GetString(8),
            ExtraJson = NullableString(r, 11),
        };
        return new StoredDocument(r.GetInt64(0), article, r.GetString(9), DateTimeOffset.Parse(r.GetString(10), CultureInfo.InvariantCulture));
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private long CountOf(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);

    private object? Scalar(string sql, SqliteTransaction? tx = null)
    {
        using SqliteCommand cmd = Command(sql, tx);
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>The database cannot be opened or used: the message names the file and says why.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
