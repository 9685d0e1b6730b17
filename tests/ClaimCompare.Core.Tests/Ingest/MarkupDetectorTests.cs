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
}
