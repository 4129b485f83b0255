using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Storymatch.Matching;
using Storymatch.Tools.Matching;

namespace Storymatch.Tools.Commands;

/// <summary>
/// <c>storymatch-tools eval-similarity [CSV]</c>: Pearson correlation of the story similarity score with −Overall on
/// the SemEval-2022 Task 8 pairs, per subset, next to the plain TF-IDF cosine baseline.
/// </summary>
internal static class EvalSimilarityCommand
{
    private const string DefaultCsv = "../shared/data/semeval2022-task8-pairs-dev.csv";

    public static Command Create()
    {
        var csv = new Argument<FileInfo>("csv")
        {
            Description = "SemEval-2022 Task 8 pairs CSV (pair_id, lang1, lang2, text1, text2, Overall, ...).",
            DefaultValueFactory = _ => new FileInfo(DefaultCsv),
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var features = new Option<FileInfo?>("--features") { Description = "Also write every pair's score breakdown to this CSV file." };
        var fit = new Option<bool>("--fit") { Description = "Also refit the model's constants on every pair, print them, and print the figures of a cross-validation grouped by language pair (each pair scored by a fit without its language pair)." };
        var command = new Command("eval-similarity", "Correlate the story similarity score with SemEval-2022 Task 8 labels.") { csv, json, features, fit };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetValue(csv)!;
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            if (!file.Exists)
            {
                error.WriteLine($"storymatch-tools: {file.FullName}: no such file");
                return Program.ExitUsage;
            }

            var errors = new List<string>();
            var clock = Stopwatch.StartNew();
            List<LabelledPair> pairs = SimilarityEvaluation.ReadPairs(file.FullName, errors);
            foreach (string e in errors)
            {
                error.WriteLine($"storymatch-tools: {e}");
            }

            SimilarityEvaluationResult result = SimilarityEvaluation.Evaluate(pairs);
            double seconds = clock.Elapsed.TotalSeconds;
            if (parse.GetValue(features) is { } featureFile)
            {
                WriteFeatures(featureFile.FullName, result);
            }

            SimilarityFit? refit = parse.GetValue(fit) ? SimilarityEvaluation.Fit(result.Pairs) : null;
            List<SubsetCorrelation>? grouped = refit is null ? null : SimilarityEvaluation.HeldOutCorrelations(
                result.Pairs, SimilarityEvaluation.CrossValidate(result.Pairs, SimilarityEvaluation.LanguagePair), SimilarityEvaluation.LanguagePair);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    file = file.Name,
                    pairs = pairs.Count,
                    rejected = errors.Count,
                    seconds = Math.Round(seconds, 2),
                    subsets = result.Subsets.Select(s => new { subset = s.Subset, pairs = s.Pairs, pearson = Math.Round(s.Score, 4), plainTfIdf = Math.Round(s.PlainTfIdf, 4) }),
                    fit = refit is null ? null : new { features = SimilarityModel.FeatureNames, sameLanguage = refit.SameLanguage, crossLanguage = refit.CrossLanguage, centre = refit.Centre, scale = refit.Scale, fittedPearson = refit.TuningPearson },
                    heldOutByLanguagePair = grouped?.Select(s => new { subset = s.Subset, pairs = s.Pairs, pearson = Math.Round(s.Score, 4) }),
                }));
            }
            else
            {
                output.WriteLine($"{file.Name}: {pairs.Count} pairs, {errors.Count} rejected, {seconds:F1} s");
                output.WriteLine($"{"subset",-26} {"pairs",6} {"score",8} {"tf-idf",8}");
                foreach (SubsetCorrelation s in result.Subsets)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Subset,-26} {s.Pairs,6} {s.Score,8:F3} {s.PlainTfIdf,8:F3}"));
                }

                if (refit is not null)
                {
                    output.WriteLine($"refit on every pair ({string.Join(", ", SimilarityModel.FeatureNames)}):");
                    output.WriteLine($"  same-language  [{Format(refit.SameLanguage)}]");
                    output.WriteLine($"  cross-language [{Format(refit.CrossLanguage)}]");
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  centre {refit.Centre}, scale {refit.Scale}, Pearson on the fitted pairs {refit.TuningPearson:F3} (not a held-out figure)"));
                    output.WriteLine("held out by language pair (each pair scored by a fit without its language pair):");
                    foreach (SubsetCorrelation s in grouped!)
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Subset,-24} {s.Pairs,6} {s.Score,8:F3}"));
                    }
                }
            }

            return errors.Count > 0 ? Program.ExitSomeRejected : Program.ExitOk;
        });
        return command;
    }

    private static string Format(double[] weights) => string.Join(", ", weights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)));

    private static void WriteFeatures(string path, SimilarityEvaluationResult result)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("row,pair_id,lang1,lang2,overall,score,lexical,title,entities,numbers,dates,grams,cross_language,plain_tfidf,pivot,distinct");
        foreach (ScoredPair s in result.Pairs)
        {
            SimilarityBreakdown b = s.Breakdown;
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Pair.Row},{s.Pair.PairId},{s.Pair.Language1},{s.Pair.Language2},{s.Pair.Overall},{b.Score:F5},{b.Lexical:F5},{b.Title:F5},{b.Entities:F5},{b.Numbers:F5},{b.Dates:F5},{b.Grams:F5},{(b.CrossLanguage ? 1 : 0)},{s.PlainTfIdf:F5},{b.Pivot:F5},{b.Distinct:F5}"));
        }
    }
}
