using Storymatch.Storage;
using Storymatch.Storage.Sqlite;

namespace Storymatch.Tests.Storage;

/// <summary>The SQLite store against the store contract.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private protected override IStorymatchStore OpenStore(string folder) => SqliteStore.Open(Path.Combine(folder, "contract.db"));
}

/// <summary>What only the SQLite store has: its file, its migrations, its refusals.</summary>
public class SqliteStoreTests
{
    [Fact]
    public void Open_creates_the_schema_at_the_latest_version_in_wal_mode()
    {
        using var dir = new TempFolder();
        using SqliteStore store = SqliteStore.Open(dir.Db);
        Assert.Equal(SqliteSchema.LatestVersion, store.SchemaVersion());
        Assert.Equal("wal", store.JournalMode());
    }

    [Fact]
    public void Migrations_are_numbered_one_to_n_without_gaps()
    {
        for (int i = 0; i < SqliteSchema.All.Count; i++)
        {
            Assert.Equal(i + 1, SqliteSchema.All[i].Version);
        }
    }

    [Fact]
    public void Adding_a_migration_upgrades_an_existing_database_once_and_keeps_its_data()
    {
        using var dir = new TempFolder();
        using (SqliteStore v1 = SqliteStore.Open(dir.Db, migrations: SqliteSchema.All.Take(1).ToList()))
        {
            // Written as a version-1 database holds it (today's writer needs the later columns).
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.Db};Pooling=False");
            connection.Open();
            using Microsoft.Data.Sqlite.SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO documents (id, text, content_hash, ingested_at) VALUES ('a', 'alpha text', 'h1', '2024-01-02T03:04:05.000+00:00')";
            insert.ExecuteNonQuery();
        }

        Migration[] more = [.. SqliteSchema.All, new(SqliteSchema.LatestVersion + 1, "test table", "CREATE TABLE extra_test (x INTEGER)")];
        for (int run = 0; run < 2; run++)
        {
            using SqliteStore upgraded = SqliteStore.Open(dir.Db, migrations: more);
            Assert.Equal(more.Length, upgraded.SchemaVersion());
            using IStoreSession read = upgraded.OpenRead();
            Assert.Equal("alpha text", read.GetDocument("a")!.Article.Text);
        }
    }

    [Fact]
    public void A_database_newer_than_the_code_is_refused_with_a_clear_message()
    {
        using var dir = new TempFolder();
        Migration[] future = [.. SqliteSchema.All, new(SqliteSchema.LatestVersion + 1, "future", "CREATE TABLE future_table (x INTEGER)")];
        SqliteStore.Open(dir.Db, migrations: future).Dispose();
        StoreException e = Assert.Throws<StoreException>(() => SqliteStore.Open(dir.Db));
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_the_file()
    {
        using var dir = new TempFolder();
        string path = dir.Write("not.db", new string('x', 5000));
        StoreException e = Assert.Throws<StoreException>(() => SqliteStore.Open(path));
        Assert.Contains("not.db", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_programs_sqlite_file_is_refused_and_left_unchanged()
    {
        using var dir = new TempFolder();
        string path = dir.Combine("other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER)";
            cmd.ExecuteNonQuery();
        }

        StoreException e = Assert.Throws<StoreException>(() => SqliteStore.Open(path));
        Assert.Contains("another program", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_store_reads_and_refuses_to_write()
    {
        using var dir = new TempFolder();
        using (SqliteStore store = SqliteStore.Open(dir.Db))
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            work.WriteDocument(new Article { Id = "a", Text = "alpha" }, "h", [], [], out _, out _);
            work.Commit();
        }

        using SqliteStore readOnly = SqliteStore.Open(dir.Db, new SqliteStoreOptions { ReadOnly = true });
        using (IStoreSession read = readOnly.OpenRead())
        {
            Assert.NotNull(read.GetDocument("a"));
        }

        Assert.Throws<StoreException>(() => readOnly.BeginWrite(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Opening_a_current_database_takes_no_write_lock()
    {
        using var dir = new TempFolder();
        using SqliteStore first = SqliteStore.Open(dir.Db);
        using IUnitOfWork holding = first.BeginWrite(TestContext.Current.CancellationToken);
        holding.SetSetting("k", "v");

        // Another writer holds the lock: opening (and reading) must not wait for it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using SqliteStore second = SqliteStore.Open(dir.Db, new SqliteStoreOptions { LockTimeout = TimeSpan.FromSeconds(30) });
        using (IStoreSession read = second.OpenRead())
        {
            Assert.Null(read.GetSetting("k"));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "opening waited for the writer's lock");
    }
}
