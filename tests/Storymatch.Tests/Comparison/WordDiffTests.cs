using CsCheck;
using Storymatch.Comparison;

namespace Storymatch.Tests.Comparison;

public class WordDiffTests
{
    [Fact]
    public void One_changed_word_is_one_substitution_hunk()
    {
        const string a = "the leaders will meet over an informal lunch on Monday";
        const string b = "the leaders will meet over an informal dinner on Monday";
        List<WordDiff.Hunk> hunks = WordDiff.Diff(a, WordDiff.Words(a), b, WordDiff.Words(b));
        Assert.Equal([new WordDiff.Hunk(7, 8, 7, 8)], hunks);
    }

    [Fact]
    public void Insertions_deletions_and_case_are_told_apart()
    {
        const string a = "Varga did not rule out a referendum";
        const string b = "VARGA ruled out a referendum today";
        List<WordDiff.Hunk> hunks = WordDiff.Diff(a, WordDiff.Words(a), b, WordDiff.Words(b));
        Assert.Equal([new WordDiff.Hunk(1, 4, 1, 2), new WordDiff.Hunk(7, 7, 5, 6)], hunks);
        Assert.Empty(WordDiff.Diff(a, WordDiff.Words(a), a.ToUpperInvariant(), WordDiff.Words(a.ToUpperInvariant())));
    }

    [Fact]
    public void Hunks_turn_a_into_b_in_order_and_keep_every_common_word()
    {
        Gen<string> sentence = Gen.OneOf("a", "b", "c", "lunch", "dinner", "14", "not").Array[0, 12].Select(w => string.Join(' ', w));
        Gen.Select(sentence, sentence).Sample((a, b) =>
        {
            WordDiff.Word[] wa = WordDiff.Words(a);
            WordDiff.Word[] wb = WordDiff.Words(b);
            List<WordDiff.Hunk> hunks = WordDiff.Diff(a, wa, b, wb);
            var rebuilt = new List<string>();
            int x = 0;
            int common = 0;
            foreach (WordDiff.Hunk h in hunks)
            {
                Assert.True(h.FromA >= x && h.ToA >= h.FromA && h.ToB >= h.FromB);
                Assert.True(h.ToA > h.FromA || h.ToB > h.FromB);
                for (; x < h.FromA; x++, common++)
                {
                    rebuilt.Add(a.Substring(wa[x].Start, wa[x].Length));
                }

                for (int y = h.FromB; y < h.ToB; y++)
                {
                    rebuilt.Add(b.Substring(wb[y].Start, wb[y].Length));
                }

                x = h.ToA;
            }

            for (; x < wa.Length; x++, common++)
            {
                rebuilt.Add(a.Substring(wa[x].Start, wa[x].Length));
            }

            Assert.Equal(string.Join(' ', wb.Select(w => b.Substring(w.Start, w.Length))), string.Join(' ', rebuilt));
            Assert.Equal(Lcs(a.Split(' ', StringSplitOptions.RemoveEmptyEntries), b.Split(' ', StringSplitOptions.RemoveEmptyEntries)), common);
        });
    }

    private static int Lcs(string[] a, string[] b)
    {
        var t = new int[a.Length + 1, b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                t[i, j] = a[i - 1] == b[j - 1] ? t[i - 1, j - 1] + 1 : Math.Max(t[i - 1, j], t[i, j - 1]);
            }
        }

        return t[a.Length, b.Length];
    }
}
