namespace Storymatch.Text;

/// <summary>
/// The one tokenizer every stage uses. A token is a run of letters, marks and digits, with an apostrophe or
/// hyphen allowed between two such characters ("china's", "x-ray"); each character of an unspaced script
/// (CJK, Thai, ...) is a token of its own. Enumeration is a <c>ref struct</c> over the input span: no
/// allocation per token.
/// </summary>
internal static class WordTokenizer
{
    /// <summary>Enumerates token ranges of <paramref name="text"/> with <c>foreach</c>.</summary>
    public static TokenEnumerator Enumerate(ReadOnlySpan<char> text) => new(text);

    /// <summary>Counts tokens without materialising them.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        int n = 0;
        foreach (Token _ in Enumerate(text))
        {
            n++;
        }

        return n;
    }

    /// <summary>Convenience for tests and non-hot callers: the tokens as strings.</summary>
    public static List<string> Tokens(string text)
    {
        var list = new List<string>();
        foreach (Token t in Enumerate(text))
        {
            list.Add(text.Substring(t.Start, t.Length));
        }

        return list;
    }

    /// <summary>A token's position in the text it was read from.</summary>
    public readonly record struct Token(int Start, int Length)
    {
        public int End => Start + Length;

        public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text.Slice(Start, Length);
    }

    public ref struct TokenEnumerator
    {
        private readonly ReadOnlySpan<char> _text;
        private int _pos;

        internal TokenEnumerator(ReadOnlySpan<char> text)
        {
            _text = text;
            _pos = 0;
            Current = default;
        }

        public Token Current { get; private set; }

        public readonly TokenEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            ReadOnlySpan<char> s = _text;
            int i = _pos;
            while (i < s.Length && !TextNormalizer.IsWordChar(s[i]) && !TextNormalizer.IsUnspacedScriptChar(s[i]))
            {
                i++;
            }

            if (i >= s.Length)
            {
                _pos = i;
                return false;
            }

            int start = i;
            if (TextNormalizer.IsUnspacedScriptChar(s[i]))
            {
                // A surrogate pair is one ideograph.
                int len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
                Current = new Token(start, len);
                _pos = i + len;
                return true;
            }

            i++;
            while (i < s.Length)
            {
                char c = s[i];
                if (TextNormalizer.IsWordChar(c) && !TextNormalizer.IsUnspacedScriptChar(c))
                {
                    i++;
                }
                else if ((c == '\'' || c == '-' || c == '\u2019') && i + 1 < s.Length
                    && TextNormalizer.IsWordChar(s[i + 1]) && !TextNormalizer.IsUnspacedScriptChar(s[i + 1]))
                {
                    i += 2;
                }
                else
                {
                    break;
                }
            }

            Current = new Token(start, i - start);
            _pos = i;
            return true;
        }
    }
}
