using System.Text;
using Storymatch.Matching;

namespace Storymatch.Tools.Matching;

/// <summary>One labelled article pair (SemEval-2022 Task 8 format). <paramref name="Overall"/>: 1 = same story … 4 = unrelated.</summary>
internal sealed record LabelledPair(int Row, string PairId, string Language1, string Language2, string Text1, string Text2, double Overall)
{
    public bool SameLanguage => string.Equals(Language1, Language2, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Pearson correlation of a score with the negated Overall label over one subset of pairs.</summary>
internal sealed record SubsetCorrelation(string Subset, int Pairs, double Score, double PlainTfIdf);

/// <summary>A scored pair: the label, the breakdown and the plain TF-IDF baseline.</summary>
internal sealed record ScoredPair(LabelledPair Pair, SimilarityBreakdown Breakdown, double PlainTfIdf);

/// <summary>Coefficients fitted by <see cref="SimilarityEvaluation.Fit"/>, in <see cref="SimilarityModel.FeatureNames"/> order.</summary>
internal sealed record SimilarityFit(double[] SameLanguage, double[] CrossLanguage, double Centre, double Scale, double TuningPearson);

/// <summary>The outcome of <see cref="SimilarityEvaluation.Evaluate"/>.</summary>
internal sealed record SimilarityEvaluationResult(IReadOnlyList<SubsetCorrelation> Subsets, IReadOnlyList<ScoredPair> Pairs);

/// <summary>
/// Reads the SemEval-2022 Task 8 pairs CSV and measures how well <see cref="StorySimilarity"/> ranks them:
/// Pearson correlation between the score and −Overall on all pairs, same-language, cross-language and English
/// pairs. Document frequencies come from the
/// file's own texts. The first line of a text is its title when it is a short line.
/// </summary>
internal static class SimilarityEvaluation
{
    private static readonly string[] RequiredColumns = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"];

    /// <summary>Reads the pairs of <paramref name="path"/>; malformed rows are reported in <paramref name="errors"/> ("file:line: why") and skipped.</summary>
    public static List<LabelledPair> ReadPairs(string path, List<string> errors)
    {
        var pairs = new List<LabelledPair>();
        using var reader = new StreamReader(path, Encoding.UTF8);
        int line = 1;
        List<string>? header = ReadRecord(reader, ref line);
        if (header is null)
        {
            errors.Add($"{path}:1: empty file");
            return pairs;
        }

        int[] columns = new int[RequiredColumns.Length];
        for (int c = 0; c < RequiredColumns.Length; c++)
        {
            columns[c] = header.IndexOf(RequiredColumns[c]);
            if (columns[c] < 0)
            {
                errors.Add($"{path}:1: no column '{RequiredColumns[c]}'");
                return pairs;
            }
        }

        int row = 0;
        while (true)
        {
            int recordLine = line;
            List<string>? record = ReadRecord(reader, ref line);
            if (record is null)
            {
                break;
            }

            if (record.Count < header.Count)
            {
                errors.Add($"{path}:{recordLine}: {record.Count} fields, expected {header.Count}");
                continue;
            }

            if (!double.TryParse(record[columns[5]], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double overall))
            {
                errors.Add($"{path}:{recordLine}: Overall '{record[columns[5]]}' is not a number");
                continue;
            }

            pairs.Add(new LabelledPair(row++, record[columns[0]], record[columns[1]], record[columns[2]], record[columns[3]], record[columns[4]], overall));
        }

        return pairs;
    }

    /// <summary>Profiles both texts of every pair, counts document frequencies over them and correlates the scores with −Overall.</summary>
    public static SimilarityEvaluationResult Evaluate(IReadOnlyList<LabelledPair> pairs)
    {
        var profiles = new (ArticleProfile A, ArticleProfile B)[pairs.Count];
        var stats = new TermStatistics();
        for (int i = 0; i < pairs.Count; i++)
        {
            LabelledPair p = pairs[i];
            profiles[i] = (Profile(p.Text1, p.Language1), Profile(p.Text2, p.Language2));
            stats.Add(profiles[i].A);
            stats.Add(profiles[i].B);
        }

        var plain = PlainTfIdf.Build(pairs);
        var scored = new List<ScoredPair>(pairs.Count);
        for (int i = 0; i < pairs.Count; i++)
        {
            scored.Add(new ScoredPair(pairs[i], StorySimilarity.Score(profiles[i].A, profiles[i].B, stats), plain.Cosine(i)));
        }

        var subsets = new List<SubsetCorrelation>
        {
            Correlate("all", scored, _ => true),
            Correlate("same-language", scored, s => s.Pair.SameLanguage),
            Correlate("cross-language", scored, s => !s.Pair.SameLanguage),
            Correlate("English", scored, s => s.Pair.Language1 == "en" && s.Pair.Language2 == "en"),
        };
        return new SimilarityEvaluationResult(subsets, scored);
    }

    /// <summary>The ridge penalty of every fit (on every coefficient): chosen by the grouped cross-validation below.</summary>
    public const double DefaultRidge = 5;

    /// <summary>
    /// Fits the constants of <see cref="SimilarityModel"/> on <paramref name="training"/>: ridge least squares of
    /// −Overall per language group (same-language, cross-language), then the logistic centre and scale by grid search.
    /// The checked-in constants are this fit on every pair of the development file.
    /// </summary>
    public static SimilarityFit Fit(IReadOnlyList<ScoredPair> training, double ridge = DefaultRidge)
    {
        var tuning = training.ToList();
        double[] same = Ridge(tuning.Where(s => !s.Breakdown.CrossLanguage).ToList(), ridge);
        double[] cross = Ridge(tuning.Where(s => s.Breakdown.CrossLanguage).ToList(), ridge);
        var estimates = new List<double>(tuning.Count);
        var labels = new List<double>(tuning.Count);
        Span<double> x = stackalloc double[SimilarityModel.FeatureCount];
        foreach (ScoredPair s in tuning)
        {
            SimilarityModel.Expand(s.Breakdown, x);
            double[] w = s.Breakdown.CrossLanguage ? cross : same;
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += w[i] * x[i];
            }

            estimates.Add(sum);
            labels.Add(-s.Pair.Overall);
        }

        (double bestR, double bestCentre, double bestScale) = (double.MinValue, 0, 0);
        var squashed = new double[estimates.Count];
        for (double centre = -3.4; centre <= -1.6; centre += 0.05)
        {
            for (double scale = 0.1; scale <= 0.8; scale += 0.05)
            {
                for (int i = 0; i < squashed.Length; i++)
                {
                    squashed[i] = SimilarityModel.Squash(estimates[i], centre, scale);
                }

                double r = Pearson(squashed, labels);
                if (r > bestR)
                {
                    (bestR, bestCentre, bestScale) = (r, Math.Round(centre, 2), Math.Round(scale, 2));
                }
            }
        }

        return new SimilarityFit(same, cross, bestCentre, bestScale, bestR);
    }

    /// <summary>
    /// Grouped cross-validation: for each group (<paramref name="groupOf"/>, e.g. the language pair), the model is
    /// fitted (<see cref="Fit"/>) on the pairs of every other group and scores the group's pairs; returns each
    /// pair's held-out score, in the order of <paramref name="scored"/>. No pair is scored by a fit that saw it.
    /// </summary>
    public static double[] CrossValidate(IReadOnlyList<ScoredPair> scored, Func<ScoredPair, string> groupOf, double ridge = DefaultRidge)
    {
        double[] heldOut = new double[scored.Count];
        foreach (string group in scored.Select(groupOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var training = scored.Where(s => groupOf(s) != group).ToList();
            SimilarityFit fit = Fit(training, ridge);
            for (int i = 0; i < scored.Count; i++)
            {
                if (groupOf(scored[i]) == group)
                {
                    heldOut[i] = Apply(fit, scored[i].Breakdown);
                }
            }
        }

        return heldOut;
    }

    /// <summary>Pearson correlation of held-out scores with −Overall: all pairs, cross-language pairs and per group.</summary>
    public static List<SubsetCorrelation> HeldOutCorrelations(IReadOnlyList<ScoredPair> scored, double[] heldOut, Func<ScoredPair, string> groupOf)
    {
        SubsetCorrelation Of(string name, Func<ScoredPair, bool> include)
        {
            var x = new List<double>();
            var y = new List<double>();
            var b = new List<double>();
            for (int i = 0; i < scored.Count; i++)
            {
                if (include(scored[i]))
                {
                    x.Add(heldOut[i]);
                    y.Add(-scored[i].Pair.Overall);
                    b.Add(scored[i].PlainTfIdf);
                }
            }

            return new SubsetCorrelation(name, x.Count, Pearson(x, y), Pearson(b, y));
        }

        var list = new List<SubsetCorrelation>
        {
            Of("all", _ => true),
            Of("same-language", s => s.Pair.SameLanguage),
            Of("cross-language", s => !s.Pair.SameLanguage),
        };
        foreach (string group in scored.Select(groupOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            list.Add(Of(group, s => groupOf(s) == group));
        }

        return list;
    }

    /// <summary>The language pair of a pair ("de-en"): the grouping of the acceptance figure.</summary>
    public static string LanguagePair(ScoredPair s) => $"{s.Pair.Language1}-{s.Pair.Language2}";

    /// <summary>The score a fit gives a breakdown (what <see cref="SimilarityModel.Score"/> computes with the checked-in constants).</summary>
    public static double Apply(SimilarityFit fit, in SimilarityBreakdown features)
    {
        Span<double> x = stackalloc double[SimilarityModel.FeatureCount];
        SimilarityModel.Expand(features, x);
        double[] w = features.CrossLanguage ? fit.CrossLanguage : fit.SameLanguage;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += w[i] * x[i];
        }

        return SimilarityModel.Squash(sum, fit.Centre, fit.Scale);
    }

    private static double[] Ridge(List<ScoredPair> rows, double ridge)
    {
        // Normal equations (XᵀX + λI) w = Xᵀy, solved by Gaussian elimination with partial pivoting: 10 unknowns.
        int k = SimilarityModel.FeatureCount;
        double[,] m = new double[k, k + 1];
        Span<double> x = stackalloc double[k];
        foreach (ScoredPair s in rows)
        {
            SimilarityModel.Expand(s.Breakdown, x);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    m[i, j] += x[i] * x[j];
                }

                m[i, k] += x[i] * -s.Pair.Overall;
            }
        }

        for (int i = 0; i < k; i++)
        {
            m[i, i] += ridge;
        }

        for (int c = 0; c < k; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < k; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (int j = 0; j <= k; j++)
            {
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            }

            for (int r = 0; r < k; r++)
            {
                if (r == c)
                {
                    continue;
                }

                double f = m[r, c] / m[c, c];
                for (int j = c; j <= k; j++)
                {
                    m[r, j] -= f * m[c, j];
                }
            }
        }

        double[] w = new double[k];
        for (int i = 0; i < k; i++)
        {
            w[i] = m[i, k] / m[i, i];
        }

        return w;
    }

