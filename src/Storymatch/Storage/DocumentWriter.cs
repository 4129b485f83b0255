using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storymatch.Fingerprints;

namespace Storymatch.Storage;

/// <summary>
/// Writes documents in batches: the first <see cref="Write"/> opens a transaction, <see cref="Commit"/> ends it.
/// A document counts as stored (acknowledged) only once its batch is committed; disposing with a batch open
/// rolls it back, so a crash loses at most the open batch and a rerun writes it again. Statements are prepared
/// once and reused. Single-threaded.
/// </summary>
public sealed class DocumentWriter : IDisposable
{
    private readonly DocumentStore _store;
    private readonly SqliteCommand _findById;
    private readonly SqliteCommand _insertDocument;
    private readonly SqliteCommand _insertSignature;
    private readonly SqliteParameter[] _documentParameters;
    private readonly SqliteParameter _findId;
    private readonly SqliteParameter _signatureDoc;
    private readonly SqliteParameter _signatureBlob;
    private SqliteCommand? _insertBuckets;
    private SqliteParameter[] _bucketHashes = [];
    private SqliteParameter? _bucketDoc;
    private SqliteTransaction? _transaction;

    internal DocumentWriter(DocumentStore store)
    {
        _store = store;
        _findById = store.Command("SELECT content_hash FROM documents WHERE id = $id");
        _findId = _findById.Parameters.Add("$id", SqliteType.Text);
        _insertDocument = store.Command("""
            INSERT INTO documents (id, source, url, title, published, authors, language, text, content_hash, ingested_at, extra_json)
            VALUES ($id, $source, $url, $title, $published, $authors, $language, $text, $hash, $at, $extra)
            RETURNING doc
            """);
        _documentParameters =
        [
            _insertDocument.Parameters.Add("$id", SqliteType.Text),
            _insertDocument.Parameters.Add("$source", SqliteType.Text),
            _insertDocument.Parameters.Add("$url", SqliteType.Text),
            _insertDocument.Parameters.Add("$title", SqliteType.Text),
            _insertDocument.Parameters.Add("$published", SqliteType.Text),
            _insertDocument.Parameters.Add("$authors", SqliteType.Text),
            _insertDocument.Parameters.Add("$language", SqliteType.Text),
            _insertDocument.Parameters.Add("$text", SqliteType.Text),
            _insertDocument.Parameters.Add("$hash", SqliteType.Text),
            _insertDocument.Parameters.Add("$at", SqliteType.Text),
            _insertDocument.Parameters.Add("$extra", SqliteType.Text),
        ];
        _insertSignature = store.Command("INSERT INTO signatures (doc, signature) VALUES ($doc, $sig)");
        _signatureDoc = _insertSignature.Parameters.Add("$doc", SqliteType.Integer);
        _signatureBlob = _insertSignature.Parameters.Add("$sig", SqliteType.Blob);
    }

    /// <summary>True when <paramref name="id"/> is stored (or written in the open batch).</summary>
    public bool Contains(string id)
    {
        EnsureTransaction();
        _findId.Value = id;
        return _findById.ExecuteScalar() is not null;
    }

    /// <summary>Documents written in the open batch (not yet acknowledged).</summary>
    public int Pending { get; private set; }

