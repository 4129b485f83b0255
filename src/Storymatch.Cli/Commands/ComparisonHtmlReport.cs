using System.Globalization;
using System.Net;
using System.Text;
using Storymatch.Comparison;

namespace Storymatch.Cli.Commands;

/// <summary>
/// The story comparison as one self-contained HTML page for a person to read: inline style, no script, no
/// external resource. Words that carry a discrepancy are marked; other reworded words are shaded.
/// </summary>
internal static class ComparisonHtmlReport
{
    private const string Style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1b1b1b}
        h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
        th{background:#f3f3f3}mark{background:#ffd24d;padding:0 .1em}.chg{background:#e8eefc}.muted{color:#666}
        .badge{display:inline-block;border-radius:.3em;padding:0 .4em;font-size:.85em;background:#eee}.conflict{background:#ffd7d7}
        .variant{font-style:italic;color:#a33}.v{font-weight:600}
        """;

    public static string Render(StoryComparison c, string title)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n");

        h.Append("<h2>Versions</h2><table><tr><th>Version</th><th>Document</th><th>Headline</th><th>Published</th><th>Language</th><th>Sentences</th><th>Notes</th></tr>\n");
        foreach (ComparedVersion v in c.Versions)
        {
            h.Append("<tr><td class=\"v\">V").Append(v.Version).Append(v.IsOriginal ? " (original)" : "").Append("</td><td>").Append(E(v.Id))
                .Append("</td><td>").Append(E(v.Title ?? "")).Append("</td><td>")
                .Append(v.Published is { } p ? p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : "<span class=\"muted\">no date</span>")
                .Append("</td><td>").Append(E(v.Language)).Append("</td><td>").Append(v.Sentences.Count).Append("</td><td>")
                .Append(E(string.Join(", ", v.Notes.Select(ComparisonTextReport.NoteText)))).Append("</td></tr>\n");
        }

        h.Append("</table>\n");

        h.Append("<h2>Discrepancies (").Append(c.Discrepancies.Count).Append(")</h2>\n");
        if (c.Discrepancies.Count == 0)
        {
            h.Append("<p class=\"muted\">No aligned sentences whose facts differ.</p>\n");
        }
        else
        {
            h.Append("<p class=\"muted\">Marked: the words that carry the difference. Shaded: other reworded words.</p><table><tr><th>What</th><th>Earlier sentence</th><th>Later sentence</th></tr>\n");
            foreach (Discrepancy d in c.Discrepancies)
            {
                h.Append("<tr><td><span class=\"badge\">").Append(ComparisonTextReport.KindText(d.Kind)).Append("</span><br>").Append(E(d.Summary))
                    .Append("<br><span class=\"muted\">similarity ").Append(d.Similarity.ToString("0.00", CultureInfo.InvariantCulture)).Append("</span></td>");
                AppendSide(h, d.A);
                AppendSide(h, d.B);
                h.Append("</tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<h2>Entities (").Append(c.Entities.Count).Append(")</h2><table><tr><th>Entity</th><th>Kind</th>");
        foreach (ComparedVersion v in c.Versions)
        {
            h.Append("<th>V").Append(v.Version).Append("</th>");
        }

        h.Append("</tr>\n");
        foreach (EntityRow e in c.Entities)
        {
            h.Append("<tr><td>").Append(E(e.Name)).Append("</td><td>").Append(E(e.Kind)).Append("</td>");
            foreach (ComparedVersion v in c.Versions)
            {
                var spellings = e.Spellings.Where(s => s.Version == v.Version).ToList();
                h.Append("<td>");
                if (spellings.Count == 0)
                {
                    h.Append("<span class=\"muted\">-</span>");
                }

                h.AppendJoin(", ", spellings.Select(s => (s.Variant ? "<span class=\"variant\" title=\"variant spelling\">" + E(s.Spelling) + "</span>" : E(s.Spelling))
                    + (s.Mentions > 1 ? " ×" + s.Mentions.ToString(CultureInfo.InvariantCulture) : "")));
                h.Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");

        h.Append("<h2>Quotes (").Append(c.Quotes.Count).Append(")</h2><table><tr><th>Quote</th><th>Speaker</th>");
        foreach (ComparedVersion v in c.Versions)
        {
            h.Append("<th>V").Append(v.Version).Append("</th>");
        }

        h.Append("</tr>\n");
        foreach (QuoteRow q in c.Quotes)
        {
            h.Append("<tr><td>“").Append(E(q.Text)).Append('”').Append(q.Drift ? " <span class=\"badge conflict\">wording drifts</span>" : "")
                .Append("</td><td>").Append(E(q.Speaker ?? "")).Append("</td>");
            foreach (QuoteInVersion e in q.Versions)
            {
                h.Append("<td>").Append(ComparisonTextReport.StatusText(e.Status));
                if (e.Status == QuoteStatus.Paraphrased && e.Wording is { } w)
                {
                    h.Append("<br><span class=\"chg\">").Append(E(w)).Append("</span>");
                }

                h.Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");

        h.Append("<h2>Numbers and dates (").Append(c.Claims.Count).Append(" claims, ").Append(c.Claims.Count(x => x.Conflict)).Append(" in conflict)</h2><table><tr><th>Kind</th><th>Values</th></tr>\n");
        foreach (ClaimRow claim in c.Claims.OrderByDescending(x => x.Conflict))
        {
            h.Append(claim.Conflict ? "<tr class=\"conflict\">" : "<tr>").Append("<td>").Append(claim.Kind == ClaimKind.Date ? "date" : "number").Append(claim.Conflict ? " (conflict)" : "").Append("</td><td>")
                .AppendJoin("; ", claim.Values.Select(v => "V" + v.Version.ToString(CultureInfo.InvariantCulture) + " sentence " + v.Sentence.ToString(CultureInfo.InvariantCulture) + ": " + E(v.Surface)))
                .Append("</td></tr>\n");
        }

        h.Append("</table>\n");

        h.Append("<h2>Additions (").Append(c.Additions.Count).Append(")</h2><p class=\"muted\">What only one version says.</p><table><tr><th>Version</th><th>Sentence</th></tr>\n");
        foreach (Addition a in c.Additions)
        {
            h.Append("<tr><td>V").Append(a.Version).Append(" sentence ").Append(a.Sentence).Append("</td><td>").Append(E(a.Text)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");

        h.Append("<h2>Omissions (").Append(c.Omissions.Count).Append(")</h2><p class=\"muted\">What most versions carry and one drops.</p><table><tr><th>Dropped by</th><th>Sentence</th><th>Carried by</th></tr>\n");
        foreach (Omission o in c.Omissions)
        {
            h.Append("<tr><td>V").Append(o.Version).Append("</td><td>").Append(E(o.Text)).Append(" <span class=\"muted\">(V").Append(o.From).Append(" sentence ").Append(o.FromSentence)
                .Append(")</span></td><td>").Append(E(ComparisonTextReport.Versions(o.CarriedBy))).Append("</td></tr>\n");
        }

        h.Append("</table>\n");

        h.Append("<h2>Provenance</h2><p class=\"muted\">Each sentence and the earlier sentence it rewrites.</p>\n");
        foreach (ComparedVersion v in c.Versions)
        {
            h.Append("<h3>V").Append(v.Version).Append(' ').Append(E(v.Id)).Append("</h3><table><tr><th>#</th><th>Sentence</th><th>Rewrites</th></tr>\n");
            foreach (ComparedSentence s in v.Sentences)
            {
                h.Append("<tr><td>").Append(s.Sentence).Append("</td><td>").Append(s.IsHeadline ? "<strong>" + E(s.Text) + "</strong>" : E(s.Text)).Append("</td><td>")
                    .Append(s.Source is { } src ? string.Create(CultureInfo.InvariantCulture, $"V{src.Version} sentence {src.Sentence} ({src.Similarity:0.00})") : v.IsOriginal ? "" : "<span class=\"muted\">new</span>")
                    .Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void AppendSide(StringBuilder h, SentenceSide side)
    {
        h.Append("<td><span class=\"v\">V").Append(side.Version).Append(" sentence ").Append(side.Sentence).Append("</span><br>");
        int at = 0;
        foreach (MarkedWords m in side.Changed.OrderBy(m => m.Start))
        {
            if (m.Start < at)
            {
                continue;
            }

            h.Append(E(side.Text[at..m.Start])).Append(m.Fact ? "<mark>" : "<span class=\"chg\">").Append(E(side.Text.Substring(m.Start, m.Length))).Append(m.Fact ? "</mark>" : "</span>");
            at = m.Start + m.Length;
        }

        h.Append(E(side.Text[at..])).Append("</td>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
