namespace Storymatch.Reading;

/// <summary>What the reader knows of one token.</summary>
[Flags]
internal enum TokenFlags : ushort
{
    None = 0,
    Capitalised = 1,
    AllCaps = 2,
    SentenceStart = 4,
    Stop = 8,
    Numeric = 16,
    Unspaced = 32,
    Title = 64, // a person's title or function: "President", "Minister", "spokesman", "Mr"
    Generic = 128, // a common noun often capitalised: "Council", "Ministry", "Senado" (never an entity alone)
    Particle = 256, // a name particle between two name words: "da", "van", "bin"
    OrgWord = 512, // a word that makes a name an organisation: "Ministry", "Council", "Party", "Inc"
}

/// <summary>One token of an article as the reader sees it (a struct in one list per article: no allocation per token).</summary>
internal struct ReadToken
{
    public int Start;
    public int Length;
    public int Sentence;
    public TokenFlags Flags;
    public string? Place; // canonical code of a well-known place ("ru")
    public int NumberWord; // value of a spelled-out number ("twelve", "twelve-point"), 0 otherwise
    public byte Month;
    public byte Weekday;
    public ulong Exact; // hash of the full Latin form
    public int LatinStart; // into ArticleReading.Latin
    public int LatinLength;
    public string? Stem; // the term, when the token is a content word

    public readonly int End => Start + Length;

    public readonly bool Has(TokenFlags f) => (Flags & f) != 0;
}
