using System.Net;
using System.Text;
using System.Text.Json;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests.Api;

/// <summary>Articles as web pages and feeds: extraction, the stored page, feed items ingested once each.</summary>
public class PagesAndFeedsTests
{
    private static readonly Uri Documents = new("/api/documents", UriKind.Relative);
    private static readonly string HtmlFixtures = Path.Combine(FixturePaths.Root, "russia-nato-2022-html");

    private static Uri Feeds(string query = "") => new("/api/feeds" + query, UriKind.Relative);

    [Fact]
    public async Task A_page_sent_as_text_html_is_extracted_and_its_original_kept()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var page = await File.ReadAllBytesAsync(Path.Combine(HtmlFixtures, "pages", "001.html"));
        using var content = new ByteArrayContent(page);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html") { CharSet = "utf-8" };

        var response = await client.PostAsync(new Uri("/api/documents?story=nato", UriKind.Relative), content);
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = json.GetProperty("id").GetString()!;
        using var reader = app.Client(TestApp.AdminKey);
        var document = await TestApp.JsonAsync(await reader.GetAsync(new Uri($"/api/documents/{id}", UriKind.Relative)));
        Assert.Equal("Arkansas Online", document.GetProperty("source").GetString());
        Assert.Equal("https://www.arkansasonline.com/news/2022/jan/13/nato-russia-talks-end-with-no-deal/", document.GetProperty("url").GetString());
        Assert.Equal("html", document.GetProperty("format").GetString());
        var text = document.GetProperty("text").GetString()!;
        Assert.StartsWith("NATO, Russia talks end with no deal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cookies", text, StringComparison.Ordinal);

        var original = await TestApp.JsonAsync(await reader.GetAsync(new Uri($"/api/documents/{id}/original", UriKind.Relative)));
        var markup = original.GetProperty("markup").GetString()!;
        Assert.Equal(Encoding.UTF8.GetString(page), markup);
        // Every sentence can be traced to the element it came from.
        var passage = document.GetProperty("passages").EnumerateArray().First(p => p.GetProperty("text").GetString()!.StartsWith("More than 10,000 Russian troops", StringComparison.Ordinal));
        var start = passage.GetProperty("start").GetInt32();
        var block = original.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("start").GetInt32() <= start && start < b.GetProperty("end").GetInt32());
        Assert.StartsWith("<p>More than 10,000 Russian troops", markup[block.GetProperty("source").GetInt32()..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_in_the_html_field_is_extracted_and_a_repeat_is_a_duplicate()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var page = await File.ReadAllTextAsync(Path.Combine(HtmlFixtures, "pages", "000.html"));
        var body = JsonSerializer.Serialize(new { source = "Global Herald", html = page });

        var first = await client.PostAsync(Documents, TestApp.RawJson(body));
        var second = await client.PostAsync(Documents, TestApp.RawJson(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await TestApp.JsonAsync(second)).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "documents"));
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "document_originals"));
    }

    [Fact]
    public async Task Text_and_html_together_are_400()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await client.PostAsync(Documents, TestApp.RawJson("""{"source": "x", "text": "Words.", "html": "<p>Words.</p>"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestApp.JsonAsync(response)).GetProperty("errors").TryGetProperty("html", out _));
    }

    [Fact]
    public async Task A_page_over_the_body_limit_is_413()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?> { ["ClaimCompare:MaxBodyBytes"] = "65536" });
        using var client = app.Client(TestApp.IngestKey);
        var page = "<html><body><article>" + string.Concat(Enumerable.Repeat("<p>Officials said the talks ended without a deal.</p>", 5000)) + "</article></body></html>";

        var response = await client.PostAsync(new Uri("/api/documents?source=x", UriKind.Relative), new StringContent(page, Encoding.UTF8, "text/html"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task A_feed_is_ingested_item_by_item_and_a_second_post_duplicates_every_item()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var feed = await File.ReadAllTextAsync(Path.Combine(HtmlFixtures, "feed.rss"));

        var first = await TestApp.JsonAsync(await client.PostAsync(Feeds("?story=russia-nato"), new StringContent(feed, Encoding.UTF8, "application/rss+xml")));
        var second = await TestApp.JsonAsync(await client.PostAsync(Feeds("?story=russia-nato"), new StringContent(feed, Encoding.UTF8, "application/rss+xml")));

        Assert.Equal("rss", first.GetProperty("format").GetString());
        Assert.Equal(5, first.GetProperty("created").GetInt32());
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("created", i.GetProperty("status").GetString()));
        Assert.Contains(items[3].GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("is not a date", StringComparison.Ordinal));
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(5, second.GetProperty("duplicates").GetInt32());
        Assert.Equal(
            items.Select(i => i.GetProperty("id").GetString()),
            second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(5, TestApp.Count(app.DatabasePath, "documents"));
        Assert.Equal(5, TestApp.Count(app.DatabasePath, "feed_items"));
    }

    [Fact]
    public async Task A_feed_item_whose_text_changed_is_still_a_duplicate_of_its_link()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        static string Feed(string text) => $"""
            <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
            <item><title>Talks</title><link>https://wire.example/talks</link><description>{text}</description></item></channel></rss>
            """;

        var first = await TestApp.JsonAsync(await client.PostAsync(Feeds(), new StringContent(Feed("Talks ended without a deal, officials said."), Encoding.UTF8, "application/xml")));
        var second = await TestApp.JsonAsync(await client.PostAsync(Feeds(), new StringContent(Feed("Talks ended without a deal, officials said on Wednesday."), Encoding.UTF8, "application/xml")));

        Assert.Equal("created", first.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal("duplicate", second.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_bad_item_is_an_error_for_that_item_and_the_others_are_ingested()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        const string feed = """
            <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
            <item><title>One</title><link>https://wire.example/1</link><pubDate>not a date</pubDate><description>Talks ended without a deal, officials said.</description></item>
            <item><title>Empty</title><link>https://wire.example/2</link></item>
            <item><title>Three</title><description>Some 100,000 troops remain near the border, officials said.</description></item>
            </channel></rss>
            """;

        var json = await TestApp.JsonAsync(await client.PostAsync(Feeds("?source=wire"), new StringContent(feed, Encoding.UTF8, "application/rss+xml")));

        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "error", "created"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("the item has no content and no summary", items[1].GetProperty("problem").GetString());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("key").ValueKind);
        Assert.Equal(2, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><title>x</title><item><title>One", "application/rss+xml", HttpStatusCode.UnprocessableEntity)]
    [InlineData("<html><body>not a feed</body></html>", "application/xml", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"items\": []}", "application/json", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_body_that_is_not_a_feed_is_a_problem(string body, string mediaType, HttpStatusCode expected)
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await client.PostAsync(Feeds(), new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task A_reviewer_may_not_post_feeds()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.ReviewerKey);

        var response = await client.PostAsync(Feeds(), new StringContent("<rss/>", Encoding.UTF8, "application/rss+xml"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_document_sent_as_text_has_no_original()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", "Talks ended without a deal, officials said.")));
        var id = created.GetProperty("id").GetString();

        var response = await app.Client(TestApp.AdminKey).GetAsync(new Uri($"/api/documents/{id}/original", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No original", (await TestApp.JsonAsync(response)).GetProperty("title").GetString());
    }
}

internal static class FixturePaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ClaimCompare.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("fixtures/ not found above " + AppContext.BaseDirectory);
    }
}
