using Microsoft.Data.Sqlite;
using Storymatch.Storage;

namespace Storymatch.Tests.Storage;

public class DocumentStoreTests
{
    private static Article Doc(string id, string text, string? title = null) => new() { Id = id, Text = text, Title = title };

    [Fact]
    public void Open_creates_the_schema_at_the_latest_version_in_wal_mode()
    {
        using var dir = new TempFolder();
        using DocumentStore store = DocumentStore.Open(dir.Db);
        Assert.Equal(SchemaMigrations.LatestVersion, store.SchemaVersion);
        using SqliteCommand cmd = store.Connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void Migrations_are_numbered_one_to_n_without_gaps()
    {
        for (int i = 0; i < SchemaMigrations.All.Count; i++)
        {
            Assert.Equal(i + 1, SchemaMigrations.All[i].Version);
        }
    }

    [Fact]
    public void Adding_a_migration_upgrades_an_existing_database_once_and_keeps_its_data()
    {
        using var dir = new TempFolder();
        using (DocumentStore v1 = DocumentStore.Open(dir.Db))
        using (DocumentWriter writer = v1.CreateWriter())
        {
            writer.Write(Doc("a", "alpha text"), "h1", [1, 2], [7], out _);
            writer.Commit();
        }

        Migration[] withStories = [.. SchemaMigrations.All, new(SchemaMigrations.LatestVersion + 1, "test table", "CREATE TABLE extra_test (x INTEGER)")];
        for (int run = 0; run < 2; run++)
        {
            using DocumentStore upgraded = DocumentStore.Open(dir.Db, withStories);
            Assert.Equal(withStories.Length, upgraded.SchemaVersion);
            Assert.Equal("alpha text", upgraded.GetDocument("a")!.Article.Text);
        }
    }

    [Fact]
    public void A_database_newer_than_the_code_is_refused_with_a_clear_message()
    {
        using var dir = new TempFolder();
        Migration[] future = [.. SchemaMigrations.All, new(SchemaMigrations.LatestVersion + 1, "future", "CREATE TABLE future_table (x INTEGER)")];
        DocumentStore.Open(dir.Db, future).Dispose();
        StoreException e = Assert.Throws<StoreException>(() => DocumentStore.Open(dir.Db));
        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_naming_the_file()
    {
        using var dir = new TempFolder();
        string path = dir.Write("not.db", new string('x', 5000));
        StoreException e = Assert.Throws<StoreException>(() => DocumentStore.Open(path));
        Assert.Contains("not.db", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_stores_once_reports_duplicates_and_refuses_a_different_text_under_a_stored_id()
    {
        using var dir = new TempFolder();
        using DocumentStore store = DocumentStore.Open(dir.Db);
        using DocumentWriter writer = store.CreateWriter();
        Assert.Equal(WriteOutcome.Stored, writer.Write(Doc("a", "first", "Title A"), "hash-a", [1, 2, 3], [10, 20], out _));
        Assert.Equal(WriteOutcome.Duplicate, writer.Write(Doc("a", "first"), "hash-a", [1, 2, 3], [10, 20], out _));
        Assert.Equal(WriteOutcome.Conflict, writer.Write(Doc("a", "changed"), "hash-b", [], [], out string? stored));
        Assert.Equal("hash-a", stored);
        writer.Commit();

        StoredDocument doc = store.GetDocument("a")!;
        Assert.Equal("first", doc.Article.Text);
        Assert.Equal("Title A", doc.Article.Title);
        Assert.Equal("hash-a", doc.ContentHash);
        Assert.Equal([1u, 2u, 3u], store.GetSignature(doc.Doc)!);
        Assert.Equal(new StoreCounts(1, 1, 2, 1), store.Count());
    }

    [Fact]
    public void An_uncommitted_batch_is_rolled_back_and_committed_batches_survive()
    {
        using var dir = new TempFolder();
        using (DocumentStore store = DocumentStore.Open(dir.Db))
        using (DocumentWriter writer = store.CreateWriter())
        {
            writer.Write(Doc("kept", "one"), "h1", [], [], out _);
            writer.Commit();
            writer.Write(Doc("lost", "two"), "h2", [], [], out _);
            Assert.Equal(1, writer.Pending);

            // Disposed without Commit: what a crash between batches looks like to the database.
        }

        using DocumentStore reopened = DocumentStore.Open(dir.Db);
        Assert.NotNull(reopened.GetDocument("kept"));
        Assert.Null(reopened.GetDocument("lost"));
    }

    [Fact]
    public void Metadata_round_trips_through_the_store()
    {
        using var dir = new TempFolder();
        using DocumentStore store = DocumentStore.Open(dir.Db);
        var published = new DateTimeOffset(2023, 3, 21, 9, 30, 0, TimeSpan.FromHours(2));
        var article = new Article
        {
            Id = "x",
            Text = "body",
            Title = "T",
            Url = "https://example.com/a",
            Source = "example.com",
            Published = published,
            Authors = ["Ann", "Bo"],
            Language = "en",
            ExtraJson = "{\"k\":1}",
        };
        using (DocumentWriter writer = store.CreateWriter())
        {
            writer.Write(article, "h", [], [], out _);
            writer.Commit();
        }

        Article back = store.GetDocument("x")!.Article;
        Assert.Equal(article with { Authors = [] }, back with { Authors = [] });
        Assert.Equal(["Ann", "Bo"], back.Authors);
    }

    [Fact]
    public void SharedBuckets_lists_only_buckets_with_several_members()
    {
        using var dir = new TempFolder();
        using DocumentStore store = DocumentStore.Open(dir.Db);
        using (DocumentWriter writer = store.CreateWriter())
        {
            writer.Write(Doc("a", "a"), "ha", [], [1, 2], out _);
            writer.Write(Doc("b", "b"), "hb", [], [1, 3], out _);
            writer.Write(Doc("c", "c"), "hc", [], [4, 3], out _);
            writer.Commit();
        }

        long[][] buckets = [.. store.SharedBuckets()];
        Assert.Equal(2, buckets.Length);
        Assert.Equal([1L, 2L], buckets[0]);
        Assert.Equal([2L, 3L], buckets[1]);
    }

    [Fact]
    public void Settings_are_stored_and_replaced()
    {
        using var dir = new TempFolder();
        using DocumentStore store = DocumentStore.Open(dir.Db);
        Assert.Null(store.GetSetting("k"));
        store.SetSetting("k", "1");
        store.SetSetting("k", "2");
        Assert.Equal("2", store.GetSetting("k"));
    }
}
