namespace Storymatch.Ingest;

/// <summary>
/// One input of an ingest run: a source, its size for progress (0 when unknown, e.g. standard input), and
/// whether it holds exactly one document. A single-document input is read and parsed on a worker thread (HTML
/// extraction is the costly part); a multi-document input (JSON Lines, WARC) is read in order by one thread and
/// its records fan out to the workers.
/// </summary>
internal sealed record IngestInput(string Name, IArticleSource Source, long Length, bool SingleDocument);
