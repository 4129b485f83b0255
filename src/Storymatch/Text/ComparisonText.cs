
namespace Storymatch.Text;

/// <summary>
/// What duplicate detection compares: the headline and the body. A text file already starts with its headline;
/// a JSON Lines record or a page carries it apart, so it is put in front. Without this, the same article as a
/// file and as a feed line would differ by the headline and never be an exact copy.
/// </summary>
internal static class ComparisonText
{
    /// <summary>The normal form (<see cref="TextNormalizer.Normalize"/>) of headline + body.</summary>
    public static string Normalized(Article article)
    {
        string text = TextNormalizer.Normalize(article.Text);
        if (string.IsNullOrWhiteSpace(article.Title))
        {
            return text;
        }

        // Normalize folds every whitespace run to one space, so this equals Normalize(title + "\n\n" + text).
        string title = TextNormalizer.Normalize(article.Title);
        return text.StartsWith(title, StringComparison.Ordinal) ? text : text.Length == 0 ? title : title + " " + text;
    }

    /// <summary>
    /// Headline + body in display form (case and paragraphs kept), for sentence alignment: the body alone when it
    /// already starts with the headline (compared in normal form), else the headline, a blank line and the body.
    /// </summary>
    public static string Display(Article article)
    {
        if (string.IsNullOrWhiteSpace(article.Title)
            || TextNormalizer.Normalize(article.Text).StartsWith(TextNormalizer.Normalize(article.Title), StringComparison.Ordinal))
        {
            return article.Text;
        }

        return article.Title.Trim() + "\n\n" + article.Text;
    }
}
