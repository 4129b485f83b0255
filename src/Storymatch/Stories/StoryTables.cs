using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Storymatch.Stories;

/// <summary>
/// The stories' tables in the store's database (schema step added to <c>SchemaMigrations</c>) and the SQL that
/// reads and writes them. Times are stored as ISO 8601 text with offset and compared after parsing.
/// </summary>
public sealed class StoryTables(SqliteConnection connection)
{
    public const string MigrationDescription = "stories, story members, term document frequencies";

    public const string MigrationSql = """
        -- One row per story. last_published is the story's clock for fading: the latest member time (members
        -- without a date count at the stream's clock when they joined).
        CREATE TABLE stories (
            story           INTEGER PRIMARY KEY,
            title           TEXT NOT NULL,
            original_doc    INTEGER NOT NULL REFERENCES documents (doc),
            first_published TEXT,
            last_published  TEXT,
            members         INTEGER NOT NULL
        );

        -- Each document belongs to at most one story; seq is the order of assignment, score the match score on
        -- joining (0 for the document that opened the story).
        CREATE TABLE story_members (
            doc   INTEGER PRIMARY KEY REFERENCES documents (doc),
            story INTEGER NOT NULL REFERENCES stories (story),
            seq   INTEGER NOT NULL,
            score REAL NOT NULL
        );
        CREATE INDEX story_members_by_story ON story_members (story, seq);

        -- Document frequencies of similarity terms (TermKey as signed 64-bit) over all assigned documents; the
        -- document count is the setting stories.term_documents.
        CREATE TABLE term_frequencies (
            term INTEGER PRIMARY KEY,
            df   INTEGER NOT NULL
        );
        """;

    public const string FadeDaysSetting = "stories.fade_days";
    public const string TermDocumentsSetting = "stories.term_documents";
    public const string ClockSetting = "stories.clock";

    public SqliteConnection Connection { get; } = connection;

    /// <summary>Documents not in any story, in ingest order, with their publication time.</summary>
    public List<(long Doc, DateTimeOffset? Published)> UnassignedDocuments()
    {
        var list = new List<(long, DateTimeOffset?)>();
        using SqliteCommand cmd = Command("""
            SELECT d.doc, d.published FROM documents d
            LEFT JOIN story_members m ON m.doc = d.doc
            WHERE m.doc IS NULL ORDER BY d.doc
            """);
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add((r.GetInt64(0), r.IsDBNull(1) ? null : ParseTime(r.GetString(1))));
        }

