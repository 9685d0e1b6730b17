using System.Text;
using ClaimCompare.Core.Ingest;

namespace ClaimCompare.Core.Tests.Ingest;

public class HtmlArticleExtractorTests
{
    private const string Prose =
        "<p>Talks between NATO and Russia ended on Wednesday without a deal, officials in Brussels said after four hours.</p>" +
        "<p>Some 100,000 Russian troops remain near the border with Ukraine, according to Western officials.</p>";

    [Fact]
    public void Entities_are_decoded_and_white_space_collapsed()
    {
        var html = "<html><body><article><h1>Talks &amp; troops</h1><p>NATO&#8217;s chief said &ldquo;no   deal&rdquo;\n  was reached &mdash; for now, after the long meeting in Brussels on Wednesday.</p>" + Prose + "</article></body></html>";

        var article = new HtmlArticleExtractor().Extract(html).Article!;

        Assert.Equal("Talks & troops", article.Title);
        Assert.Contains("NATO’s chief said “no deal” was reached — for now, after", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_and_truncated_markup_is_read_as_a_browser_reads_it()
    {
        var html = "<html><body><nav><a href=/>Home</a></nav></div></section><div class=story><p>Talks between NATO and Russia ended <b>without a deal on Wednesday, officials said.<p>Some 100,000 troops remain near the border, according to Western officials in Brussels.</span><p>The next meeting has not been schedu";

        var extraction = new HtmlArticleExtractor().Extract(html);

        Assert.True(extraction.Succeeded, extraction.Problem);
        var text = extraction.Article!.Text;
        Assert.Contains("Talks between NATO and Russia ended without a deal on Wednesday, officials said.", text, StringComparison.Ordinal);
        Assert.Contains("Some 100,000 troops remain near the border", text, StringComparison.Ordinal);
        Assert.EndsWith("The next meeting has not been schedu", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_is_all_navigation_has_no_article_content()
    {
        var links = string.Concat(Enumerable.Range(0, 200).Select(i => $"<li><a href='/s/{i}'>Section number {i} of the site</a></li>"));
        var html = $"<html><head><title>Index</title></head><body><nav><ul>{links}</ul></nav><div class=menu><ul>{links}</ul></div><ul>{links}</ul><footer>© 2022</footer></body></html>";

        var extraction = new HtmlArticleExtractor().Extract(html);

        Assert.False(extraction.Succeeded);
        Assert.StartsWith("no article content", extraction.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_page_is_a_problem_not_an_exception()
    {
        Assert.Equal("the page is empty", new HtmlArticleExtractor().Extract("   ").Problem);
        Assert.Equal("the page is empty", new HtmlArticleExtractor().Extract([]).Problem);
        Assert.StartsWith("no article content", new HtmlArticleExtractor().Extract("<html><body></body></html>").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_nested_absurdly_deep_is_refused_before_parsing()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 200_000)) + Prose + "</body></html>";

        var extraction = new HtmlArticleExtractor().Extract(html);

        Assert.False(extraction.Succeeded);
        Assert.Contains("nested 200,000 deep", extraction.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_nested_moderately_deep_is_read_without_recursion()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 1000)) + Prose + "</body></html>";

        var extraction = new HtmlArticleExtractor().Extract(html);

        Assert.True(extraction.Succeeded, extraction.Problem);
        Assert.Contains("Some 100,000 Russian troops", extraction.Article!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_charset_of_a_meta_tag_decides_the_decoding()
    {
        var page = "<html><head><meta charset=\"iso-8859-1\"><title>x</title></head><body><article><p>The fund pledged £5m to Kraków’s schools, officials said, after talks that lasted four hours on Wednesday in the city hall, where the mayor spoke.</p></article></body></html>";
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(page);

        var article = new HtmlArticleExtractor().Extract(bytes).Article!;

        Assert.Equal("windows-1252", article.Encoding);
        Assert.Contains("£5m to Kraków’s schools", article.Text, StringComparison.Ordinal);
        Assert.Null(article.InvalidUtf8Offset);
    }

    [Fact]
    public void A_transport_charset_wins_over_the_meta_tag_and_a_byte_order_mark_over_both()
    {
        var body = "<html><head><meta charset=\"windows-1251\"></head><body><article><p>Москва: переговоры завершились без соглашения, заявили официальные лица после четырёх часов.</p><p>Some 100,000 troops remain near the border with Ukraine, officials said.</p></article></body></html>";
        var cp1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

        Assert.Contains("Москва: переговоры", new HtmlArticleExtractor().Extract(cp1251.GetBytes(body)).Article!.Text, StringComparison.Ordinal);
        Assert.Contains("Москва: переговоры", new HtmlArticleExtractor().Extract(Encoding.UTF8.GetBytes(body), transportCharset: "utf-8").Article!.Text, StringComparison.Ordinal);
        Assert.Contains("Москва: переговоры", new HtmlArticleExtractor().Extract([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(body)]).Article!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_page_without_a_declaration_falls_back_to_windows_1252()
    {
        var bytes = Encoding.ASCII.GetBytes("<html><body><article><p>The fund pledged " + "X" + "5m to the schools, officials said on Wednesday after four hours of talks in Brussels, where the ministers met the mayor.</p></article></body></html>");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xA3;

        var article = new HtmlArticleExtractor().Extract(bytes).Article!;

        Assert.Equal("windows-1252", article.Encoding);
        Assert.NotNull(article.InvalidUtf8Offset);
        Assert.Contains("pledged £5m", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_ld_article_body_stands_in_for_a_page_rendered_by_script()
    {
        var html = """
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks end",
            "datePublished":"2022-01-13T10:00:00Z","author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"The Daily"},
            "articleBody":"Talks between NATO and Russia ended on Wednesday without a deal, officials said.\n\nSome 100,000 troops remain near the border with Ukraine, according to Western officials in Brussels."}</script></head>
            <body><div id="root"><p>Loading…</p></div></body></html>
            """;

        var article = new HtmlArticleExtractor().Extract(html).Article!;

        Assert.Equal("Talks end\n\nTalks between NATO and Russia ended on Wednesday without a deal, officials said.\n\nSome 100,000 troops remain near the border with Ukraine, according to Western officials in Brussels.", article.Text);
        Assert.Equal("Jane Doe", article.Byline);
        Assert.Equal("The Daily", article.SiteName);
        Assert.Equal(new DateTimeOffset(2022, 1, 13, 10, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void A_relative_canonical_url_is_resolved_against_the_page_url()
    {
        var html = "<html><head><link rel=canonical href='/news/talks'></head><body><article>" + Prose + "</article></body></html>";

        var article = new HtmlArticleExtractor().Extract(html, "https://daily.example/x?utm=1").Article!;

        Assert.Equal("https://daily.example/news/talks", article.CanonicalUrl);
    }

    [Fact]
    public void An_article_split_around_ads_into_blocks_of_one_class_is_read_whole()
    {
        var html = "<html><body><main><h1>Talks</h1>" +
            "<div class='body-chunk'><p>Talks between NATO and Russia ended on Wednesday without a deal, officials said after four hours of discussions in Brussels on the alliance's future.</p><p>Another long paragraph about the talks and what the diplomats said afterwards to reporters waiting outside.</p></div>" +
            "<div class='ad-container'><p>Advertisement</p></div>" +
            "<div class='body-chunk'><p>Some 100,000 troops remain near the border, according to Western officials.</p></div>" +
            "</main></body></html>";

        var text = new HtmlArticleExtractor().Extract(html).Article!.Text;

        Assert.Contains("Talks between NATO", text, StringComparison.Ordinal);
        Assert.Contains("Some 100,000 troops remain", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Advertisement", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Readability_is_available_as_the_other_method()
    {
        var html = "<html><head><title>Talks end | Daily</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Talks end</h1>" +
            string.Concat(Enumerable.Repeat(Prose, 4)) + "</article><footer>© 2022 Daily</footer></body></html>";

        var extraction = new HtmlArticleExtractor(new HtmlExtractionOptions { Method = HtmlExtractionMethod.Readability }).Extract(html);

        Assert.True(extraction.Succeeded, extraction.Problem);
        Assert.Contains("Some 100,000 Russian troops", extraction.Article!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", extraction.Article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_twenty_megabyte_page_is_extracted()
    {
        var paragraph = "<p>Officials said the talks in Brussels ended on Wednesday without a deal, and <a href='/x'>diplomats</a> promised to meet again.</p>\n";
        var builder = new StringBuilder("<html><body><nav><a href='/'>Home</a></nav><article>");
        while (builder.Length < 20 * 1024 * 1024)
        {
            builder.Append(paragraph);
        }

        builder.Append("</article></body></html>");

        var extraction = new HtmlArticleExtractor().Extract(builder.ToString());

        Assert.True(extraction.Succeeded, extraction.Problem);
        Assert.True(extraction.Article!.Text.Length > 10 * 1024 * 1024);
    }
}