    /// <summary>
    /// Stores <paramref name="article"/> unless its id is already stored. The id stored with the same content hash
    /// is a <see cref="WriteOutcome.Duplicate"/>; with another hash a <see cref="WriteOutcome.Conflict"/> (nothing
    /// is written; <paramref name="storedHash"/> says what is stored). Band hashes are one per LSH band, in band order.
    /// </summary>
    public WriteOutcome Write(Article article, string contentHash, ReadOnlySpan<uint> signature, ReadOnlySpan<ulong> bandHashes, out string? storedHash)
    {
        EnsureTransaction();
        _findId.Value = article.Id;
        storedHash = _findById.ExecuteScalar() as string;
        if (storedHash is not null)
        {
            return storedHash == contentHash ? WriteOutcome.Duplicate : WriteOutcome.Conflict;
        }

        SqliteParameter[] p = _documentParameters;
        p[0].Value = article.Id;
        p[1].Value = DbValue(article.Source);
        p[2].Value = DbValue(article.Url);
        p[3].Value = DbValue(article.Title);
        p[4].Value = article.Published is { } published ? DocumentStore.FormatTime(published) : DBNull.Value;
        p[5].Value = article.Authors.Count > 0 ? JsonSerializer.Serialize(article.Authors, StorageJson.Default.IReadOnlyListString) : DBNull.Value;
        p[6].Value = DbValue(article.Language);
        p[7].Value = article.Text;
        p[8].Value = contentHash;
        p[9].Value = DocumentStore.FormatTime(DateTimeOffset.UtcNow);
        p[10].Value = DbValue(article.ExtraJson);
        long doc = (long)_insertDocument.ExecuteScalar()!;

        if (!signature.IsEmpty)
        {
            _signatureDoc.Value = doc;
            _signatureBlob.Value = SignatureBytes.ToBytes(signature);
            _insertSignature.ExecuteNonQuery();
        }

        if (!bandHashes.IsEmpty)
        {
            InsertBuckets(doc, bandHashes);
        }

        Pending++;
        return WriteOutcome.Stored;
    }

    /// <summary>Commits the open batch: from here on its documents survive a crash.</summary>
    public void Commit()
    {
        if (_transaction is null)
        {
            return;
        }

        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null;
        Pending = 0;
    }

    /// <summary>Drops the open batch.</summary>
    public void Rollback()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
        Pending = 0;
    }

    public void Dispose()
    {
        Rollback();
        _findById.Dispose();
        _insertDocument.Dispose();
        _insertSignature.Dispose();
        _insertBuckets?.Dispose();
    }

    private void EnsureTransaction()
    {
        if (_transaction is not null)
        {
            return;
        }

        // IMMEDIATE: take the write lock now, not at the first insert, so the duplicate check and the insert
        // see the same database even if another process writes to it.
        _transaction = _store.Connection.BeginTransaction(deferred: false);
        foreach (SqliteCommand? cmd in (SqliteCommand?[])[_findById, _insertDocument, _insertSignature, _insertBuckets])
        {
            if (cmd is not null)
            {
                cmd.Transaction = _transaction;
            }
        }
    }

    /// <summary>One multi-row INSERT per document (all its bands): a tenth of the statement calls of one row each.</summary>
    private void InsertBuckets(long doc, ReadOnlySpan<ulong> bandHashes)
    {
        if (_insertBuckets is null || _bucketHashes.Length != bandHashes.Length)
        {
            _insertBuckets?.Dispose();
            var sql = new StringBuilder("INSERT INTO lsh_buckets (band, hash, doc) VALUES ");
            for (int band = 0; band < bandHashes.Length; band++)
            {
                sql.Append(band == 0 ? "" : ", ").Append('(').Append(band).Append(", $h").Append(band).Append(", $doc)");
            }

            _insertBuckets = _store.Command(sql.ToString(), _transaction);
            _bucketDoc = _insertBuckets.Parameters.Add("$doc", SqliteType.Integer);
            _bucketHashes = new SqliteParameter[bandHashes.Length];
            for (int band = 0; band < bandHashes.Length; band++)
            {
                _bucketHashes[band] = _insertBuckets.Parameters.Add("$h" + band, SqliteType.Integer);
            }
        }

        _bucketDoc!.Value = doc;
        for (int band = 0; band < bandHashes.Length; band++)
        {
            // SQLite integers are signed 64-bit: store the hash's bits as they are.
            _bucketHashes[band].Value = unchecked((long)bandHashes[band]);
        }

        _insertBuckets.ExecuteNonQuery();
    }

    private static object DbValue(string? value) => value is null ? DBNull.Value : value;
}
