using System.Net;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests.Api;

public class AccessTests
{
    [Fact]
    public async Task No_key_is_401_problem_details_with_a_challenge()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(key: null);

        var response = await client.GetAsync(new Uri("/api/stories", UriKind.Relative));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("X-Api-Key", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        await using var app = TestApp.Start();
        using var client = app.Client("not-a-configured-key-at-all");

        var response = await client.GetAsync(new Uri("/api/stories", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_reviewer_may_not_ingest_and_an_ingest_key_may_not_review_or_delete()
    {
        await using var app = TestApp.Start();
        using var reviewer = app.Client(TestApp.ReviewerKey);
        using var ingest = app.Client(TestApp.IngestKey);

        var ingestByReviewer = await TestApp.IngestAsync(reviewer, Articles.Article("Outlet A", "Some words of an article here."));
        var reviewByIngest = await ingest.GetAsync(new Uri("/api/review", UriKind.Relative));
        var deleteByIngest = await ingest.DeleteAsync(new Uri("/api/documents/doc-x", UriKind.Relative));
        var readByReviewer = await reviewer.GetAsync(new Uri("/api/stories", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, ingestByReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewByIngest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleteByIngest.StatusCode);
        Assert.Equal("application/problem+json", reviewByIngest.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, readByReviewer.StatusCode);
    }

    [Fact]
    public async Task An_admin_may_do_everything()
    {
        await using var app = TestApp.Start();
        using var admin = app.Client(TestApp.AdminKey);

        var ingest = await TestApp.IngestAsync(admin, Articles.Article("Outlet A", "Some words of an article here, in a sentence."));
        var review = await admin.GetAsync(new Uri("/api/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
    }

    [Fact]
    public async Task Keys_over_their_rate_limit_get_429_problem_details_and_other_keys_do_not()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?>
        {
            ["RateLimit:PermitLimit"] = "3",
            ["RateLimit:WindowSeconds"] = "600",
        });
        using var reviewer = app.Client(TestApp.ReviewerKey);
        using var other = app.Client(TestApp.SecondReviewerKey);
        var uri = new Uri("/api/review", UriKind.Relative);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(uri)).StatusCode);
        }

        var limited = await reviewer.GetAsync(uri);
        var json = await TestApp.JsonAsync(limited);
        var otherKey = await other.GetAsync(uri);
        var health = await reviewer.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(429, json.GetProperty("status").GetInt32());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
