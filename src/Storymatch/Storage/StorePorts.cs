namespace Storymatch.Storage;

/// <summary>
/// The storage port: one database that many threads (and processes) share. Reads go through a
/// <see cref="IStoreSession"/> (a consistent snapshot); writes through an <see cref="IUnitOfWork"/>, of which at
/// most one is open at a time across every process using the database (the others wait their turn). Every
/// implementation passes the same contract test suite; nothing outside <c>Storage/&lt;Implementation&gt;/</c>
/// knows which store it talks to.
/// </summary>
internal interface IStorymatchStore : IDisposable
{
    /// <summary>What the user named: a file path or a connection description without secrets.</summary>
    string Location { get; }

    /// <summary>True when the store was opened for reading only: <see cref="BeginWrite"/> throws.</summary>
    bool IsReadOnly { get; }

    /// <summary>A read session: a consistent view of the committed data until disposed.</summary>
    IStoreSession OpenRead();

    /// <summary>
    /// The unit of work: an exclusive write transaction. Waits while another writer holds the store (up to the
    /// store's lock timeout, then <see cref="StoreException"/>). Nothing is visible to others until
    /// <see cref="IUnitOfWork.Commit"/>; disposing without commit rolls everything back.
    /// </summary>
    IUnitOfWork BeginWrite(CancellationToken cancellationToken = default);
}

/// <summary>Everything the engine reads from a store.</summary>
internal interface IStoreSession : IDisposable
{
    string? GetSetting(string key);

    StoreCounts Count();

    StoredDocument? GetDocument(string id);

    /// <summary>How many stored documents have this content hash.</summary>
    long CountWithContentHash(string contentHash);

    /// <summary>The stored documents with these row numbers, keyed by row number (missing ones left out).</summary>
    Dictionary<long, StoredDocument> GetDocuments(IEnumerable<long> docs);

    /// <summary>Every document in ingest order, streamed.</summary>
    IEnumerable<StoredDocument> Documents();

    /// <summary>(row, id, content hash) of every document in ingest order.</summary>
    IEnumerable<(long Doc, string Id, string ContentHash)> ContentHashes();

    /// <summary>Every stored signature in ingest order.</summary>
    IEnumerable<(long Doc, uint[] Signature)> Signatures();

    uint[]? GetSignature(long doc);

    /// <summary>LSH buckets with at least two members, each as its member rows, in (band, hash) order.</summary>
    IEnumerable<long[]> SharedBuckets();

    /// <summary>The members of one LSH bucket.</summary>
    List<long> BucketMembers(int band, ulong hash);

    /// <summary>A 64-bit hash of every stored id (<see cref="StoreIds.Hash"/>): a compact "probably stored" test.</summary>
    HashSet<ulong> IdHashes();

    /// <summary>Documents after row <paramref name="afterDoc"/> not in any story, in ingest order, with their publication time; at most <paramref name="limit"/>.</summary>
    List<(long Doc, DateTimeOffset? Published)> UnassignedDocuments(long afterDoc = 0, int limit = int.MaxValue);

    long CountUnassigned();

    /// <summary>Stories matching <paramref name="query"/>, newest activity first, one page.</summary>
    List<StoryRow> Stories(StoryQuery query);

    StoryRow? GetStory(long story);

    /// <summary>Members of one story in assignment order.</summary>
    List<MemberRow> Members(long story);

    /// <summary>Member ids of several stories, in assignment order (for listings).</summary>
    Dictionary<long, List<string>> MemberIds(IReadOnlyCollection<long> stories);

    long? StoryOf(long doc);

    /// <summary>The stored index state of every story whose latest member is at or after <paramref name="since"/> (and of undated stories).</summary>
    List<StoryState> LiveStories(DateTimeOffset? since);

    StoryState? GetStoryState(long story);

    /// <summary>Document frequencies of <paramref name="terms"/> (0 where unknown), written into <paramref name="frequencies"/>.</summary>
    void TermFrequencies(ReadOnlySpan<ulong> terms, Span<long> frequencies);

    /// <summary>Documents counted into the term frequencies.</summary>
    long TermDocuments();

    /// <summary>
    /// The repeated-line state of these sources (those without any left out), or of every source when
    /// <paramref name="sources"/> is null, ordered by source.
    /// </summary>
    List<SourceLines> SourceLines(IReadOnlyCollection<string>? sources = null);
}

/// <summary>An exclusive write transaction that also reads what it has written.</summary>
internal interface IUnitOfWork : IStoreSession
{
    void SetSetting(string key, string value);

