namespace Storymatch.Storage.Sqlite;

/// <summary>One step of the schema: applied once, in order, inside its own transaction.</summary>
/// <param name="Version">1, 2, 3, ...: the schema version the database has once this step is applied.</param>
/// <param name="Description">What the step adds; recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements (several, separated by semicolons, are fine).</param>
internal sealed record Migration(int Version, string Description, string Sql);

/// <summary>
/// The ordered schema history. A database records each applied step in <c>schema_version</c>; opening a store
/// applies every step whose version is above the highest recorded one, each in its own transaction, so an
/// interrupted upgrade leaves the database at the last complete version.
/// <para>
/// To change the schema, append ONE entry with the next version number to <see cref="All"/> (for example
/// <c>new(2, "stories", "CREATE TABLE stories (...); CREATE TABLE story_members (...);")</c>). Never edit or
/// reorder a step that has been published: databases in the field have already applied it. Prefer additive
/// steps (new tables, new nullable columns, new indexes); a test checks that versions run 1..N without gaps.
/// </para>
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "documents, MinHash signatures, LSH band buckets, settings", """
            CREATE TABLE settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );

            -- doc is the row's stable number (ingest order) that the other tables refer to; an INTEGER PRIMARY KEY
            -- never changes on VACUUM, unlike a bare rowid. The user-facing key is id, unique.
            CREATE TABLE documents (
                doc          INTEGER PRIMARY KEY,
                id           TEXT NOT NULL UNIQUE,
                source       TEXT,
                url          TEXT,
                title        TEXT,
                published    TEXT,
                authors      TEXT,
                language     TEXT,
                text         TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                ingested_at  TEXT NOT NULL,
                extra_json   TEXT
            );
            CREATE INDEX documents_content_hash ON documents (content_hash);

            -- The MinHash signature: the permutation minima as little-endian uint32, in permutation order.
            CREATE TABLE signatures (
                doc       INTEGER PRIMARY KEY REFERENCES documents (doc),
                signature BLOB NOT NULL
            );

            -- One row per (band, band hash, document) for the banding stored in settings; clustered on
            -- (band, hash) so a scan in key order yields each bucket's members together.
            CREATE TABLE lsh_buckets (
                band INTEGER NOT NULL,
                hash INTEGER NOT NULL,
                doc  INTEGER NOT NULL REFERENCES documents (doc),
                PRIMARY KEY (band, hash, doc)
            ) WITHOUT ROWID;
            """),
        new(2, "stories, story members, term document frequencies", """
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
            """),
        new(3, "story index state (clock, representatives, index keys) for incremental assignment", """
            -- last_time_ms: the story's clock as Unix milliseconds (NULL: undated), indexed so that the live window
            -- (stories active since clock - fade) is one range scan. representatives: the member rows whose profiles
            -- represent the story (int64 little-endian); index_keys: their distinctive keys (uint64 little-endian,
            -- ascending). Stories written before this step have NULL state and are rebuilt from their members.
            ALTER TABLE stories ADD COLUMN last_time_ms INTEGER;
            ALTER TABLE stories ADD COLUMN representatives BLOB;
            ALTER TABLE stories ADD COLUMN index_keys BLOB;
            UPDATE stories SET last_time_ms = CAST(round((julianday(last_published) - 2440587.5) * 86400000.0) AS INTEGER)
                WHERE last_published IS NOT NULL;
            CREATE INDEX stories_by_last_time ON stories (last_time_ms);
            CREATE INDEX story_members_by_seq ON story_members (seq);
            """),
        new(4, "per-source repeated lines (boilerplate learned at ingest); crawl time of documents", """
            -- One row per source: documents seen, candidate lines (uint64 line hash + int64 document count, little-endian,
            -- 16 bytes each) and the learned lines as a JSON array of {text, documents, learned_at}.
            CREATE TABLE source_lines (
                source     TEXT PRIMARY KEY,
                documents  INTEGER NOT NULL,
                candidates BLOB NOT NULL,
                learned    TEXT NOT NULL
            );

            -- When the page was fetched (a crawl record's date), apart from its own publication date.
            ALTER TABLE documents ADD COLUMN crawled TEXT;
            """),
    ];

    /// <summary>The version a database has once every known step is applied.</summary>
    public static int LatestVersion => All[^1].Version;
}
