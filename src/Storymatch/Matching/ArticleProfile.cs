namespace Storymatch.Matching;

/// <summary>The writing system most letters of an article are in.</summary>
internal enum ArticleScript : byte
{
    Unknown,
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Other,
}

/// <summary>
/// What the similarity model knows about one article, built once from its title, text, language and date:
/// content words (stop words removed, transliterated to Latin, crudely stemmed, title weighted up), named
/// entities keyed by a phonetic <see cref="Reading.NameKey"/> so that spelling variants meet, numbers and dates in a
/// language-independent form. Immutable; cheap to score against another profile with <see cref="StorySimilarity"/>.
/// </summary>
internal sealed class ArticleProfile
{
    internal ArticleProfile(
        string? title,
        string? language,
        DateTimeOffset? published,
        int tokenCount,
        SparseVector words,
        SparseVector titleWords,
        SparseVector entities,
        SparseVector numbers,
        SparseVector dates,
        SparseVector grams,
        ArticleScript script,
        SparseVector? pivot = null,
        ushort datedMonths = 0)
    {
        DatedMonths = datedMonths;
        Script = script;
        Title = title;
        Language = language;
        Published = published;
        TokenCount = tokenCount;
        Words = words;
        TitleWords = titleWords;
        Entities = entities;
        Numbers = numbers;
        Dates = dates;
        Grams = grams;
        Pivot = pivot ?? words;
        PivotOnly = pivot is null ? [] : Except(pivot.Keys, words.Keys);
    }

    /// <summary>The title the profile was built with (display form), if any.</summary>
    public string? Title { get; }

    /// <summary>The dominant script of title and text (decides "cross-language" when a language is not given).</summary>
    public ArticleScript Script { get; }

    /// <summary>ISO 639-1 code, as given.</summary>
    public string? Language { get; }

    public DateTimeOffset? Published { get; }

    /// <summary>Word tokens in title and text (stop words included).</summary>
    public int TokenCount { get; }

    /// <summary>Content-word counts over title and text; title occurrences count <see cref="ProfileBuilder.TitleBoost"/> times.</summary>
    public SparseVector Words { get; }

    /// <summary>Content-word counts of the title alone.</summary>
    public SparseVector TitleWords { get; }

    /// <summary>Named-entity counts by phonetic key; labels are the first spelling seen.</summary>
    public SparseVector Entities { get; }

    /// <summary>Number counts by canonical value; labels are the first spelling seen.</summary>
    public SparseVector Numbers { get; }

    /// <summary>Date-part counts (day and month, month with year, weekday); labels are the first spelling seen.</summary>
    public SparseVector Dates { get; }

    /// <summary>Character 4-gram counts of the transliterated content words (cognates and names across languages).</summary>
    public SparseVector Grams { get; }

    /// <summary>
    /// Content words in the pivot language: English terms for the words a bilingual dictionary translates, the
    /// word itself otherwise; the same vector as <see cref="Words"/> for English and for languages without an
    /// installed dictionary (see <see cref="PivotDictionaries"/>).
    /// </summary>
    public SparseVector Pivot { get; }

    /// <summary>The months (bit 1 = January … bit 12 = December) of the day-and-month dates the text names ("Aug 20", "20.8.").</summary>
    public ushort DatedMonths { get; }

    /// <summary>
    /// True when both texts name days of months and no month is in both ("Aug 20" against "Nov 13"): reports of
    /// one event name its dates, so this is evidence of two events (an earlier eruption, last summer's ballot).
    /// </summary>
    public static bool DatesConflict(ArticleProfile a, ArticleProfile b) =>
        a.DatedMonths != 0 && b.DatedMonths != 0 && (a.DatedMonths & b.DatedMonths) == 0;

    /// <summary>Keys of <see cref="Pivot"/> that are not in <see cref="Words"/> (ascending): counted in document frequencies too.</summary>
    public ulong[] PivotOnly { get; }

    /// <summary>True when the profile holds no term at all (empty or punctuation-only input).</summary>
    public bool IsEmpty => Words.Count == 0 && Entities.Count == 0 && Numbers.Count == 0 && Dates.Count == 0;

    /// <summary>Builds the profile of a title and text (either may be empty).</summary>
    public static ArticleProfile Create(string? title, string text, string? language = null, DateTimeOffset? published = null) =>
        ProfileBuilder.Build(title, text, language, published);

    /// <summary>Builds the profile of an <see cref="Article"/>.</summary>
    public static ArticleProfile FromArticle(Article article) =>
        ProfileBuilder.Build(article.Title, article.Text, article.Language, article.Published);

    /// <summary>
    /// Every distinct term key of the profile (words, entities, numbers, dates): what a document adds to the
    /// document frequencies of <see cref="ITermStatistics"/>.
    /// </summary>
    public IEnumerable<ulong> DistinctTerms()
    {
        foreach (ulong k in Words.Keys)
        {
            yield return k;
        }

        foreach (ulong k in Entities.Keys)
        {
            yield return k;
        }

        foreach (ulong k in Numbers.Keys)
        {
            yield return k;
        }

        foreach (ulong k in Dates.Keys)
        {
            yield return k;
        }

        foreach (ulong k in Grams.Keys)
        {
            yield return k;
        }

        foreach (ulong k in PivotOnly)
        {
            yield return k;
        }
    }

    private static ulong[] Except(ulong[] a, ulong[] b)
    {
        var only = new List<ulong>();
        int j = 0;
        foreach (ulong k in a)
        {
            while (j < b.Length && b[j] < k)
            {
                j++;
            }

            if (j >= b.Length || b[j] != k)
            {
                only.Add(k);
            }
        }

        return [.. only];
    }
}
