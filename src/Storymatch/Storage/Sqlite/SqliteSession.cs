using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storymatch.Fingerprints;

namespace Storymatch.Storage.Sqlite;

/// <summary>
/// One connection and one transaction: a read snapshot, or (writable) the unit of work holding the write lock.
/// All of Storymatch's SQL lives here and in <see cref="SqliteSchema"/>. Hot statements are prepared once per
/// session and reused. Not thread-safe: one session per thread; the store hands out as many as needed.
/// </summary>
internal sealed class SqliteSession : IUnitOfWork
{
    private const string SelectDocument =
        "SELECT doc, id, source, url, title, published, authors, language, text, content_hash, ingested_at, extra_json, crawled FROM documents";

    private const string SelectStory =
        "SELECT story, title, original_doc, first_published, last_published, members FROM stories";

    private const string SelectState = "SELECT story, last_time_ms, representatives, index_keys FROM stories";

    /// <summary>Terms looked up per statement (SQLite takes up to 32,766 parameters; 500 keeps statements small).</summary>
    private const int TermChunk = 500;

    private readonly SqliteStore _store;
    private readonly SqliteConnection _connection;
    private readonly bool _writable;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public SqliteSession(SqliteStore store, SqliteConnection connection, SqliteTransaction transaction, bool writable)
    {
        _store = store;
        _connection = connection;
        _transaction = transaction;
        _writable = writable;
    }

    public string? GetSetting(string key) => Scalar("SELECT value FROM settings WHERE key = $k", ("$k", key)) as string;

    public StoreCounts Count() => new(
        Long("SELECT count(*) FROM documents"),
        Long("SELECT count(*) FROM signatures"),
        Long("SELECT count(*) FROM lsh_buckets"),
        Long("SELECT count(DISTINCT content_hash) FROM documents"));

    public StoredDocument? GetDocument(string id)
    {
        SqliteCommand cmd = Prepared($"{SelectDocument} WHERE id = $id", "$id");
        cmd.Parameters[0].Value = id;
        using SqliteDataReader reader = cmd.ExecuteReader();
        return reader.Read() ? ReadDocument(reader) : null;
    }

    public long CountWithContentHash(string contentHash)
    {
        SqliteCommand cmd = Prepared("SELECT count(*) FROM documents WHERE content_hash = $h", "$h");
        cmd.Parameters[0].Value = contentHash;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public Dictionary<long, StoredDocument> GetDocuments(IEnumerable<long> docs)
    {
        var result = new Dictionary<long, StoredDocument>();
        SqliteCommand cmd = Prepared($"{SelectDocument} WHERE doc = $doc", "$doc");
        foreach (long doc in docs)
        {
            if (result.ContainsKey(doc))
            {
                continue;
            }

            cmd.Parameters[0].Value = doc;
            using SqliteDataReader reader = cmd.ExecuteReader();
            if (reader.Read())
            {
                result[doc] = ReadDocument(reader);
            }
        }

        return result;
    }

    public IEnumerable<StoredDocument> Documents()
    {
        using SqliteCommand cmd = Command($"{SelectDocument} ORDER BY doc");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadDocument(reader);
        }
    }

