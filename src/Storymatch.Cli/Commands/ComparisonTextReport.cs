using System.Globalization;
using System.Text;
using Storymatch.Comparison;

namespace Storymatch.Cli.Commands;

/// <summary>
/// The story comparison as text for a terminal or a file: versions, entities, quotes, numbers and dates,
/// discrepancies (the words that carry the difference in [brackets]), additions, omissions and provenance.
/// Long lines are wrapped, never cut, so every changed word stays visible.
/// </summary>
internal static class ComparisonTextReport
{
    /// <summary>Width text is wrapped to.</summary>
    public const int Width = 100;

    public static List<string> Lines(StoryComparison c)
    {
        var lines = new List<string>();
        lines.Add(c.Story is { } story ? string.Create(CultureInfo.InvariantCulture, $"Comparison of story {story}: {c.Versions.Count} versions") : $"Comparison of {c.Versions.Count} versions");
        foreach (ComparedVersion v in c.Versions)
        {
            string when = v.Published is { } p ? p.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "no date";
            string notes = v.Notes.Count == 0 ? "" : "; " + string.Join(", ", v.Notes.Select(NoteText));
            Wrap(lines, "  ", string.Create(CultureInfo.InvariantCulture,
                $"V{v.Version}{(v.IsOriginal ? " (original)" : "")}  {v.Id}  {when}, {v.Language}, {v.Sentences.Count} sentences{notes}{(v.Title is { Length: > 0 } t ? $"  \"{t}\"" : "")}"));
        }

        lines.Add("");
        lines.Add($"Entities ({c.Entities.Count}; * marks a variant spelling)");
        foreach (EntityRow e in c.Entities)
        {
            string spellings = string.Join(", ", e.Spellings.GroupBy(s => s.Version)
                .Select(g => $"V{g.Key} " + string.Join(" / ", g.Select(s => s.Spelling + (s.Variant ? "*" : "") + (s.Mentions > 1 ? string.Create(CultureInfo.InvariantCulture, $" ×{s.Mentions}") : "")))));
            string missing = e.MissingFrom.Count == 0 ? "" : "; missing from " + Versions(e.MissingFrom);
            Wrap(lines, "  ", $"{e.Name} ({e.Kind}): {spellings}{missing}");
        }

        lines.Add("");
        lines.Add($"Quotes ({c.Quotes.Count}; {c.Quotes.Count(q => q.Drift)} with drifting wording)");
        foreach (QuoteRow q in c.Quotes)
        {
            Wrap(lines, "  ", $"\"{q.Text}\"{(q.Speaker is { } s ? " - " + s : "")}{(q.Drift ? "  [wording drifts]" : "")}");
            foreach (QuoteInVersion e in q.Versions)
            {
                string where = e.Sentence is { } n ? string.Create(CultureInfo.InvariantCulture, $" (sentence {n})") : "";
                string wording = e.Status == QuoteStatus.Paraphrased && e.Wording is { } w ? $": \"{w}\"" : "";
                Wrap(lines, "      ", $"V{e.Version} {StatusText(e.Status)}{where}{wording}");
            }
        }

        lines.Add("");
        var conflicts = c.Claims.Where(x => x.Conflict).ToList();
        lines.Add($"Numbers and dates ({c.Claims.Count} claims, {conflicts.Count} in conflict)");
        foreach (ClaimRow claim in c.Claims.OrderByDescending(x => x.Conflict))
        {
            string values = string.Join(" | ", claim.Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"V{v.Version} s{v.Sentence} \"{v.Surface}\"")));
            Wrap(lines, "  ", $"{(claim.Conflict ? "CONFLICT " : "")}{(claim.Kind == ClaimKind.Date ? "date" : "number")}: {values}");
        }

        lines.Add("");
        lines.Add($"Discrepancies ({c.Discrepancies.Count}; the differing words in [brackets])");
        foreach (Discrepancy d in c.Discrepancies)
        {
            Wrap(lines, "  ", string.Create(CultureInfo.InvariantCulture,
                $"{KindText(d.Kind)}: {d.Summary}   (V{d.A.Version} sentence {d.A.Sentence} / V{d.B.Version} sentence {d.B.Sentence}, similarity {d.Similarity:0.00})"));
            Wrap(lines, "      ", $"V{d.A.Version}: {Marked(d.A)}");
            Wrap(lines, "      ", $"V{d.B.Version}: {Marked(d.B)}");
        }

        lines.Add("");
        lines.Add($"Additions ({c.Additions.Count}: what only one version says)");
        foreach (Addition a in c.Additions)
        {
            Wrap(lines, "  ", string.Create(CultureInfo.InvariantCulture, $"V{a.Version} sentence {a.Sentence}: {a.Text}"));
        }

        lines.Add("");
        lines.Add($"Omissions ({c.Omissions.Count}: what most versions carry and one drops)");
        foreach (Omission o in c.Omissions)
        {
            Wrap(lines, "  ", string.Create(CultureInfo.InvariantCulture, $"V{o.Version} drops V{o.From} sentence {o.FromSentence} (carried by {Versions(o.CarriedBy)}): {o.Text}"));
        }

        lines.Add("");
        lines.Add("Provenance (sentence <- the earlier sentence it rewrites, with similarity)");
        foreach (ComparedVersion v in c.Versions.Where(v => !v.IsOriginal))
        {
            var sourced = v.Sentences.Where(s => s.Source is not null).ToList();
            string list = sourced.Count == 0 ? "no sentence rewrites an earlier one"
                : string.Join(", ", sourced.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Sentence}<-V{s.Source!.Version}.{s.Source.Sentence} ({s.Source.Similarity:0.00})")));
            Wrap(lines, "  ", string.Create(CultureInfo.InvariantCulture, $"V{v.Version} ({sourced.Count} of {v.Sentences.Count} sentences): {list}"));
        }

        return lines;
    }

    /// <summary>The sentence with its fact-carrying runs in [brackets].</summary>
    public static string Marked(SentenceSide side)
    {
        var sb = new StringBuilder(side.Text.Length + 16);
        int at = 0;
        foreach (MarkedWords m in side.Changed.Where(m => m.Fact).OrderBy(m => m.Start))
        {
            if (m.Start < at)
            {
                continue;
            }

            sb.Append(side.Text, at, m.Start - at).Append('[').Append(side.Text, m.Start, m.Length).Append(']');
            at = m.Start + m.Length;
        }

        return sb.Append(side.Text, at, side.Text.Length - at).ToString();
    }

    /// <summary>Appends <paramref name="text"/> wrapped at word boundaries to <see cref="Width"/>, continuation lines indented two more.</summary>
    public static void Wrap(List<string> lines, string indent, string text, int width = Width)
    {
        string first = indent;
        string next = indent + "  ";
        var line = new StringBuilder(first);
        int lineStart = line.Length;
        foreach (string word in text.Replace('\n', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > lineStart && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(next);
                lineStart = line.Length;
            }

            if (line.Length > lineStart)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(line.ToString());
    }

    public static string Versions(IEnumerable<int> versions) => string.Join(", ", versions.Select(v => "V" + v.ToString(CultureInfo.InvariantCulture)));

    public static string KindText(DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.Number => "number",
        DiscrepancyKind.Date => "date",
        DiscrepancyKind.Name => "name",
        DiscrepancyKind.Spelling => "spelling",
        DiscrepancyKind.Qualifier => "qualifier",
        _ => "negation",
    };

    public static string StatusText(QuoteStatus status) => status switch
    {
        QuoteStatus.Verbatim => "verbatim",
        QuoteStatus.Paraphrased => "paraphrased",
        _ => "absent",
    };

    public static string NoteText(VersionNote note) => note switch
    {
        VersionNote.NoSentences => "no sentences",
        VersionNote.HeadlineOnly => "headline only",
        VersionNote.NoEntities => "no entities",
        VersionNote.MixedScripts => "mixed scripts",
        _ => "other language",
    };
}
