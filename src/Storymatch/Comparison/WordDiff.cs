using System.Buffers;
using Storymatch.Text;

namespace Storymatch.Comparison;

/// <summary>
/// A word-level diff of two sentences: the longest common subsequence of their words (compared without case),
/// and the runs of words between common ones as hunks. Hand-written: a sentence has tens of words, so the
/// classic O(n·m) table over pooled memory is simpler and faster than pulling in a general diff library, and the
/// hunks must index the tokens the rest of the comparison reads.
/// </summary>
internal static class WordDiff
{
    /// <summary>Sentences longer than this (in words) are compared by their first this-many words only (bounded time per pair).</summary>
    public const int MaxWords = 400;

    /// <summary>The word tokens of <paramref name="text"/> (at most <see cref="MaxWords"/>).</summary>
    public static WordDiff.Word[] Words(string text)
    {
        var words = new List<Word>();
        foreach (WordTokenizer.Token t in WordTokenizer.Enumerate(text))
        {
            words.Add(new Word(t.Start, t.Length));
            if (words.Count == MaxWords)
            {
                break;
            }
        }

        return [.. words];
    }

    /// <summary>The hunks that turn <paramref name="a"/> into <paramref name="b"/>, in order; none when the word sequences are equal.</summary>
    public static List<Hunk> Diff(string textA, Word[] a, string textB, Word[] b)
    {
        int n = a.Length;
        int m = b.Length;
        var hunks = new List<Hunk>();
        int w = m + 1;
        int[] table = ArrayPool<int>.Shared.Rent((n + 1) * w);
        try
        {
            // table[i, j] = LCS length of a[i..] and b[j..].
            for (int j = 0; j <= m; j++)
            {
                table[(n * w) + j] = 0;
            }

            for (int i = n - 1; i >= 0; i--)
            {
                table[(i * w) + m] = 0;
                for (int j = m - 1; j >= 0; j--)
                {
                    table[(i * w) + j] = Same(textA, a[i], textB, b[j])
                        ? table[((i + 1) * w) + j + 1] + 1
                        : Math.Max(table[((i + 1) * w) + j], table[(i * w) + j + 1]);
                }
            }

            int x = 0;
            int y = 0;
            int startA = 0;
            int startB = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && Same(textA, a[x], textB, b[y]))
                {
                    if (x > startA || y > startB)
                    {
                        hunks.Add(new Hunk(startA, x, startB, y));
                    }

                    x++;
                    y++;
                    startA = x;
                    startB = y;
                }
                else if (y < m && (x == n || table[(x * w) + y + 1] >= table[((x + 1) * w) + y]))
                {
                    y++;
                }
                else
                {
                    x++;
                }
            }

            if (n > startA || m > startB)
            {
                hunks.Add(new Hunk(startA, n, startB, m));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }

        return hunks;
    }

    private static bool Same(string textA, Word a, string textB, Word b) =>
        textA.AsSpan(a.Start, a.Length).Equals(textB.AsSpan(b.Start, b.Length), StringComparison.OrdinalIgnoreCase);

    /// <summary>A word: its offset and length in the sentence.</summary>
    internal readonly record struct Word(int Start, int Length)
    {
        public int End => Start + Length;
    }

    /// <summary>Words [FromA, ToA) of A stand where words [FromB, ToB) of B stand; one side may be empty (an insertion or deletion).</summary>
    internal readonly record struct Hunk(int FromA, int ToA, int FromB, int ToB)
    {
        public bool IsSubstitution => ToA > FromA && ToB > FromB;
    }
}
