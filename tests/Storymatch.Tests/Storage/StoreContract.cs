using Storymatch.Storage;

namespace Storymatch.Tests.Storage;

/// <summary>
/// The contract every store implementation passes: documents, settings, stories, term frequencies, the unit of
/// work (isolation, rollback, one writer at a time). A new store derives a class from this one and implements
/// <see cref="OpenStore"/>; nothing here knows which store it tests.
/// </summary>
public abstract class StoreContract : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly List<IStorymatchStore> _open = [];

    /// <summary>Opens (creating on first call) the store under test, kept in <paramref name="folder"/>.</summary>
    private protected abstract IStorymatchStore OpenStore(string folder);

    private IStorymatchStore Store()
    {
        IStorymatchStore store = OpenStore(_dir.Path);
        _open.Add(store);
        return store;
    }

    private static Article Doc(string id, string text, string? title = null, DateTimeOffset? published = null) =>
        new() { Id = id, Text = text, Title = title, Published = published };

    private static long Write(IUnitOfWork work, Article a, string hash, uint[]? sig = null, ulong[]? bands = null)
    {
        Assert.Equal(WriteOutcome.Stored, work.WriteDocument(a, hash, sig ?? [], bands ?? [], out long doc, out _));
        return doc;
    }

    [Fact]
    public void Documents_are_stored_once_duplicates_reported_and_a_different_text_under_a_stored_id_refused()
    {
        IStorymatchStore store = Store();
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            Assert.Equal(WriteOutcome.Stored, work.WriteDocument(Doc("a", "first", "Title A"), "hash-a", [1, 2, 3], [10, 20], out long doc, out _));
            Assert.True(doc > 0);
            Assert.Equal(WriteOutcome.Duplicate, work.WriteDocument(Doc("a", "first"), "hash-a", [1, 2, 3], [10, 20], out _, out _));
            Assert.Equal(WriteOutcome.Conflict, work.WriteDocument(Doc("a", "changed"), "hash-b", [], [], out _, out string? stored));
            Assert.Equal("hash-a", stored);
            work.Commit();
        }

        using IStoreSession read = store.OpenRead();
        StoredDocument d = read.GetDocument("a")!;
        Assert.Equal("first", d.Article.Text);
        Assert.Equal("Title A", d.Article.Title);
        Assert.Equal("hash-a", d.ContentHash);
        Assert.Equal([1u, 2u, 3u], read.GetSignature(d.Doc)!);
        Assert.Equal(new StoreCounts(1, 1, 2, 1), read.Count());
        Assert.Equal(1, read.CountWithContentHash("hash-a"));
        Assert.Contains(StoreIds.Hash("a"), read.IdHashes());
    }

    [Fact]
    public void Metadata_round_trips()
    {
        IStorymatchStore store = Store();
        var article = new Article
        {
            Id = "x",
            Text = "body",
            Title = "T",
            Url = "https://example.com/a",
            Source = "example.com",
            Published = new DateTimeOffset(2023, 3, 21, 9, 30, 0, TimeSpan.FromHours(2)),
            Authors = ["Ann", "Bo"],
            Language = "en",
            ExtraJson = "{\"k\":1}",
            Crawled = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            Write(work, article, "h");
            work.Commit();
        }

        using IStoreSession read = store.OpenRead();
        Article back = read.GetDocument("x")!.Article;
        Assert.Equal(article with { Authors = [] }, back with { Authors = [] });
        Assert.Equal(["Ann", "Bo"], back.Authors);
    }

    [Fact]
    public void An_uncommitted_unit_of_work_leaves_nothing_and_a_committed_one_survives_reopening()
    {
        IStorymatchStore store = Store();
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            Write(work, Doc("kept", "one"), "h1");
            work.Commit();
        }

        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            Write(work, Doc("lost", "two"), "h2");
            Assert.NotNull(work.GetDocument("lost")); // a unit of work reads its own writes
        }

        store.Dispose();
        using IStoreSession read = Store().OpenRead();
        Assert.NotNull(read.GetDocument("kept"));
        Assert.Null(read.GetDocument("lost"));
    }

    [Fact]
    public void A_read_session_does_not_see_uncommitted_writes_and_keeps_its_snapshot()
    {
        IStorymatchStore store = Store();
        using IStoreSession before = store.OpenRead();
        Assert.Equal(0, before.Count().Documents);
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            Write(work, Doc("a", "one"), "h1");
            using (IStoreSession during = store.OpenRead())
            {
                Assert.Null(during.GetDocument("a"));
            }

            work.Commit();
        }

        Assert.Equal(0, before.Count().Documents);
        using IStoreSession after = store.OpenRead();
        Assert.Equal(1, after.Count().Documents);
    }

    [Fact]
    public async Task Writers_take_turns_a_second_unit_of_work_waits_for_the_first()
    {
        IStorymatchStore store = Store();
        IStorymatchStore other = Store(); // a second handle, as another process would have
        var order = new List<string>();
        IUnitOfWork first = store.BeginWrite(TestContext.Current.CancellationToken);
        Write(first, Doc("a", "one"), "h1");
        Task second = Task.Run(() =>
        {
            using IUnitOfWork work = other.BeginWrite(TestContext.Current.CancellationToken);
            lock (order)
            {
                order.Add("second");
            }

            Assert.NotNull(work.GetDocument("a")); // it started after the first committed
            Write(work, Doc("b", "two"), "h2");
            work.Commit();
        }, TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        lock (order)
        {
            order.Add("first");
        }

        first.Commit();
        first.Dispose();
        await second;
        Assert.Equal(["first", "second"], order);
        using IStoreSession read = store.OpenRead();
        Assert.Equal(2, read.Count().Documents);
    }

    [Fact]
    public void Shared_buckets_list_only_buckets_with_several_members_and_a_bucket_lists_its_members()
    {
        IStorymatchStore store = Store();
        long a, b, c;
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            a = Write(work, Doc("a", "a"), "ha", bands: [1, 2]);
            b = Write(work, Doc("b", "b"), "hb", bands: [1, 3]);
            c = Write(work, Doc("c", "c"), "hc", bands: [4, 3]);
            work.Commit();
        }

        using IStoreSession read = store.OpenRead();
        long[][] buckets = [.. read.SharedBuckets()];
        Assert.Equal(2, buckets.Length);
        Assert.Equal([a, b], buckets[0]);
        Assert.Equal([b, c], buckets[1]);
        Assert.Equal([b, c], read.BucketMembers(1, 3).Order());
        Assert.Equal([a, b, c], read.ContentHashes().Select(h => h.Doc));
    }

    [Fact]
    public void Settings_are_stored_replaced_and_deleted()
    {
        IStorymatchStore store = Store();
        using IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken);
        Assert.Null(work.GetSetting("k"));
        work.SetSetting("k", "1");
        work.SetSetting("k", "2");
        Assert.Equal("2", work.GetSetting("k"));
        work.DeleteSetting("k");
        Assert.Null(work.GetSetting("k"));
    }

    [Fact]
    public void Stories_get_ids_from_the_store_members_once_and_their_index_state_round_trips()
    {
        IStorymatchStore store = Store();
        var t1 = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
        long s1, s2, d1, d2, d3;
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            d1 = Write(work, Doc("a", "one", published: t1), "h1");
            d2 = Write(work, Doc("b", "two", published: t1.AddDays(1)), "h2");
            d3 = Write(work, Doc("c", "three", published: t1.AddDays(30)), "h3");
            Assert.Equal(3, work.UnassignedDocuments().Count);
            s1 = work.NextStoryId();
            Assert.Equal(s1, work.NextStoryId()); // nothing taken yet
            work.UpsertStory(new StoryRow(s1, "draft", d1, null, null, 1), new StoryState(s1, null, [d1], []));
            s2 = work.NextStoryId();
            Assert.True(s2 > s1);
            work.UpsertStory(new StoryRow(s2, "Story two", d3, t1.AddDays(30), t1.AddDays(30), 1), new StoryState(s2, t1.AddDays(30), [d3], [ulong.MaxValue]));
            long seq = work.NextMemberSequence();
            Assert.True(work.AddMember(s1, d1, seq, 0));
            Assert.True(work.AddMember(s1, d2, seq + 1, 0.9));
            Assert.False(work.AddMember(s2, d2, seq + 2, 0.5)); // a document is in one story only
            Assert.True(work.AddMember(s2, d3, seq + 3, 0));
            Assert.True(work.NextMemberSequence() > seq + 3);
            work.UpsertStory(new StoryRow(s1, "Story one", d1, t1, t1.AddDays(1), 2), new StoryState(s1, t1.AddDays(1), [d1, d2], [3, 5, 9]));
            work.Commit();
        }

        using IStoreSession read = store.OpenRead();
        Assert.Empty(read.UnassignedDocuments());
        Assert.Equal(0, read.CountUnassigned());
        Assert.Equal(s1, read.StoryOf(d2));
        Assert.Equal(["a", "b"], read.Members(s1).Select(m => m.Id));
        Assert.Equal(t1.AddDays(1), read.Members(s1)[1].Published);
        Assert.Equal(0.9, read.Members(s1)[1].Score);
        Assert.Equal(new StoryRow(s1, "Story one", d1, t1, t1.AddDays(1), 2), read.GetStory(s1));
        StoryState state = read.GetStoryState(s2)!;
        Assert.Equal([d3], state.Representatives);
        Assert.Equal([ulong.MaxValue], state.Keys);
        Assert.Equal(t1.AddDays(30), state.LastTime);

        // The live window is a time range: only the story active since then.
        Assert.Equal([s2], read.LiveStories(t1.AddDays(20)).Select(s => s.Story));
        Assert.Equal([s1, s2], read.LiveStories(null).Select(s => s.Story));

        Assert.Equal([s2, s1], read.Stories(new StoryQuery { ById = false }).Select(s => s.Story));
        Assert.Equal([s1], read.Stories(new StoryQuery { MinMembers = 2 }).Select(s => s.Story));
        Assert.Equal([s2], read.Stories(new StoryQuery { TitleContains = "TWO" }).Select(s => s.Story));
        Assert.Equal([s2], read.Stories(new StoryQuery { Offset = 1, Limit = 1 }).Select(s => s.Story));
        Assert.Equal(["c"], read.MemberIds([s2])[s2]);
    }

    [Fact]
    public void Term_frequencies_add_up_across_units_of_work_and_clearing_stories_resets_them()
    {
        IStorymatchStore store = Store();
        for (int run = 0; run < 2; run++)
        {
            using IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken);
            work.AddTermFrequencies([new(1, 2), new(ulong.MaxValue, 1)], documents: 3);
            work.Commit();
        }

        using (IStoreSession read = store.OpenRead())
        {
            ulong[] terms = [ulong.MaxValue, 1, 7, 1];
            long[] df = new long[terms.Length];
            read.TermFrequencies(terms, df);
            Assert.Equal([2L, 4L, 0L, 4L], df);
            Assert.Equal(6, read.TermDocuments());
        }

        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            work.ClearStories();
            work.Commit();
        }

        using IStoreSession cleared = store.OpenRead();
        long[] none = new long[1];
        cleared.TermFrequencies([1], none);
        Assert.Equal(0, none[0]);
        Assert.Equal(0, cleared.TermDocuments());
    }

    [Fact]
    public void Source_lines_round_trip_are_replaced_per_source_and_are_listed_by_source()
    {
        IStorymatchStore store = Store();
        var learnedAt = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var b = new SourceLines("b.example", 7, [new LineCount(ulong.MaxValue, 2), new LineCount(5, 1)], [new LearnedLine("Home | World", 6, learnedAt)]);
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            work.PutSourceLines(new SourceLines("a.example", 1, [], []));
            work.PutSourceLines(b with { Documents = 3 });
            work.PutSourceLines(b); // replaces the row written before
            Assert.Equal(7, Assert.Single(work.SourceLines(["b.example"])).Documents); // the unit of work reads its own writes
            work.Commit();
        }

        using IStoreSession read = store.OpenRead();
        SourceLines back = Assert.Single(read.SourceLines(["b.example", "missing"]));
        Assert.Equal(b.Source, back.Source);
        Assert.Equal(7, back.Documents);
        Assert.Equal(b.Candidates, back.Candidates);
        LearnedLine line = Assert.Single(back.Learned);
        Assert.Equal("Home | World", line.Text);
        Assert.Equal(6, line.Documents);
        Assert.Equal(learnedAt, line.LearnedAt);
        Assert.Equal(["a.example", "b.example"], read.SourceLines().Select(s => s.Source));
        Assert.Empty(read.SourceLines([]));
    }

    [Fact]
    public void Term_lookups_of_many_terms_at_once_are_answered_in_full()
    {
        IStorymatchStore store = Store();
        ulong[] terms = [.. Enumerable.Range(1, 1203).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL)];
        using (IUnitOfWork work = store.BeginWrite(TestContext.Current.CancellationToken))
        {
            work.AddTermFrequencies(terms.Select((t, i) => new KeyValuePair<ulong, long>(t, i + 1)), 1);
            work.Commit();
        }

        using IStoreSession read = store.OpenRead();
        long[] df = new long[terms.Length];
        read.TermFrequencies(terms, df);
        Assert.Equal(Enumerable.Range(1, terms.Length).Select(i => (long)i), df);
    }

    public void Dispose()
    {
        foreach (IStorymatchStore store in _open)
        {
            store.Dispose();
        }

        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