    void DeleteSetting(string key);

    /// <summary>
    /// Stores the document unless its id is stored: same content hash → <see cref="WriteOutcome.Duplicate"/>,
    /// another → <see cref="WriteOutcome.Conflict"/> (nothing written). <paramref name="doc"/> is the new row.
    /// </summary>
    WriteOutcome WriteDocument(Article article, string contentHash, ReadOnlySpan<uint> signature, ReadOnlySpan<ulong> bandHashes, out long doc, out string? storedHash);

    /// <summary>The content hash stored for this id, or null.</summary>
    string? StoredHash(string id);

    /// <summary>
    /// The id the next new story takes: one above every story id the store holds. Valid for this unit of work only
    /// (it holds the write lock, so no other writer can take it); ids taken are written with <see cref="UpsertStory"/>.
    /// </summary>
    long NextStoryId();

    /// <summary>Writes a story's row (title, original, times, member count) and its index state, creating it if new.</summary>
    void UpsertStory(StoryRow row, StoryState state);

    /// <summary>The next member sequence number (assignment order across the store).</summary>
    long NextMemberSequence();

    /// <summary>Adds a membership; false when the document is already in a story (someone else assigned it).</summary>
    bool AddMember(long story, long doc, long seq, double score);

    /// <summary>Adds to document frequencies (df += delta) and to the counted documents: safe beside other writers.</summary>
    void AddTermFrequencies(IEnumerable<KeyValuePair<ulong, long>> deltas, long documents);

    /// <summary>Writes a source's repeated-line state, replacing the stored one.</summary>
    void PutSourceLines(SourceLines state);

    /// <summary>Removes every story, membership and term frequency.</summary>
    void ClearStories();

    /// <summary>Makes everything written visible to others and durable.</summary>
    void Commit();
}

/// <summary>A stored story: id, title, likely original (document row), first and latest member times, member count.</summary>
internal sealed record StoryRow(long Story, string Title, long OriginalDoc, DateTimeOffset? FirstPublished, DateTimeOffset? LastPublished, int Members);

/// <summary>A stored membership: document row and id, assignment order, match score on joining, the document's publication time.</summary>
internal sealed record MemberRow(long Doc, string Id, long Seq, double Score, DateTimeOffset? Published);

/// <summary>
/// What story assignment keeps of a story between runs: its clock (latest member time, null for undated), the
/// documents whose profiles represent it (first member and latest ones) and the index keys of those profiles.
/// </summary>
internal sealed record StoryState(long Story, DateTimeOffset? LastTime, long[] Representatives, ulong[] Keys);

/// <summary>
/// What ingest has learned about one source's template lines: how many of its documents it has seen, the
/// candidate lines with the number of documents holding each (a bounded list: <see cref="LineCount.Line"/> is a
/// hash of the line's normal form) and the lines learned as boilerplate, which stay learned.
/// </summary>
internal sealed record SourceLines(string Source, long Documents, LineCount[] Candidates, LearnedLine[] Learned);

/// <summary>A candidate line (hash of its normal form) and how many documents of the source hold it.</summary>
internal readonly record struct LineCount(ulong Line, long Documents);

/// <summary>A line learned as a source's boilerplate: its text, the documents that held it, when it was learned.</summary>
internal sealed record LearnedLine(string Text, long Documents, DateTimeOffset LearnedAt);

/// <summary>A page of stories with optional filters.</summary>
internal sealed record StoryQuery
{
    public int Offset { get; init; }

    public int Limit { get; init; } = int.MaxValue;

    public int MinMembers { get; init; } = 1;

    /// <summary>Oldest first by id (stable listing) instead of newest activity first.</summary>
    public bool ById { get; init; } = true;

    /// <summary>Stories whose latest member is at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Stories whose first member is at or before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Case-insensitive substring of the title.</summary>
    public string? TitleContains { get; init; }
}

/// <summary>Store-independent helpers for ids.</summary>
internal static class StoreIds
{
    /// <summary>The hash <see cref="IStoreSession.IdHashes"/> uses.</summary>
    public static ulong Hash(string id) => Fingerprints.TokenHash.Hash(id);
}

/// <summary>Keys of the settings every store keeps.</summary>
internal static class SettingKeys
{
    public const string FadeDays = "stories.fade_days";
    public const string TermDocuments = "stories.term_documents";
    public const string StoryClock = "stories.clock";

    /// <summary>Bumped by every unit of work that changes stories: a process's cached story state is stale when it moved.</summary>
    public const string StoryGeneration = "stories.generation";
}
