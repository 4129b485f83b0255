using System.Diagnostics;
using Storymatch.Extraction;
using Storymatch.Tools.Extraction;

namespace Storymatch.Tests.Extraction;

/// <summary>
/// Smoke fuzzing in the normal suite: real benchmark pages, mutated with a fixed seed (truncated, spliced, byte
/// ranges deleted or duplicated, tags injected), extracted for about three seconds. No exception, and sane output.
/// </summary>
public class ExtractionFuzzTests
{
    private static readonly string[] InjectedTags =
    [
        "<div>", "</div>", "<p>", "</p>", "<table>", "<td>", "<script>", "</script>", "<!--", "-->", "<style>", "<![CDATA[", "<svg>",
        "<a href=\"", "\">", "<article class=\"comments\">", "<template>", "<noscript>", "&#x0;", "&#xD800;", "\0", "<select>", "<frameset>",
    ];

    [Fact]
    public void Extract_MutatedRealPages_NeverThrowsAndGivesSaneText()
    {
        string dir = TestPaths.SharedOrSkip("data", "article-extraction-benchmark", "html");
        string[] files = [.. Directory.GetFiles(dir, "*.html.gz").Order(StringComparer.Ordinal).Take(12)];
        string[] pages = [.. files.Select(ExtractionBenchmark.ReadGzipText)];
        var random = new Random(20240611);
        var clock = Stopwatch.StartNew();
        int runs = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(3) || runs < 10)
        {
            string page = pages[random.Next(pages.Length)];
            string mutated = Mutate(page, pages[random.Next(pages.Length)], random);
            ExtractedArticle a = HtmlExtractor.Extract(mutated, "https://fuzz.example/2020/01/02/page");
            runs++;

            Assert.NotNull(a.Text);
            Assert.True(a.Text.Length <= mutated.Length, "text longer than its page");
            Assert.DoesNotContain("\n\n\n", a.Text);
            Assert.Equal(a.Text.Trim(), a.Text);
        }

        Assert.True(runs >= 10);
    }

    private static string Mutate(string page, string other, Random random)
    {
        string s = page;
        int steps = random.Next(1, 5);
        for (int i = 0; i < steps && s.Length > 2; i++)
        {
            int a = random.Next(s.Length);
            int b = Math.Min(s.Length, a + random.Next(1, Math.Max(2, s.Length / 10)));
            s = random.Next(5) switch
            {
                0 => s[..a],                                                                    // truncate
                1 => s[..a] + other[random.Next(other.Length)..],                               // splice with another page
                2 => s[..a] + s[b..],                                                           // delete a range
                3 => s[..b] + s[a..b] + s[b..],                                                 // duplicate a range
                _ => s[..a] + InjectedTags[random.Next(InjectedTags.Length)] + s[a..],          // inject a tag
            };
        }

        return s;
    }
}