        return list;
    }

    /// <summary>Every story row.</summary>
    public List<StoryRow> Stories(long? only = null)
    {
        var list = new List<StoryRow>();
        using SqliteCommand cmd = Command(only is null
            ? "SELECT story, title, original_doc, first_published, last_published, members FROM stories ORDER BY story"
            : "SELECT story, title, original_doc, first_published, last_published, members FROM stories WHERE story = $s");
        if (only is { } s)
        {
            cmd.Parameters.AddWithValue("$s", s);
        }

        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new StoryRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), ReadTime(r, 3), ReadTime(r, 4), r.GetInt32(5)));
        }

        return list;
    }

    /// <summary>Members of every story as (story, doc, seq, score), ordered by story then seq.</summary>
    public Dictionary<long, List<MemberRow>> Members(long? only = null)
    {
        var result = new Dictionary<long, List<MemberRow>>();
        using SqliteCommand cmd = Command(only is null
            ? "SELECT m.story, m.doc, d.id, m.seq, m.score FROM story_members m JOIN documents d ON d.doc = m.doc ORDER BY m.story, m.seq"
            : "SELECT m.story, m.doc, d.id, m.seq, m.score FROM story_members m JOIN documents d ON d.doc = m.doc WHERE m.story = $s ORDER BY m.seq");
        if (only is { } s)
        {
            cmd.Parameters.AddWithValue("$s", s);
        }

        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            long story = r.GetInt64(0);
            if (!result.TryGetValue(story, out List<MemberRow>? list))
            {
                result[story] = list = [];
            }

            list.Add(new MemberRow(r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4)));
        }

        return result;
    }

    /// <summary>The story a document belongs to, or null.</summary>
    public long? StoryOf(long doc)
    {
        using SqliteCommand cmd = Command("SELECT story FROM story_members WHERE doc = $d");
        cmd.Parameters.AddWithValue("$d", doc);
        return cmd.ExecuteScalar() is long s ? s : null;
    }

    public long NextSequence()
    {
        using SqliteCommand cmd = Command("SELECT coalesce(max(seq), 0) + 1 FROM story_members");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public long NextStoryId()
    {
        using SqliteCommand cmd = Command("SELECT coalesce(max(story), 0) + 1 FROM stories");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void AddMember(long story, long doc, long seq, double score, SqliteTransaction tx)
    {
        using SqliteCommand cmd = Command("INSERT INTO story_members (doc, story, seq, score) VALUES ($d, $s, $q, $c)", tx);
        cmd.Parameters.AddWithValue("$d", doc);
        cmd.Parameters.AddWithValue("$s", story);
        cmd.Parameters.AddWithValue("$q", seq);
        cmd.Parameters.AddWithValue("$c", score);
        cmd.ExecuteNonQuery();
    }

    public void UpsertStory(StoryRow row, SqliteTransaction tx)
    {
        using SqliteCommand cmd = Command("""
            INSERT INTO stories (story, title, original_doc, first_published, last_published, members)
            VALUES ($s, $t, $o, $f, $l, $m)
            ON CONFLICT (story) DO UPDATE SET title = excluded.title, original_doc = excluded.original_doc,
                first_published = excluded.first_published, last_published = excluded.last_published, members = excluded.members
            """, tx);
        cmd.Parameters.AddWithValue("$s", row.Story);
        cmd.Parameters.AddWithValue("$t", row.Title);
        cmd.Parameters.AddWithValue("$o", row.OriginalDoc);
        cmd.Parameters.AddWithValue("$f", row.FirstPublished is { } f ? FormatTime(f) : DBNull.Value);
        cmd.Parameters.AddWithValue("$l", row.LastPublished is { } l ? FormatTime(l) : DBNull.Value);
        cmd.Parameters.AddWithValue("$m", row.Members);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Removes every story and membership and the term frequencies (before a batch re-clustering).</summary>
    public void Clear(SqliteTransaction tx)
    {
        using SqliteCommand cmd = Command("DELETE FROM story_members; DELETE FROM stories; DELETE FROM term_frequencies;", tx);
        cmd.ExecuteNonQuery();
        SetSetting(TermDocumentsSetting, "0", tx);
        DeleteSetting(ClockSetting, tx);
    }

    /// <summary>Loads the stored document frequencies.</summary>
    public CountingTermStatistics LoadTermStatistics()
    {
        var stats = new CountingTermStatistics();
        using (SqliteCommand cmd = Command("SELECT term, df FROM term_frequencies"))
        using (SqliteDataReader r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                stats.Seed(unchecked((ulong)r.GetInt64(0)), r.GetInt64(1));
            }
        }

        stats.SeedDocumentCount(long.TryParse(GetSetting(TermDocumentsSetting), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0);
        return stats;
    }

    /// <summary>Writes the frequencies that changed.</summary>
    public void SaveTermStatistics(CountingTermStatistics stats, SqliteTransaction tx)
    {
        using SqliteCommand cmd = Command("INSERT INTO term_frequencies (term, df) VALUES ($t, $f) ON CONFLICT (term) DO UPDATE SET df = excluded.df", tx);
        SqliteParameter term = cmd.Parameters.Add("$t", SqliteType.Integer);
        SqliteParameter df = cmd.Parameters.Add("$f", SqliteType.Integer);
        cmd.Prepare();
        foreach ((ulong t, long f) in stats.Changes())
        {
            term.Value = unchecked((long)t);
            df.Value = f;
            cmd.ExecuteNonQuery();
        }

        SetSetting(TermDocumentsSetting, stats.CountedDocuments.ToString(CultureInfo.InvariantCulture), tx);
        stats.ClearChanges();
    }

    public string? GetSetting(string key)
    {
        using SqliteCommand cmd = Command("SELECT value FROM settings WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    public void SetSetting(string key, string value, SqliteTransaction? tx = null)
    {
        using SqliteCommand cmd = Command("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", tx);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    private void DeleteSetting(string key, SqliteTransaction tx)
    {
        using SqliteCommand cmd = Command("DELETE FROM settings WHERE key = $k", tx);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.ExecuteNonQuery();
    }

    internal static string FormatTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    internal static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    private static DateTimeOffset? ReadTime(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : ParseTime(r.GetString(ordinal));

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        SqliteCommand cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }
}

/// <summary>A stored story: id, title, its likely original (document row), first and latest member times, member count.</summary>
public sealed record StoryRow(long Story, string Title, long OriginalDoc, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished, int Members);

/// <summary>A stored membership: document row and id, assignment order, match score on joining.</summary>
public sealed record MemberRow(long Doc, string Id, long Seq, double Score);
