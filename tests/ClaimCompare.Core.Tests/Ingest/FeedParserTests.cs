using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class FeedParserTests
{
    [Fact]
    public void Atom_entries_are_articles_with_link_date_source_and_text()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>World Desk</title><link href="https://worlddesk.example/"/><id>urn:wd</id><updated>2022-01-13T10:00:00+01:00</updated>
              <entry><title>Talks end</title><link href="https://worlddesk.example/a"/><id>urn:wd:a</id><updated>2022-01-13T10:00:00+01:00</updated>
                <published>2022-01-13T09:30:00+01:00</published><author><name>Jane Doe</name></author>
                <content type="html">&lt;p&gt;Talks ended &amp;amp; no deal was reached, officials said.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</content></entry>
              <entry><title>Only a summary</title><id>urn:wd:b</id><updated>2022-01-14T10:00:00Z</updated><summary>Some 100,000 troops remain.</summary></entry>
            </feed>
            """;

        var feed = FeedParser.Parse(atom);

        Assert.Equal("atom", feed.Format);
        var first = feed.Items[0];
        Assert.Equal("https://worlddesk.example/a", first.Link);
        Assert.Equal("World Desk", first.Source);
        Assert.Equal("Talks end\n\nTalks ended & no deal was reached, officials said.", first.Article!.Text);
        Assert.Equal(new DateTimeOffset(2022, 1, 13, 9, 30, 0, TimeSpan.FromHours(1)), first.Article.Published);
        Assert.Equal("Jane Doe", first.Article.Byline);
        var second = feed.Items[1];
        Assert.Null(second.Link);
        Assert.Equal("id:urn:wd:b", second.Key);
        Assert.Equal("Only a summary\n\nSome 100,000 troops remain.", second.Article!.Text);
        Assert.Contains(second.Warnings, w => w.Contains("no link", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Fri, 11 Feb 2022 19:58:02 CET", "2022-02-11T19:58:02+01:00")]
    [InlineData("7 Jun 2023 10:00 EST", "2023-06-07T10:00:00-05:00")]
    [InlineData("Tue, 13 Jan 2022 08:00:00 +0000", "2022-01-13T08:00:00+00:00")]
    [InlineData("2022-01-13T08:00:00Z", "2022-01-13T08:00:00+00:00")]
    [InlineData("2022-01-13", "2022-01-13T00:00:00+00:00")]
    public void Dates_are_read_leniently(string text, string expected)
    {
        Assert.True(FeedParser.TryParseDate(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void Bad_dates_and_missing_links_cost_no_item()
    {
        const string rss = """
            <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
              <item><title>One</title><link>https://wire.example/1</link><pubDate>yesterday afternoon</pubDate><description>First story text, with a sentence.</description></item>
              <item><title>Two</title><pubDate>also not a date</pubDate><description>Second story text, with a sentence.</description></item>
              <item><title>Three</title><guid isPermaLink="false">three</guid><pubDate>Thu, 13 Jan 2022 08:00:00 GMT</pubDate><description>Third story text.</description></item>
              <item><title>Empty</title><link>https://wire.example/4</link></item>
            </channel></rss>
            """;

        var feed = FeedParser.Parse(rss);

        Assert.Equal(4, feed.Items.Count);
        Assert.Null(feed.Items[0].Article!.Published);
        Assert.Contains(feed.Items[0].Warnings, w => w.Contains("\"yesterday afternoon\" is not a date", StringComparison.Ordinal));
        Assert.Contains(feed.Items[1].Warnings, w => w.Contains("\"also not a date\" is not a date", StringComparison.Ordinal));
        Assert.Null(feed.Items[1].Key);
        Assert.Equal("id:three", feed.Items[2].Key);
        Assert.Equal(new DateTimeOffset(2022, 1, 13, 8, 0, 0, TimeSpan.Zero), feed.Items[2].Article!.Published);
        Assert.Null(feed.Items[3].Article);
        Assert.Equal("the item has no content and no summary", feed.Items[3].Problem);
    }

    [Fact]
    public void A_truncated_feed_is_a_format_error_with_its_position()
    {
        var ex = Assert.Throws<FormatException>(() => FeedParser.Parse("<rss version=\"2.0\"><channel><title>x</title><item><title>One</title>"));

        Assert.StartsWith("not a well-formed feed: line 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_html_page_is_not_a_feed()
    {
        var ex = Assert.Throws<FormatException>(() => FeedParser.Parse("<html><body><p>x</p></body></html>"));

        Assert.Contains("not an RSS 2.0 or Atom 1.0 feed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        const string rss = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>x</title><link>https://x.example/</link><description>d</description>
            <item><title>t</title><description>&xxe; text of the story.</description></item></channel></rss>
            """;

        var text = "";
        try
        {
            text = FeedParser.Parse(rss).Items[0].Article?.Text ?? "";
        }
        catch (FormatException)
        {
        }

        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
    }
}
