using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class MarkupDetectorTests
{
    [Theory]
    [InlineData("<!DOCTYPE html><html><body><p>NATO talks</p></body></html>")]
    [InlineData("  <html lang=\"en\"><head><title>x</title></head></html>")]
    [InlineData("<div class=\"story\"><p>Talks</p><p>ended</p><span>late</span></div>")]
    public void Html_pages_are_markup(string text) => Assert.True(MarkupDetector.LooksLikeMarkup(text));

    [Theory]
    [InlineData("NATO has 30 members, so in a sense the meeting was 30 to one.")]
    [InlineData("Turnout was < 40% in the east and > 60% in the west, officials said.")]
    [InlineData("He wrote <b>only</b> one word in bold in an otherwise long plain paragraph of prose about the talks in Brussels and Geneva.")]
    public void Prose_with_the_odd_angle_bracket_is_not_markup(string text) => Assert.False(MarkupDetector.LooksLikeMarkup(text));

    [Fact]
    public void A_stray_angle_bracket_does_not_reach_into_the_next_paragraph()
    {
        // "x<y" opens what could be a tag; the paragraph ends before any '>', so the '>' of the next paragraph
        // must not close it (else the whole first paragraph would count as inside a tag).
        const string text = "<b>Update:</b> <i>talks</i> <u>resume</u>. The ratio x<y held through the long first round of talks in Geneva, "
            + "where both delegations met for nine hours and spoke of progress on arms control and on the drills.\n"
            + "Later the ratio was x > y.";
        Assert.False(MarkupDetector.LooksLikeMarkup(text));
    }
}
