using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Storymatch.Ingest;
using Storymatch.Ingest.Warc;

namespace Storymatch.Tests.Warc;

/// <summary>
/// Smoke fuzzing in the normal suite: real-looking WARC files (plain and gzip per record) are damaged with a fixed
/// seed (byte flips, truncation, splices, duplicated and deleted ranges) for a bounded time. Whatever the damage,
/// no exception escapes, every read terminates, and every problem is reported with an offset inside the file.
/// </summary>
public sealed class WarcFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(false, 11)]
    [InlineData(true, 12)]
    public void Mutated_archives_never_throw_and_always_terminate(bool gzip, int seed)
    {
        byte[] original = BuildArchive(gzip);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        int runs = 0, errors = 0, accepted = 0;
        while (clock.Elapsed < Budget / 2 || runs < 20)
        {
            byte[] mutated = Mutate(original, random);
            foreach (SourceRecord record in new WarcArticleSource("fuzz.warc", () => new MemoryStream(mutated)).Read(TestContext.Current.CancellationToken))
            {
                Assert.True(record.Article is not null || record.Error is not null || record.Skipped is not null);
                if (record.Location.Offset is { } offset)
                {
                    Assert.InRange(offset, 0, mutated.Length);
                }

                errors += record.Error is null ? 0 : 1;
                accepted += record.Article is null ? 0 : 1;
            }

            runs++;
        }

        // The mutations must both break things and leave things readable, or the test is not exercising recovery.
        Assert.True(errors > 0, "no mutation produced an error");
        Assert.True(accepted > runs, $"only {accepted} articles over {runs} runs");
    }

    private static byte[] BuildArchive(bool gzip)
    {
        var warc = new WarcFileBuilder(gzip);
        warc.Warcinfo();
        foreach ((string uri, byte[] html, int index) in SamplePages().Select((p, i) => (p.Uri, p.Html, i)))
        {
            warc.Request(uri);
            (byte[] Body, (string, string)[] Headers) encoded = (index % 3) switch
            {
                0 => (html, []),
                1 => (WarcFileBuilder.Chunked(html, 500), [("Transfer-Encoding", "chunked")]),
                _ => (WarcFileBuilder.Gzip(html), [("Content-Encoding", "gzip")]),
            };
            warc.HtmlResponse(uri, encoded.Body, "text/html; charset=utf-8", encoded.Headers);
        }

        return warc.ToArray();
    }

    /// <summary>A few benchmark pages when ../shared is there, hand-written pages otherwise (the test always runs).</summary>
    private static IEnumerable<(string Uri, byte[] Html)> SamplePages()
    {
        string? folder = TestPaths.Shared is { } shared ? Path.Combine(shared, "data", "article-extraction-benchmark", "html") : null;
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*.html.gz").Order(StringComparer.Ordinal).Take(4))
            {
                using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var copy = new MemoryStream();
                gzip.CopyTo(copy);
                yield return ($"https://bench.example/{Path.GetFileName(file)[..12]}", copy.ToArray());
            }
        }

        for (int i = 0; i < 4; i++)
        {
            yield return ($"https://hand.example/{i}", Encoding.UTF8.GetBytes(WarcFileBuilder.Page($"Hand page {i}",
                $"Paragraph {i}: the council approved the new bridge after a long debate about its cost and design.")));
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits && bytes.Count > 2; e++)
        {
            int at = random.Next(bytes.Count);
            int length = Math.Min(random.Next(1, 400), bytes.Count - at);
            switch (random.Next(6))
            {
                case 0: // flip bits
                    for (int i = 0; i < random.Next(1, 8); i++)
                    {
                        int p = random.Next(bytes.Count);
                        bytes[p] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2: // delete a range
                    bytes.RemoveRange(at, length);
                    break;
                case 3: // duplicate a range
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4: // splice: copy a range from elsewhere over this place
                    int from = random.Next(bytes.Count - length + 1);
                    bytes.InsertRange(at, bytes.GetRange(from, length));
                    break;
                default: // random bytes
                    byte[] noise = new byte[length];
                    random.NextBytes(noise);
                    bytes.InsertRange(at, noise);
                    break;
            }
        }

        return [.. bytes];
    }
}
