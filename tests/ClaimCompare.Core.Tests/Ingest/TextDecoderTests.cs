using System.Text;
using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class TextDecoderTests
{
    [Fact]
    public void Valid_utf8_is_decoded_as_is()
    {
        var result = TextDecoder.Decode(Encoding.UTF8.GetBytes("Kremlin’s “red line” — £5m"));

        Assert.True(result.Succeeded);
        Assert.Equal("utf-8", result.Encoding);
        Assert.Equal("Kremlin’s “red line” — £5m", result.Text);
        Assert.Null(result.InvalidUtf8Offset);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_dropped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'N', (byte)'A', (byte)'T', (byte)'O' };

        Assert.Equal("NATO", TextDecoder.Decode(bytes).Text);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_decoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Москва talks")).ToArray();

        var result = TextDecoder.Decode(bytes);

        Assert.Equal("utf-16le", result.Encoding);
        Assert.Equal("Москва talks", result.Text);
    }

    [Fact]
    public void Invalid_utf8_falls_back_to_windows_1252_and_reports_the_first_bad_byte()
    {
        // "Cost: £5" saved as Latin-1: 0xA3 is not valid UTF-8 on its own.
        var bytes = Encoding.ASCII.GetBytes("Cost: X5 and \x93quoted\x94").ToArray();
        bytes[6] = 0xA3;
        bytes[13] = 0x93;
        bytes[20] = 0x94;

        var result = TextDecoder.Decode(bytes);

        Assert.True(result.Succeeded);
        Assert.Equal("windows-1252", result.Encoding);
        Assert.Equal(6, result.InvalidUtf8Offset);
        Assert.Equal("Cost: £5 and “quoted”", result.Text);
    }

    [Fact]
    public void Windows_1252_keeps_one_character_per_byte_so_nothing_is_lost()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var text = TextDecoder.DecodeWindows1252(all);

        Assert.Equal(256, text.Length);
        Assert.Equal('€', text[0x80]);
        Assert.Equal('\u0081', text[0x81]);
        Assert.Equal('ÿ', text[0xFF]);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x0D, 0x0A })]
    public void Empty_or_blank_input_is_reported_as_empty(byte[] bytes)
    {
        var result = TextDecoder.Decode(bytes);

        Assert.Equal(DecodeProblem.Empty, result.Problem);
        Assert.Null(result.Text);
    }

    [Fact]
    public void Bytes_with_nul_are_binary()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 };

        Assert.Equal(DecodeProblem.Binary, TextDecoder.Decode(png).Problem);
    }

    [Fact]
    public void Many_control_characters_make_input_binary()
    {
        var bytes = Enumerable.Range(0, 400).Select(i => (byte)(i % 3 == 0 ? 0x01 : 'a')).ToArray();

        Assert.Equal(DecodeProblem.Binary, TextDecoder.Decode(bytes).Problem);
    }

    [Fact]
    public void A_form_feed_in_prose_is_not_binary()
    {
        var result = TextDecoder.Decode(Encoding.UTF8.GetBytes("Page one.\fPage two of the report."));

        Assert.True(result.Succeeded);
    }
}