    /// <summary>Pearson correlation of two equally long series; 0 when either is constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < 2)
        {
            return 0;
        }

        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>A SemEval text as a profile: its first line is the title when it is short and more text follows.</summary>
    public static ArticleProfile Profile(string text, string? language)
    {
        string trimmed = text.Trim();
        int newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        if (newline is > 0 and < 250)
        {
            return ArticleProfile.Create(trimmed[..newline], trimmed[(newline + 1)..], language);
        }

        return ArticleProfile.Create(null, trimmed, language);
    }

    private static SubsetCorrelation Correlate(string name, List<ScoredPair> scored, Func<ScoredPair, bool> include)
    {
        var score = new List<double>();
        var baseline = new List<double>();
        var label = new List<double>();
        foreach (ScoredPair s in scored)
        {
            if (include(s))
            {
                score.Add(s.Breakdown.Score);
                baseline.Add(s.PlainTfIdf);
                label.Add(-s.Pair.Overall);
            }
        }

        return new SubsetCorrelation(name, score.Count, Pearson(score, label), Pearson(baseline, label));
    }

    // RFC 4180: comma-separated, fields optionally quoted, "" inside quotes is a quote, quoted fields may span lines.
    private static List<string>? ReadRecord(StreamReader reader, ref int line)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                fields.Add(field.ToString());
                return fields;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    line++;
                    fields.Add(field.ToString());
                    return fields;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }

    /// <summary>The baseline: plain TF-IDF cosine over normalised tokens (no stop words, stemming, names or title weight).</summary>
    private sealed class PlainTfIdf
    {
        private readonly List<(Dictionary<string, int> A, Dictionary<string, int> B)> _bags = [];
        private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);
        private int _documents;

        public static PlainTfIdf Build(IReadOnlyList<LabelledPair> pairs)
        {
            var plain = new PlainTfIdf();
            foreach (LabelledPair p in pairs)
            {
                plain._bags.Add((plain.Bag(p.Text1), plain.Bag(p.Text2)));
            }

            return plain;
        }

        public double Cosine(int index)
        {
            (Dictionary<string, int> a, Dictionary<string, int> b) = _bags[index];
            double dot = 0;
            double na = 0;
            double nb = 0;
            foreach (KeyValuePair<string, int> kv in a)
            {
                double w = kv.Value * Idf(kv.Key);
                na += w * w;
                if (b.TryGetValue(kv.Key, out int cb))
                {
                    dot += w * cb * Idf(kv.Key);
                }
            }

            foreach (KeyValuePair<string, int> kv in b)
            {
                double w = kv.Value * Idf(kv.Key);
                nb += w * w;
            }

            return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
        }

        private double Idf(string term) => Math.Log((_documents + 1.0) / (_df.GetValueOrDefault(term) + 1.0)) + 1.0;

        private Dictionary<string, int> Bag(string text)
        {
            var bag = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string token in Text.WordTokenizer.Tokens(Text.TextNormalizer.Normalize(text)))
            {
                bag[token] = bag.GetValueOrDefault(token) + 1;
            }

            _documents++;
            foreach (string term in bag.Keys)
            {
                _df[term] = _df.GetValueOrDefault(term) + 1;
            }

            return bag;
        }
    }
}
