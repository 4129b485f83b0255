using System.Text;
using Storymatch.Extraction.Web;

namespace Storymatch.Tests.Warc;

public sealed class HtmlDecoderTests
{
    private const string Russian = "Наводнение в старом городе";

    static HtmlDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("<meta charset=\"windows-1251\">")]
    [InlineData("<meta charset=windows-1251>")]
    [InlineData("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">")]
    [InlineData("<meta content='text/html;charset=cp1251' http-equiv='content-type'/>")]
    public void Meta_declarations_in_their_usual_forms_are_found(string meta)
    {
        byte[] bytes = Encoding.GetEncoding(1251).GetBytes($"<html><head>{meta}</head><body>{Russian}</body></html>");

        DecodedHtml decoded = HtmlDecoder.Decode(bytes);

        Assert.Equal(CharsetSource.MetaTag, decoded.Source);
        Assert.Contains(Russian, decoded.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_beyond_the_prescan_window_is_not_used()
    {
        string padding = new(' ', HtmlDecoder.MetaPrescanBytes);
        byte[] bytes = Encoding.GetEncoding(1251).GetBytes($"<html><head>{padding}<meta charset=\"windows-1251\"></head><body>{Russian}</body></html>");

        Assert.Equal(CharsetSource.FallbackWindows1252, HtmlDecoder.Decode(bytes).Source);
    }

    [Fact]
    public void Header_wins_over_meta_and_bom_wins_over_header()
    {
        byte[] koi8 = Encoding.GetEncoding("koi8-r").GetBytes($"<meta charset=\"windows-1251\"><p>{Russian}</p>");
        DecodedHtml byHeader = HtmlDecoder.Decode(koi8, "text/html; charset=KOI8-R");
        Assert.Equal((CharsetSource.HttpHeader, 20866), (byHeader.Source, byHeader.Encoding.CodePage));
        Assert.Contains(Russian, byHeader.Html, StringComparison.Ordinal);

        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"<p>{Russian}</p>")];
        DecodedHtml byBom = HtmlDecoder.Decode(withBom, "text/html; charset=windows-1251");
        Assert.Equal(CharsetSource.ByteOrderMark, byBom.Source);
        Assert.Equal($"<p>{Russian}</p>", byBom.Html);
    }

    [Fact]
    public void Utf8_with_one_broken_byte_stays_utf8()
    {
        byte[] bytes = Encoding.UTF8.GetBytes($"<p>{Russian} {Russian} {Russian}</p>");
        bytes[10] = 0xFF;

        DecodedHtml decoded = HtmlDecoder.Decode(bytes, "text/html; charset=utf-8");

        Assert.Equal(CharsetSource.HttpHeader, decoded.Source);
        Assert.Contains($"{Russian} {Russian}</p>", decoded.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_bytes_declared_utf8_without_meta_fall_back_to_windows_1252()
    {
        byte[] bytes = Encoding.GetEncoding(1252).GetBytes("<p>Élève à l'école, déjà prête.</p>");

        DecodedHtml decoded = HtmlDecoder.Decode(bytes, "text/html; charset=utf-8");

        Assert.Equal(CharsetSource.FallbackWindows1252, decoded.Source);
        Assert.Equal("<p>Élève à l'école, déjà prête.</p>", decoded.Html);
    }

    [Theory]
    [InlineData("gb2312", 54936)]
    [InlineData("GBK", 54936)]
    [InlineData("x-sjis", 932)]
    [InlineData("ks_c_5601-1987", 949)]
    [InlineData("latin1", 1252)]
    [InlineData("US-ASCII", 1252)]
    [InlineData("\"utf-8\"", 65001)]
    [InlineData("iso-8859-5", 28595)]
    [InlineData("koi8-u", 21866)]
    [InlineData("euc-jp", 51932)]
    public void Labels_map_as_browsers_map_them(string label, int codePage)
    {
        Assert.Equal(codePage, HtmlDecoder.ResolveCharset(label)!.CodePage);
    }

    [Theory]
    [InlineData("x-no-such-charset")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_labels_resolve_to_nothing(string? label)
    {
        Assert.Null(HtmlDecoder.ResolveCharset(label));
    }

    [Fact]
    public void Empty_input_decodes_to_empty_text()
    {
        Assert.Equal("", HtmlDecoder.Decode([]).Html);
    }
}
