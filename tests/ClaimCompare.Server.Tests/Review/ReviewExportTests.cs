using System.Net;
using System.Text.Json;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests.Review;

public class ReviewExportTests
{
    private static async Task<long> DecideAsync(HttpClient reviewer, long id, string status, string note)
    {
        var (etag, _) = await ReviewApiTests.ReadAsync(reviewer, id);
        using var response = await reviewer.SendAsync(ReviewApiTests.Post(id, "decision", new { status, note }, etag));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return id;
    }

    private static async Task<long> IngestAsync(HttpClient ingest, string source, string topic, string value)
    {
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, ReviewApiTests.Marked(source, "conflict", topic, value)));
        return ReviewApiTests.CreatedItemId(created);
    }

    [Fact]
    public async Task ClaimReview_export_holds_the_decided_items_with_sources_rating_author_and_date()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var confirmed = await DecideAsync(reviewer, await IngestAsync(ingest, "Outlet A", "troops near the border", "100000"), "confirmed", "They disagree.");
        var dismissed = await DecideAsync(reviewer, await IngestAsync(ingest, "Outlet B", "tanks", "300"), "dismissed", "Different dates.");
        await IngestAsync(ingest, "Outlet C", "jets", "12");

        using var response = await reviewer.GetAsync(new Uri("/api/review/export?format=claimreview", UriKind.Relative));
        var reviews = (await TestApp.JsonAsync(response)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, reviews.Count);
        var first = reviews.Single(r => r.GetProperty("url").GetString()!.EndsWith($"/review/{confirmed}", StringComparison.Ordinal));
        Assert.Equal("https://schema.org", first.GetProperty("@context").GetString());
        Assert.Equal("ClaimReview", first.GetProperty("@type").GetString());
        Assert.Equal("[[conflict|troops near the border|100000]] (troops near the border)", first.GetProperty("claimReviewed").GetString());
        var appearance = Assert.Single(first.GetProperty("itemReviewed").GetProperty("appearance").EnumerateArray());
        Assert.Equal("https://outlet-a.example/story", appearance.GetProperty("url").GetString());
        Assert.Equal("Outlet A", appearance.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("2022-01-12", appearance.GetProperty("datePublished").GetString());
        Assert.Equal(1, first.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
        Assert.Equal("Confirmed: the sources conflict", first.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal("alice", first.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("They disagree.", first.GetProperty("reviewBody").GetString());
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("datePublished").GetString());
        var second = reviews.Single(r => r.GetProperty("url").GetString()!.EndsWith($"/review/{dismissed}", StringComparison.Ordinal));
        Assert.Equal(3, second.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
    }

    [Fact]
    public async Task CSV_export_is_the_queue_with_filters_and_cells_a_spreadsheet_cannot_run()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var a = await DecideAsync(reviewer, await IngestAsync(ingest, "Outlet A", "troops near the border", "100000"), "confirmed", "=HYPERLINK(\"http://evil\")");
        var b = ReviewApiTests.CreatedItemId(await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Articles.Article(
            "Outlet, \"B\"", "It reported that [[conflict|tanks|300]] was the figure given on Wednesday.", story: "border", url: "https://b.example/story"))));

        using var all = await reviewer.GetAsync(new Uri("/api/review/export?format=csv", UriKind.Relative));
        var lines = (await all.Content.ReadAsStringAsync()).Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
        var open = (await reviewer.GetStringAsync(new Uri("/api/review/export?format=csv&status=open", UriKind.Relative)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment; filename=\"review-queue.csv\"", all.Content.Headers.ContentDisposition!.ToString());
        Assert.StartsWith("id,story,kind,status,assignee,in_question,topic,sources,urls,note,decided_by,decided_at", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{a},", lines[1], StringComparison.Ordinal);
        Assert.Contains(",confirmed,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",alice,", lines[1], StringComparison.Ordinal);
        Assert.Contains("Outlet A, 2022-01-12", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"Outlet, \"\"B\"\", 2022-01-12\"", lines[2], StringComparison.Ordinal);
        Assert.Equal(2, open.Length);
        Assert.StartsWith($"{b},", open[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_checks_its_parameters_and_its_role()
    {
        await using var app = TestApp.Start();
        using var reviewer = app.Client(TestApp.ReviewerKey);
        using var ingest = app.Client(TestApp.IngestKey);

        using var noFormat = await reviewer.GetAsync(new Uri("/api/review/export", UriKind.Relative));
        using var openReview = await reviewer.GetAsync(new Uri("/api/review/export?format=claimreview&status=open", UriKind.Relative));
        using var badKind = await reviewer.GetAsync(new Uri("/api/review/export?format=csv&kind=agree", UriKind.Relative));
        using var forbidden = await ingest.GetAsync(new Uri("/api/review/export?format=csv", UriKind.Relative));
        using var empty = await reviewer.GetAsync(new Uri("/api/review/export?format=claimreview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, noFormat.StatusCode);
        Assert.Equal("application/problem+json", noFormat.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, openReview.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await TestApp.JsonAsync(empty)).ValueKind);
        Assert.Equal(0, (await TestApp.JsonAsync(empty)).GetArrayLength());
    }

    [Fact]
    public async Task A_signed_in_reviewer_downloads_the_export_with_the_session_cookie()
    {
        await using var app = TestApp.Start();
        using var session = await PageSession.SignedInAsync(app);

        using var response = await session.Client.GetAsync(new Uri("/api/review/export?format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("id,story,kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
