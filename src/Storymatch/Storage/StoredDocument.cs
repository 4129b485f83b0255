namespace Storymatch.Storage;

/// <summary>A document as the store holds it: the article, its row number (ingest order), hash and ingest time.</summary>
public sealed record StoredDocument(long Doc, Article Article, string ContentHash, DateTimeOffset IngestedAt)
{
    public string Id => Article.Id;
}

/// <summary>What happened to one document handed to <see cref="IUnitOfWork.WriteDocument"/>.</summary>
internal enum WriteOutcome
{
    /// <summary>New id: stored.</summary>
    Stored,

    /// <summary>The id is stored with the same content hash: nothing written (incremental re-ingest).</summary>
    Duplicate,

    /// <summary>The id is stored with a different content hash: rejected, the stored document is untouched.</summary>
    Conflict,
}

/// <summary>How many rows each table holds.</summary>
public readonly record struct StoreCounts(long Documents, long Signatures, long BucketRows, long DistinctContentHashes);

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
