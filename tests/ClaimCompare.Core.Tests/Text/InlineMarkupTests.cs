using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>A little inline markup in otherwise plain text is stripped, and every passage still indexes the original.</summary>
public class InlineMarkupTests
{
    private static ProcessedDocument Process(string text, bool strip = true) =>
        new TextPipeline(new TextPipelineOptions { RemoveBoilerplate = false, StripInlineMarkup = strip }).Process(new SourceDocument("t", text));

    [Fact]
    public void Inline_tags_vanish_and_the_passage_starts_at_its_first_word()
    {
        const string text = "<b>Update:</b> talks resume today.";
        var p = Assert.Single(Process(text).Passages);
        Assert.Equal("Update: talks resume today.", p.Normalized);
        Assert.Equal(text.IndexOf("Update", StringComparison.Ordinal), p.Start);
        Assert.Equal(text.Length, p.End);
        Assert.Equal(text[p.Start..p.End], p.Text);
    }

    [Fact]
    public void Line_tags_break_paragraphs()
    {
        const string text = "Talks resumed on Monday.<br/><br/>Both sides met again.<br/>\n<br/>Officials were hopeful.";
        var passages = Process(text).Passages;
        Assert.Equal(3, passages.Count);
        Assert.Equal([0, 1, 2], passages.Select(p => p.Paragraph));
        Assert.Equal(text.IndexOf("Both", StringComparison.Ordinal), passages[1].Start);
        Assert.Equal("Both sides met again.", passages[1].Normalized);
        Assert.Equal(text.IndexOf("Officials", StringComparison.Ordinal), passages[2].Start);
    }

    [Fact]
    public void Character_references_become_characters()
    {
        const string text = "Tom &amp; Jerry&rsquo;s show &#8212; a hit &#x2026; ran.";
        var p = Assert.Single(Process(text).Passages);
        Assert.Equal("Tom & Jerry's show - a hit ... ran.", p.Normalized);
        Assert.Equal(0, p.Start);
        Assert.Equal(text.Length, p.End);
    }

    [Fact]
    public void Attributes_with_a_greater_than_sign_in_quotes_are_read_whole()
    {
        var p = Assert.Single(Process("The <a href=\"https://example.org/a>b\" title='x'>report</a> was published.").Passages);
        Assert.Equal("The report was published.", p.Normalized);
    }

    [Fact]
    public void Text_that_only_looks_like_markup_stays()
    {
        Assert.Equal("If 5 < 6 and AT&T agrees, <foo> stays & so does &bogus;.", Assert.Single(Process("If 5 < 6 and AT&T agrees, <foo> stays & so does &bogus;.").Passages).Normalized);
    }

    [Fact]
    public void A_tag_never_spans_a_line_break()
    {
        var passages = Process("A stray <b class=\"x\nstays here.").Passages;
        Assert.Contains(passages, p => p.Normalized.Contains("<b", StringComparison.Ordinal));
    }

    [Fact]
    public void Stripping_can_be_turned_off()
    {
        Assert.Equal("<b>Update:</b> talks resume.", Assert.Single(Process("<b>Update:</b> talks resume.", strip: false).Passages).Normalized);
    }

    [Fact]
    public void Quotes_and_speakers_are_found_through_markup_with_original_offsets()
    {
        const string text = "<p>\u201CWe will wait,\u201D said <b>Tom Smith</b>, the union leader.</p>";
        var quote = Assert.Single(ClaimCompare.Core.Claims.QuoteExtractor.Extract(Process(text)));
        Assert.Equal("We will wait", quote.Text);
        Assert.Equal(text.IndexOf("We will", StringComparison.Ordinal), quote.Start);
        Assert.Equal("Tom Smith", quote.Speaker);
    }
}
