namespace Storymatch.Tests.Storage;

/// <summary>Seeded article-like texts for duplicate tests: a base text and edits of it with a known share of words changed.</summary>
internal static class CorpusText
{
    private static readonly string[] Vocabulary =
        [.. Enumerable.Range(0, 3000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + (char)('a' + (i % 26)))];

    /// <summary>A text of <paramref name="words"/> words drawn with <paramref name="seed"/>.</summary>
    public static string Article(int seed, int words = 300)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(i => Vocabulary[random.Next(Vocabulary.Length)] + (i % 17 == 16 ? "." : "")));
    }

    /// <summary><paramref name="text"/> with every <paramref name="every"/>-th word replaced (every 60th word keeps 5-gram Jaccard near 0.85).</summary>
    public static string Edit(string text, int every, int seed = 99)
    {
        var random = new Random(seed);
        string[] words = text.Split(' ');
        for (int i = every / 2; i < words.Length; i += every)
        {
            words[i] = "edit" + random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(' ', words);
    }
}
