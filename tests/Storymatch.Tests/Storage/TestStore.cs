using Storymatch.Ingest;
using Storymatch.Matching;
using Storymatch.Storage;
using Storymatch.Storage.Sqlite;

namespace Storymatch.Tests.Storage;

/// <summary>A SQLite store with one-call reads for assertions (each opens and closes a read session).</summary>
internal sealed class TestStore(SqliteStore store) : IDisposable
{
    public SqliteStore Store { get; } = store;

    public string FilePath => Store.Location;

    public static TestStore Open(string path) => new(SqliteStore.Open(path));

    public StoreCounts Count() => Read(r => r.Count());

    public FingerprintSettings? Settings() => Read(r => FingerprintSettings.Load(r, Store.Location));

    public StoredDocument? GetDocument(string id) => Read(r => r.GetDocument(id));

    public List<StoredDocument> Documents() => Read(r => r.Documents().ToList());

    public uint[]? GetSignature(long doc) => Read(r => r.GetSignature(doc));

    public DuplicateReport Duplicates(double? threshold = null) => Read(r => StoredDuplicates.Find(r, Store.Location, threshold));

    public IngestPipeline Pipeline(IngestOptions? options = null) => new(Store, options);

    /// <summary>Writes articles in the given order (ingest order) with their content hash and no fingerprints, in one unit of work.</summary>
    public void Write(IEnumerable<Article> articles)
    {
        using IUnitOfWork work = Store.BeginWrite(TestContext.Current.CancellationToken);
        foreach (Article a in articles)
        {
            work.WriteDocument(a, Storymatch.Fingerprints.ContentHash.Compute(a.Text), [], [], out _, out _);
        }

        work.Commit();
    }

    public void Dispose() => Store.Dispose();

    private T Read<T>(Func<IStoreSession, T> read)
    {
        using IStoreSession session = Store.OpenRead();
        return read(session);
    }
}
