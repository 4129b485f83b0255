using System.Text;
using System.Text.RegularExpressions;

namespace Storymatch.Extraction;

/// <summary>
/// Bytes of a web page to text: a byte order mark wins, then a meta charset declaration in the first 4 KB
/// (<c>&lt;meta charset&gt;</c> or <c>http-equiv="Content-Type"</c>), else UTF-8. Unknown charset names fall back
/// to UTF-8; invalid bytes become U+FFFD, never an exception.
/// </summary>
internal static partial class HtmlDecoding
{
    private const int SniffBytes = 4096;

    static HtmlDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetRegex();

    /// <summary>Decodes <paramref name="bytes"/> with the charset the page declares.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        Encoding encoding = Detect(bytes, out int bomLength);
        return encoding.GetString(bytes[bomLength..]);
    }

    /// <summary>The page's encoding (BOM, then meta declaration, then UTF-8) and the length of its byte order mark.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes, out int bomLength)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return Encoding.UTF8;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return Encoding.Unicode;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }

        bomLength = 0;
        return ByName(DeclaredCharset(bytes)) ?? Encoding.UTF8;
    }

    /// <summary>The encoding called <paramref name="name"/>, or null when .NET does not know it.</summary>
    public static Encoding? ByName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            Encoding e = Encoding.GetEncoding(name.Trim());

            // A page cannot really be UTF-16 if its meta tag was readable as ASCII; browsers treat that as UTF-8.
            return e is UnicodeEncoding or UTF32Encoding ? Encoding.UTF8 : e;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        string head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, SniffBytes)]);
        Match m = MetaCharsetRegex().Match(head);
        return m.Success ? m.Groups["cs"].Value : null;
    }
}
