using System.Text.Json.Serialization;

namespace Storymatch.Comparison;

/// <summary>
/// How the versions of one story differ: who is named and how, who is quoted saying what, which numbers and dates
/// each gives, where aligned sentences disagree, what each adds or drops, and which earlier sentence each sentence
/// rewrites. Versions are numbered from 1 in the order they appeared (the original first), sentences from 1 within
/// their version (the headline, when there is one, is sentence 1). This model is also the JSON schema of
/// <c>story --compare --json</c>, <c>compare --json</c> and the HTTP comparison (field names in snake_case).
/// </summary>
/// <param name="Story">The story number, or null for versions compared directly.</param>
/// <param name="Versions">The versions, original first, then by publication time and arrival.</param>
/// <param name="Entities">One row per person, organisation or place, most mentioned first.</param>
/// <param name="Quotes">Each quote with its speaker and how each version carries it.</param>
/// <param name="Claims">Numbers and dates per aligned claim (sentences that correspond across versions).</param>
/// <param name="Discrepancies">Aligned sentences whose facts differ, with the differing words marked.</param>
/// <param name="Additions">Sentences only one version carries.</param>
/// <param name="Omissions">Sentences most versions carry and a version drops.</param>
public sealed record StoryComparison(
    long? Story,
    IReadOnlyList<ComparedVersion> Versions,
    IReadOnlyList<EntityRow> Entities,
    IReadOnlyList<QuoteRow> Quotes,
    IReadOnlyList<ClaimRow> Claims,
    IReadOnlyList<Discrepancy> Discrepancies,
    IReadOnlyList<Addition> Additions,
    IReadOnlyList<Omission> Omissions);

/// <summary>One version: its identity, its sentences with their provenance, and what is unusual about it.</summary>
/// <param name="Version">Its number in the comparison (1 = the original).</param>
/// <param name="Id">The document id (or the name the user gave).</param>
/// <param name="Title">The headline, when known.</param>
/// <param name="Published">The publication time, when known.</param>
/// <param name="Language">ISO 639-1 code as read (declared or detected; "und" when it cannot be told).</param>
/// <param name="IsOriginal">True for the version the others are compared to.</param>
/// <param name="Sentences">Every sentence, headline first.</param>
/// <param name="Notes">Conditions that limit the comparison of this version (none for an ordinary article).</param>
public sealed record ComparedVersion(
    int Version,
    string Id,
    string? Title,
    DateTimeOffset? Published,
    string Language,
    bool IsOriginal,
    IReadOnlyList<ComparedSentence> Sentences,
    IReadOnlyList<VersionNote> Notes);

/// <summary>A condition that limits what can be compared in a version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VersionNote>))]
public enum VersionNote
{
    /// <summary>The version has no sentence at all (empty or only punctuation).</summary>
    [JsonStringEnumMemberName("no_sentences")]
    NoSentences,

    /// <summary>The version is a headline and nothing else.</summary>
    [JsonStringEnumMemberName("headline_only")]
    HeadlineOnly,

    /// <summary>No person, organisation or place was found in it.</summary>
    [JsonStringEnumMemberName("no_entities")]
    NoEntities,

    /// <summary>Its letters come from more than one script (Latin and Cyrillic, say): names are compared through their Latin transliteration.</summary>
    [JsonStringEnumMemberName("mixed_scripts")]
    MixedScripts,

    /// <summary>Its language differs from the original's: sentences are aligned across languages only through names and numbers.</summary>
    [JsonStringEnumMemberName("other_language")]
    OtherLanguage,
}

/// <summary>One sentence of a version and the earlier sentence it rewrites, if any.</summary>
/// <param name="Sentence">Its number in the version (from 1).</param>
/// <param name="Text">The sentence as written.</param>
/// <param name="IsHeadline">True for the headline.</param>
/// <param name="Source">The sentence of the original, or of the nearest earlier version, that this one rewrites; null when none does.</param>
public sealed record ComparedSentence(int Sentence, string Text, bool IsHeadline, SentenceSource? Source);

/// <summary>Where a sentence comes from: a version, its sentence, and how similar the two are (0 to 1).</summary>
public sealed record SentenceSource(int Version, int Sentence, double Similarity);

/// <summary>One real-world person, organisation or place across the versions.</summary>
/// <param name="Name">The spelling most versions use.</param>
/// <param name="Kind">person, organisation, place or unknown.</param>
/// <param name="Spellings">Each spelling each version uses, with its number of mentions; variants are marked.</param>
/// <param name="MissingFrom">Versions (numbers) that never mention it.</param>
public sealed record EntityRow(string Name, string Kind, IReadOnlyList<EntitySpelling> Spellings, IReadOnlyList<int> MissingFrom);

/// <summary>A spelling of an entity in one version.</summary>
/// <param name="Version">The version.</param>
/// <param name="Spelling">The name as written there.</param>
/// <param name="Mentions">How often it is written so.</param>
/// <param name="Variant">True when it differs from the row's <see cref="EntityRow.Name"/>.</param>
public sealed record EntitySpelling(int Version, string Spelling, int Mentions, bool Variant);