    public IEnumerable<(long Doc, string Id, string ContentHash)> ContentHashes()
    {
        using SqliteCommand cmd = Command("SELECT doc, id, content_hash FROM documents ORDER BY doc");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        }
    }

    public IEnumerable<(long Doc, uint[] Signature)> Signatures()
    {
        using SqliteCommand cmd = Command("SELECT doc, signature FROM signatures ORDER BY doc");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), SignatureBytes.FromBytes((byte[])reader.GetValue(1)));
        }
    }

    public uint[]? GetSignature(long doc)
    {
        SqliteCommand cmd = Prepared("SELECT signature FROM signatures WHERE doc = $doc", "$doc");
        cmd.Parameters[0].Value = doc;
        return cmd.ExecuteScalar() is byte[] blob ? SignatureBytes.FromBytes(blob) : null;
    }

    public IEnumerable<long[]> SharedBuckets()
    {
        // The scan follows the table's clustered key, so no sort and only one bucket is in memory at a time.
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

    public List<long> BucketMembers(int band, ulong hash)
    {
        SqliteCommand cmd = Prepared("SELECT doc FROM lsh_buckets WHERE band = $b AND hash = $h", "$b", "$h");
        cmd.Parameters[0].Value = band;
        cmd.Parameters[1].Value = unchecked((long)hash);
        var list = new List<long>();
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(r.GetInt64(0));
        }

        return list;
    }

    public HashSet<ulong> IdHashes()
    {
        var hashes = new HashSet<ulong>();
        using SqliteCommand cmd = Command("SELECT id FROM documents");
        using SqliteDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            hashes.Add(StoreIds.Hash(reader.GetString(0)));
        }

        return hashes;
    }

    public List<(long Doc, DateTimeOffset? Published)> UnassignedDocuments(long afterDoc = 0, int limit = int.MaxValue)
    {
        var list = new List<(long, DateTimeOffset?)>();
        using SqliteCommand cmd = Command("""
            SELECT d.doc, d.published FROM documents d
            WHERE d.doc > $after AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.doc)
            ORDER BY d.doc LIMIT $limit
            """, ("$after", afterDoc), ("$limit", limit));
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add((r.GetInt64(0), r.IsDBNull(1) ? null : ParseTime(r.GetString(1))));
        }

        return list;
    }

    public long CountUnassigned() =>
        Long("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.doc = d.doc)");

    public List<StoryRow> Stories(StoryQuery query)
    {
        var sql = new StringBuilder(SelectStory).Append(" WHERE members >= $min");
        var parameters = new List<(string, object?)> { ("$min", query.MinMembers) };
        if (query.Since is { } since)
        {
            sql.Append(" AND last_time_ms >= $since");
            parameters.Add(("$since", since.ToUnixTimeMilliseconds()));
        }

        if (query.Until is { } until)
        {
            sql.Append(" AND julianday(first_published) <= julianday($until)");
            parameters.Add(("$until", FormatTime(until)));
        }

        if (!string.IsNullOrEmpty(query.TitleContains))
        {
            sql.Append(" AND instr(lower(title), lower($text)) > 0");
            parameters.Add(("$text", query.TitleContains));
        }

        sql.Append(query.ById ? " ORDER BY story" : " ORDER BY last_time_ms IS NULL, last_time_ms DESC, story DESC");
        sql.Append(" LIMIT $limit OFFSET $offset");
        parameters.Add(("$limit", query.Limit));
        parameters.Add(("$offset", query.Offset));
        using SqliteCommand cmd = Command(sql.ToString(), [.. parameters]);
        return ReadAll(cmd, ReadStory);
    }

    public StoryRow? GetStory(long story)
    {
        SqliteCommand cmd = Prepared($"{SelectStory} WHERE story = $s", "$s");
        cmd.Parameters[0].Value = story;
        return ReadOne(cmd, ReadStory);
    }

    public List<MemberRow> Members(long story)
    {
        SqliteCommand cmd = Prepared("SELECT m.doc, d.id, m.seq, m.score, d.published FROM story_members m JOIN documents d ON d.doc = m.doc WHERE m.story = $s ORDER BY m.seq", "$s");
        cmd.Parameters[0].Value = story;
        var list = new List<MemberRow>();
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new MemberRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), ReadTime(r, 4)));
        }

        return list;
    }

    public Dictionary<long, List<string>> MemberIds(IReadOnlyCollection<long> stories)
    {
        var result = new Dictionary<long, List<string>>();
        SqliteCommand cmd = Prepared("SELECT d.id FROM story_members m JOIN documents d ON d.doc = m.doc WHERE m.story = $s ORDER BY m.seq", "$s");
        foreach (long story in stories)
        {
            cmd.Parameters[0].Value = story;
            var ids = new List<string>();
            using (SqliteDataReader r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    ids.Add(r.GetString(0));
                }
            }

            result[story] = ids;
        }

        return result;
    }

    public long? StoryOf(long doc) =>
        Scalar("SELECT story FROM story_members WHERE doc = $d", ("$d", doc)) is long s ? s : null;

    public List<StoryState> LiveStories(DateTimeOffset? since)
    {
        using SqliteCommand cmd = since is { } t
            ? Command($"{SelectState} WHERE last_time_ms IS NULL OR last_time_ms >= $since ORDER BY story", ("$since", t.ToUnixTimeMilliseconds()))
            : Command($"{SelectState} ORDER BY story");
        return ReadAll(cmd, ReadState);
    }

    public StoryState? GetStoryState(long story)
    {
        SqliteCommand cmd = Prepared($"{SelectState} WHERE story = $s", "$s");
        cmd.Parameters[0].Value = story;
        return ReadOne(cmd, ReadState);
    }

    public void TermFrequencies(ReadOnlySpan<ulong> terms, Span<long> frequencies)
    {
        frequencies[..terms.Length].Clear();
        var position = new Dictionary<long, List<int>>();
        for (int start = 0; start < terms.Length; start += TermChunk)
        {
            int n = Math.Min(TermChunk, terms.Length - start);
            SqliteCommand cmd = TermCommand(n);
            position.Clear();
            for (int i = 0; i < n; i++)
            {
                long key = unchecked((long)terms[start + i]);
                cmd.Parameters[i].Value = key;
                if (!position.TryGetValue(key, out List<int>? at))
                {
                    position[key] = at = new List<int>(1);
                }

                at.Add(start + i);
            }

            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (position.TryGetValue(r.GetInt64(0), out List<int>? at))
                {
                    foreach (int i in at)
                    {
                        frequencies[i] = r.GetInt64(1);
                    }
                }
            }
        }
    }

    public long TermDocuments() =>
        long.TryParse(GetSetting(SettingKeys.TermDocuments), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0;

    public List<SourceLines> SourceLines(IReadOnlyCollection<string>? sources = null)
    {
        var list = new List<SourceLines>();
        if (sources is null)
        {
            using SqliteCommand all = Command("SELECT source, documents, candidates, learned FROM source_lines ORDER BY source");
            return ReadAll(all, ReadSourceLines);
        }

        SqliteCommand one = Prepared("SELECT source, documents, candidates, learned FROM source_lines WHERE source = $s", "$s");
        foreach (string source in sources.Order(StringComparer.Ordinal))
        {
            one.Parameters[0].Value = source;
            if (ReadOne(one, ReadSourceLines) is { } state)
            {
                list.Add(state);
            }
        }

        return list;
    }

    // ---- writes ----

    public void PutSourceLines(SourceLines state)
    {
        SqliteCommand cmd = PreparedWrite("""
            INSERT INTO source_lines (source, documents, candidates, learned) VALUES ($s, $d, $c, $l)
            ON CONFLICT (source) DO UPDATE SET documents = excluded.documents, candidates = excluded.candidates, learned = excluded.learned
            """, "$s", "$d", "$c", "$l");
        byte[] candidates = new byte[state.Candidates.Length * 16];
        for (int i = 0; i < state.Candidates.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(candidates.AsSpan(i * 16), state.Candidates[i].Line);
            BinaryPrimitives.WriteInt64LittleEndian(candidates.AsSpan((i * 16) + 8), state.Candidates[i].Documents);
        }

        cmd.Parameters[0].Value = state.Source;
        cmd.Parameters[1].Value = state.Documents;
        cmd.Parameters[2].Value = candidates;
        cmd.Parameters[3].Value = JsonSerializer.Serialize(
            [.. state.Learned.Select(l => new LearnedLineJson(l.Text, l.Documents, FormatTime(l.LearnedAt)))], StorageJson.Default.LearnedLineJsonArray);
        cmd.ExecuteNonQuery();
    }

    public void SetSetting(string key, string value)
    {
        SqliteCommand cmd = PreparedWrite("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", "$k", "$v");
        cmd.Parameters[0].Value = key;
        cmd.Parameters[1].Value = value;
        cmd.ExecuteNonQuery();
    }

    public void DeleteSetting(string key)
    {
        SqliteCommand cmd = PreparedWrite("DELETE FROM settings WHERE key = $k", "$k");
        cmd.Parameters[0].Value = key;
        cmd.ExecuteNonQuery();
    }

    public string? StoredHash(string id)
    {
        SqliteCommand cmd = Prepared("SELECT content_hash FROM documents WHERE id = $id", "$id");
        cmd.Parameters[0].Value = id;
        return cmd.ExecuteScalar() as string;
    }

    public WriteOutcome WriteDocument(Article article, string contentHash, ReadOnlySpan<uint> signature, ReadOnlySpan<ulong> bandHashes, out long doc, out string? storedHash)
    {
        EnsureWritable();
        doc = 0;
        storedHash = StoredHash(article.Id);
        if (storedHash is not null)
        {
            return storedHash == contentHash ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
        }

        SqliteCommand insert = PreparedWrite("""
            INSERT INTO documents (id, source, url, title, published, authors, language, text, content_hash, ingested_at, extra_json, crawled)
            VALUES ($id, $source, $url, $title, $published, $authors, $language, $text, $hash, $at, $extra, $crawled)
            RETURNING doc
            """, "$id", "$source", "$url", "$title", "$published", "$authors", "$language", "$text", "$hash", "$at", "$extra", "$crawled");
        SqliteParameterCollection p = insert.Parameters;
        p[0].Value = article.Id;
        p[1].Value = DbValue(article.Source);
        p[2].Value = DbValue(article.Url);
        p[3].Value = DbValue(article.Title);
        p[4].Value = article.Published is { } published ? FormatTime(published) : DBNull.Value;
        p[5].Value = article.Authors.Count > 0 ? JsonSerializer.Serialize(article.Authors, StorageJson.Default.IReadOnlyListString) : DBNull.Value;
        p[6].Value = DbValue(article.Language);
        p[7].Value = article.Text;
        p[8].Value = contentHash;
        p[9].Value = FormatTime(DateTimeOffset.UtcNow);
        p[10].Value = DbValue(article.ExtraJson);
        p[11].Value = article.Crawled is { } crawled ? FormatTime(crawled) : DBNull.Value;
        doc = (long)insert.ExecuteScalar()!;

        if (!signature.IsEmpty)
        {
            SqliteCommand sig = PreparedWrite("INSERT INTO signatures (doc, signature) VALUES ($doc, $sig)", "$doc", "$sig");
            sig.Parameters[0].Value = doc;
            sig.Parameters[1].Value = SignatureBytes.ToBytes(signature);
            sig.ExecuteNonQuery();
        }

        if (!bandHashes.IsEmpty)
        {
            InsertBuckets(doc, bandHashes);
        }

        return WriteOutcome.Stored;
    }

    public long NextStoryId()
    {
        EnsureWritable();
        return Long("SELECT coalesce(max(story), 0) + 1 FROM stories");
    }

    public void UpsertStory(StoryRow row, StoryState state)
    {
        SqliteCommand cmd = PreparedWrite("""
            INSERT INTO stories (story, title, original_doc, first_published, last_published, members, last_time_ms, representatives, index_keys)
            VALUES ($s, $t, $o, $f, $l, $m, $lt, $r, $k)
            ON CONFLICT (story) DO UPDATE SET title = excluded.title, original_doc = excluded.original_doc,
                first_published = excluded.first_published, last_published = excluded.last_published, members = excluded.members,
                last_time_ms = excluded.last_time_ms, representatives = excluded.representatives, index_keys = excluded.index_keys
            """, "$s", "$t", "$o", "$f", "$l", "$m", "$lt", "$r", "$k");
        SqliteParameterCollection p = cmd.Parameters;
        p[0].Value = row.Story;
        p[1].Value = row.Title;
        p[2].Value = row.OriginalDoc;
        p[3].Value = row.FirstPublished is { } f ? FormatTime(f) : DBNull.Value;
        p[4].Value = row.LastPublished is { } l ? FormatTime(l) : DBNull.Value;
        p[5].Value = row.Members;
        p[6].Value = state.LastTime is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value;
        p[7].Value = Int64Bytes(state.Representatives);
        p[8].Value = UInt64Bytes(state.Keys);
        cmd.ExecuteNonQuery();
    }

    public long NextMemberSequence() => Long("SELECT coalesce(max(seq), 0) + 1 FROM story_members");

    public bool AddMember(long story, long doc, long seq, double score)
    {
        SqliteCommand cmd = PreparedWrite("INSERT INTO story_members (doc, story, seq, score) VALUES ($d, $s, $q, $c) ON CONFLICT (doc) DO NOTHING", "$d", "$s", "$q", "$c");
        cmd.Parameters[0].Value = doc;
        cmd.Parameters[1].Value = story;
        cmd.Parameters[2].Value = seq;
        cmd.Parameters[3].Value = score;
        return cmd.ExecuteNonQuery() == 1;
    }

    public void AddTermFrequencies(IEnumerable<KeyValuePair<ulong, long>> deltas, long documents)
    {
        SqliteCommand cmd = PreparedWrite("INSERT INTO term_frequencies (term, df) VALUES ($t, $f) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df", "$t", "$f");
        foreach ((ulong term, long delta) in deltas)
        {
            cmd.Parameters[0].Value = unchecked((long)term);
            cmd.Parameters[1].Value = delta;
            cmd.ExecuteNonQuery();
        }

        SetSetting(SettingKeys.TermDocuments, (TermDocuments() + documents).ToString(CultureInfo.InvariantCulture));
    }

    public void ClearStories()
    {
        EnsureWritable();
        using SqliteCommand cmd = Command("DELETE FROM story_members; DELETE FROM stories; DELETE FROM term_frequencies;");
        cmd.ExecuteNonQuery();
        SetSetting(SettingKeys.TermDocuments, "0");
        DeleteSetting(SettingKeys.StoryClock);
    }

    public void Commit()
    {
        EnsureWritable();
        try
        {
            _transaction!.Commit();
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{_store.Location}: could not commit ({e.Message}); nothing of this batch was stored", e);
        }

        _transaction.Dispose();
        _transaction = null;
    }

    public void Dispose()
    {
        foreach (SqliteCommand cmd in _prepared.Values)
        {
            cmd.Dispose();
        }

        _prepared.Clear();
        _transaction?.Dispose(); // rolls back what was not committed
        _transaction = null;
        _connection.Dispose();
    }

    internal static string FormatTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    internal static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    private void EnsureWritable()
    {
        if (!_writable || _transaction is null)
        {
            throw new InvalidOperationException(_writable ? "the unit of work is already committed" : "a read session cannot write");
        }
    }

    private SqliteCommand TermCommand(int n)
    {
        string key = "terms:" + n.ToString(CultureInfo.InvariantCulture);
        if (!_prepared.TryGetValue(key, out SqliteCommand? cmd))
        {
            var sql = new StringBuilder("SELECT term, df FROM term_frequencies WHERE term IN (");
            for (int i = 0; i < n; i++)
            {
                sql.Append(i == 0 ? "$t0" : ", $t").Append(i == 0 ? "" : i.ToString(CultureInfo.InvariantCulture));
            }

            cmd = Command(sql.Append(')').ToString());
            for (int i = 0; i < n; i++)
            {
                cmd.Parameters.Add("$t" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Integer);
            }

            _prepared[key] = cmd;
        }

        return cmd;
    }

    /// <summary>One multi-row INSERT per document (all its bands): a tenth of the statement calls of one row each.</summary>
    private void InsertBuckets(long doc, ReadOnlySpan<ulong> bandHashes)
    {
        string key = "buckets:" + bandHashes.Length.ToString(CultureInfo.InvariantCulture);
        if (!_prepared.TryGetValue(key, out SqliteCommand? cmd))
        {
            var sql = new StringBuilder("INSERT INTO lsh_buckets (band, hash, doc) VALUES ");
            for (int band = 0; band < bandHashes.Length; band++)
            {
                sql.Append(band == 0 ? "" : ", ").Append('(').Append(band).Append(", $h").Append(band).Append(", $doc)");
            }

            cmd = Command(sql.ToString());
            cmd.Parameters.Add("$doc", SqliteType.Integer);
            for (int band = 0; band < bandHashes.Length; band++)
            {
                cmd.Parameters.Add("$h" + band.ToString(CultureInfo.InvariantCulture), SqliteType.Integer);
            }

            _prepared[key] = cmd;
        }

        cmd.Parameters[0].Value = doc;
        for (int band = 0; band < bandHashes.Length; band++)
        {
            // SQLite integers are signed 64-bit: store the hash's bits as they are.
            cmd.Parameters[band + 1].Value = unchecked((long)bandHashes[band]);
        }

        cmd.ExecuteNonQuery();
    }

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
            Crawled = NullableString(r, 12) is { } crawled ? DateTimeOffset.Parse(crawled, CultureInfo.InvariantCulture) : null,
        };
        return new StoredDocument(r.GetInt64(0), article, r.GetString(9), DateTimeOffset.Parse(r.GetString(10), CultureInfo.InvariantCulture));
    }

    private static SourceLines ReadSourceLines(SqliteDataReader r)
    {
        byte[] bytes = (byte[])r.GetValue(2);
        var candidates = new LineCount[bytes.Length / 16];
        for (int i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new LineCount(
                BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 16)), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((i * 16) + 8)));
        }

        LearnedLineJson[] learned = JsonSerializer.Deserialize(r.GetString(3), StorageJson.Default.LearnedLineJsonArray) ?? [];
        return new SourceLines(
            r.GetString(0), r.GetInt64(1), candidates, [.. learned.Select(l => new LearnedLine(l.Text, l.Documents, ParseTime(l.LearnedAt) ?? DateTimeOffset.UnixEpoch))]);
    }

    private static StoryRow ReadStory(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), ReadTime(r, 3), ReadTime(r, 4), r.GetInt32(5));

    private static StoryState ReadState(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
        r.IsDBNull(2) ? [] : FromInt64Bytes((byte[])r.GetValue(2)),
        r.IsDBNull(3) ? [] : FromUInt64Bytes((byte[])r.GetValue(3)));

    private static byte[] Int64Bytes(long[] values)
    {
        byte[] bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        return bytes;
    }

    private static byte[] UInt64Bytes(ulong[] values)
    {
        byte[] bytes = new byte[values.Length * sizeof(ulong)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), values[i]);
        }

        return bytes;
    }

    private static long[] FromInt64Bytes(byte[] bytes)
    {
        long[] values = new long[bytes.Length / sizeof(long)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * sizeof(long)));
        }

        return values;
    }

    private static ulong[] FromUInt64Bytes(byte[] bytes)
    {
        ulong[] values = new ulong[bytes.Length / sizeof(ulong)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)));
        }

        return values;
    }

    private static List<T> ReadAll<T>(SqliteCommand cmd, Func<SqliteDataReader, T> read)
    {
        using SqliteDataReader r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
        {
            list.Add(read(r));
        }

        return list;
    }

    private static T? ReadOne<T>(SqliteCommand cmd, Func<SqliteDataReader, T> read)
        where T : class
    {
        using SqliteDataReader r = cmd.ExecuteReader();
        return r.Read() ? read(r) : null;
    }

    private static DateTimeOffset? ReadTime(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : ParseTime(r.GetString(ordinal));

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static object DbValue(string? value) => value is null ? DBNull.Value : value;

    private long Long(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand cmd = Command(sql, parameters);
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _transaction;
        foreach ((string name, object? value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private SqliteCommand PreparedWrite(string sql, params string[] parameterNames)
    {
        EnsureWritable();
        return Prepared(sql, parameterNames);
    }

    /// <summary>A command for <paramref name="sql"/>, made once per session with its parameters in order.</summary>
    private SqliteCommand Prepared(string sql, params string[] parameterNames)
    {
        if (!_prepared.TryGetValue(sql, out SqliteCommand? cmd))
        {
            cmd = Command(sql);
            foreach (string name in parameterNames)
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _prepared[sql] = cmd;
        }

        return cmd;
    }
}
