using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Storymatch.Extraction.Web;

/// <summary>Where the charset used to decode a page came from.</summary>
internal enum CharsetSource
{
    ByteOrderMark,
    HttpHeader,
    MetaTag,
    DetectedUtf8,
    FallbackWindows1252,
}

/// <summary>A decoded page: its text, the encoding used and why that encoding was chosen.</summary>
internal readonly record struct DecodedHtml(string Html, Encoding Encoding, CharsetSource Source);

/// <summary>
/// Turns the raw bytes of a web page into text. The order follows the WHATWG encoding-sniffing algorithm: a byte
/// order mark, then the HTTP Content-Type charset, then a &lt;meta&gt; declaration in the first bytes, then
/// detection (valid UTF-8, else windows-1252). A declaration that cannot be right (UTF-8 declared over bytes that
/// are not UTF-8, an unknown label) is ignored and the next source is tried, so a wrong charset degrades rather
/// than fails.
/// </summary>
internal static partial class HtmlDecoder
{
    /// <summary>How far into the page a &lt;meta charset&gt; is looked for (the standard says 1024; real pages put it later).</summary>
    public const int MetaPrescanBytes = 8192;

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    static HtmlDecoder()
    {
        // Legacy code pages (windows-125x, GBK, Shift_JIS, EUC-KR, Big5, KOI8-R, ISO-8859-x) live in this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="httpContentType"/> is the Content-Type header, if any.</summary>
    public static DecodedHtml Decode(ReadOnlySpan<byte> bytes, string? httpContentType = null)
    {
        Encoding encoding;
        CharsetSource source;
        int bomLength = DetectBom(bytes, out Encoding? bomEncoding);
        if (bomEncoding is not null)
        {
            (encoding, source) = (bomEncoding, CharsetSource.ByteOrderMark);
        }
        else if (Usable(ResolveCharset(CharsetParameter(httpContentType)), bytes) is { } fromHeader)
        {
            (encoding, source) = (fromHeader, CharsetSource.HttpHeader);
        }
        else if (Usable(ResolveCharset(SniffMetaCharset(bytes)), bytes) is { } fromMeta)
        {
            (encoding, source) = (fromMeta, CharsetSource.MetaTag);
        }
        else if (IsMostlyUtf8(bytes))
        {
            (encoding, source) = (Utf8NoBom, CharsetSource.DetectedUtf8);
        }
        else
        {
            (encoding, source) = (Encoding.GetEncoding(1252), CharsetSource.FallbackWindows1252);
        }

        return new DecodedHtml(encoding.GetString(bytes[bomLength..]), encoding, source);
    }

    /// <summary>
    /// Maps a charset label to an encoding as browsers do (WHATWG labels: "latin1" and "ascii" mean windows-1252,
    /// "gb2312"/"gbk" mean GB18030, "shift_jis" means windows-31J...), or null when the label is unknown.
    /// </summary>
    public static Encoding? ResolveCharset(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        string name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        int codePage = name switch
        {
            "utf-8" or "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8" => 65001,
            // A page that says UTF-16 in a meta tag was necessarily read as ASCII-compatible: browsers use UTF-8.
            "utf-16" or "utf-16le" or "utf-16be" or "unicode" => 65001,
            "us-ascii" or "ascii" or "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "cp1252" or "windows-1252"
                or "x-cp1252" or "cp819" or "ibm819" or "iso_8859-1" or "iso-ir-100" => 1252,
            "iso-8859-9" or "latin5" or "windows-1254" or "cp1254" => 1254,
            "tis-620" or "iso-8859-11" or "windows-874" => 874,
            "gb2312" or "gbk" or "x-gbk" or "gb18030" or "chinese" or "csgb2312" or "gb_2312-80" or "cp936" => 54936,
            "shift_jis" or "shift-jis" or "sjis" or "x-sjis" or "ms_kanji" or "windows-31j" or "cp932" or "csshiftjis" => 932,
            "euc-kr" or "ks_c_5601-1987" or "windows-949" or "cp949" or "korean" => 949,
            "big5" or "big5-hkscs" or "x-x-big5" or "cn-big5" or "cp950" => 950,
            "euc-jp" or "x-euc-jp" => 51932,
            "koi8-r" or "koi8" or "koi" or "cskoi8r" => 20866,
            "koi8-u" or "koi8-ru" => 21866,
            "windows-1251" or "cp1251" or "x-cp1251" => 1251,
            _ => 0,
        };

        try
        {
            return codePage == 65001 ? Utf8NoBom : codePage != 0 ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The charset parameter of a Content-Type value ("text/html; charset=windows-1251"), or null.</summary>
    public static string? CharsetParameter(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        Match m = CharsetParameterRegex().Match(contentType);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The charset a &lt;meta charset&gt; or &lt;meta http-equiv="Content-Type"&gt; declares in the first bytes, or null.</summary>
    public static string? SniffMetaCharset(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> head = bytes[..Math.Min(bytes.Length, MetaPrescanBytes)];
        if (head.IndexOf("<meta"u8) < 0 && head.IndexOf("<META"u8) < 0 && head.IndexOf("<Meta"u8) < 0)
        {
            return null;
        }

        // Latin-1 maps each byte to one char, so the ASCII markup survives whatever the real encoding is.
        Match m = MetaCharsetRegex().Match(Encoding.Latin1.GetString(head));
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The encoding if it can decode these bytes: a UTF-8 declaration over bytes that are not UTF-8 is rejected.</summary>
    private static Encoding? Usable(Encoding? declared, ReadOnlySpan<byte> bytes) =>
        declared is null ? null : declared.CodePage == 65001 && !IsMostlyUtf8(bytes) ? null : declared;

    /// <summary>
    /// Valid UTF-8, or UTF-8 with a few broken sequences (a truncated or patched page): then most non-ASCII
    /// sequences decode. A legacy 8-bit or CJK page read as UTF-8 fails on nearly every non-ASCII byte.
    /// </summary>
    internal static bool IsMostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return true;
        }

        int valid = 0, invalid = 0;
        for (int i = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F); i >= 0 && i < bytes.Length;)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }

            OperationStatus status = Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed);
            if (status == OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            i += Math.Max(consumed, 1);
        }

        return invalid * 20 <= valid;
    }

    private static int DetectBom(ReadOnlySpan<byte> bytes, out Encoding? encoding)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = Utf8NoBom;
            return 3;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encoding = Encoding.Unicode;
            return 2;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = Encoding.BigEndianUnicode;
            return 2;
        }

        encoding = null;
        return 0;
    }

    [GeneratedRegex("""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameterRegex();

    [GeneratedRegex("""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetRegex();
}