/// <summary>A quote and how each version carries it.</summary>
/// <param name="Text">The wording of the earliest version that quotes it.</param>
/// <param name="Speaker">Who says it, where a version tells.</param>
/// <param name="Drift">True when versions quote it in different words (inside quotation marks).</param>
/// <param name="Versions">One entry per version, in version order.</param>
public sealed record QuoteRow(string Text, string? Speaker, bool Drift, IReadOnlyList<QuoteInVersion> Versions);

/// <summary>How one version carries a quote.</summary>
/// <param name="Version">The version.</param>
/// <param name="Status">verbatim, paraphrased or absent.</param>
/// <param name="Sentence">The sentence that carries it (null when absent).</param>
/// <param name="Wording">The words inside the quotation marks, or the sentence that reports it without them (null when absent).</param>
public sealed record QuoteInVersion(int Version, QuoteStatus Status, int? Sentence, string? Wording);

/// <summary>How a version carries a quote.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuoteStatus>))]
public enum QuoteStatus
{
    /// <summary>The same words (up to case, punctuation and quotation marks).</summary>
    [JsonStringEnumMemberName("verbatim")]
    Verbatim,

    /// <summary>Other words: a reworded quote, or the statement reported without quotation marks.</summary>
    [JsonStringEnumMemberName("paraphrased")]
    Paraphrased,

    /// <summary>The version does not carry it.</summary>
    [JsonStringEnumMemberName("absent")]
    Absent,
}

/// <summary>A number or date of one claim (a group of corresponding sentences) across the versions.</summary>
/// <param name="Kind">number or date.</param>
/// <param name="Conflict">True when the versions give different values.</param>
/// <param name="Values">The value each version gives (versions without this claim are left out).</param>
public sealed record ClaimRow(ClaimKind Kind, bool Conflict, IReadOnlyList<ClaimValue> Values);

/// <summary>What a claim's value is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClaimKind>))]
public enum ClaimKind
{
    [JsonStringEnumMemberName("number")]
    Number,

    [JsonStringEnumMemberName("date")]
    Date,
}

/// <summary>One version's value for a claim.</summary>
/// <param name="Version">The version.</param>
/// <param name="Sentence">The sentence that gives it.</param>
/// <param name="Surface">As written ("twelve-point", "March 20").</param>
/// <param name="Value">Normalised: a number with its unit ("12", "3.2 million customers"), or an ISO date or range ("2023-03-20/2023-03-22"); the surface when it cannot be resolved.</param>
public sealed record ClaimValue(int Version, int Sentence, string Surface, string Value);

/// <summary>Two aligned sentences whose facts differ.</summary>
/// <param name="Kind">What differs.</param>
/// <param name="Summary">The change in a few words ("lunch → dinner").</param>
/// <param name="A">The earlier sentence (the one the other corresponds to).</param>
/// <param name="B">The later sentence.</param>
/// <param name="Similarity">How similar the two sentences are otherwise (0 to 1).</param>
public sealed record Discrepancy(DiscrepancyKind Kind, string Summary, SentenceSide A, SentenceSide B, double Similarity);

/// <summary>What differs between two aligned sentences.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiscrepancyKind>))]
public enum DiscrepancyKind
{
    /// <summary>A number (amount, count, share, score) differs.</summary>
    [JsonStringEnumMemberName("number")]
    Number,

    /// <summary>A date, day or time differs.</summary>
    [JsonStringEnumMemberName("date")]
    Date,

    /// <summary>A different person, organisation or place (or a corrupted name).</summary>
    [JsonStringEnumMemberName("name")]
    Name,

    /// <summary>The same name spelled differently.</summary>
    [JsonStringEnumMemberName("spelling")]
    Spelling,

    /// <summary>A word of one contrasting set replaced by another (lunch and dinner, informal and formal, first and second).</summary>
    [JsonStringEnumMemberName("qualifier")]
    Qualifier,

    /// <summary>One says not (no, never) where the other does not.</summary>
    [JsonStringEnumMemberName("negation")]
    Negation,
}

/// <summary>One side of a discrepancy: the version, the sentence and the words that differ (offsets in UTF-16 code units into <see cref="Text"/>).</summary>
public sealed record SentenceSide(int Version, int Sentence, string Text, IReadOnlyList<MarkedWords> Changed);

/// <summary>A run of changed words in a sentence: where it starts, how long it is (UTF-16 code units), its text, and whether it carries the discrepancy (false: reworded around it).</summary>
public sealed record MarkedWords(int Start, int Length, string Text, bool Fact);

/// <summary>A sentence only one version carries.</summary>
public sealed record Addition(int Version, int Sentence, string Text);

/// <summary>A sentence most versions carry that a version drops.</summary>
/// <param name="Version">The version that drops it.</param>
/// <param name="Text">The sentence as the earliest version carrying it words it.</param>
/// <param name="From">That version.</param>
/// <param name="FromSentence">Its sentence number there.</param>
/// <param name="CarriedBy">Every version that carries it.</param>
public sealed record Omission(int Version, string Text, int From, int FromSentence, IReadOnlyList<int> CarriedBy);
