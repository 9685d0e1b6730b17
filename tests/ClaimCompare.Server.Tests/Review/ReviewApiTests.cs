using System.Net;
using System.Net.Http.Json;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Server.Tests.Review;

public class ReviewApiTests
{
    internal static object Marked(string source, string kind, string topic, string value, string story = "border") =>
        Articles.Article(source, $"{source} reported that [[{kind}|{topic}|{value}]] was the figure given by officials on Wednesday.", story: story);

    /// <summary>The id of the first review item an ingest response created.</summary>
    internal static long CreatedItemId(System.Text.Json.JsonElement ingested) =>
        ingested.GetProperty("reviewItems").GetProperty("created")[0].GetInt64();

    /// <summary>Ingests one article marked with a conflict about troops near the border; returns the response and its new item.</summary>
    private static async Task<(System.Text.Json.JsonElement Created, long Id)> IngestConflictAsync(HttpClient ingest)
    {
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Marked("Outlet A", "conflict", "troops near the border", "100000")));
        return (created, CreatedItemId(created));
    }

    internal static async Task<(string ETag, System.Text.Json.JsonElement Json)> ReadAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync(new Uri($"/api/review/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.ETag!.ToString(), await TestApp.JsonAsync(response));
    }

    internal static HttpRequestMessage Post(long id, string action, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/review/{id}/{action}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Conflicts_quote_variants_and_role_conflicts_become_items_and_agreements_do_not(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);

        var a = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Marked("Outlet A", "conflict", "troops near the border", "100000")));
        await TestApp.IngestAsync(ingest, Marked("Outlet B", "quote-variant", "Stoltenberg on talks", "said"));
        await TestApp.IngestAsync(ingest, Marked("Outlet C", "role-conflict", "Wendy Sherman", "deputy"));
        await TestApp.IngestAsync(ingest, Marked("Outlet D", "agree", "talks lasted four hours", "4"));

        var list = await TestApp.JsonAsync(await reviewer.GetAsync(new Uri("/api/review", UriKind.Relative)));

        Assert.Single(a.GetProperty("reviewItems").GetProperty("created").EnumerateArray());
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal(["conflict", "quote-variant", "role-conflict"],
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal("open", i.GetProperty("status").GetString()));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task An_item_carries_its_evidence_and_an_ETag(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var (created, id) = await IngestConflictAsync(ingest);

        var (etag, json) = await ReadAsync(reviewer, id);

        Assert.Equal("\"1\"", etag);
        var evidence = Assert.Single(json.GetProperty("evidence").EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetString(), evidence.GetProperty("document").GetString());
        Assert.Contains("[[conflict|", evidence.GetProperty("evidence").GetProperty("sentence").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("created", Assert.Single(json.GetProperty("audit").EnumerateArray()).GetProperty("action").GetString());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Assign_and_decide_with_If_Match_are_audited_with_who_when_before_and_after(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var (created, id) = await IngestConflictAsync(ingest);
        var (etag, _) = await ReadAsync(reviewer, id);

        var assigned = await reviewer.SendAsync(Post(id, "assign", new { assignee = "alice" }, etag));
        var decided = await reviewer.SendAsync(Post(id, "decision", new { status = "confirmed", note = "figures really differ" }, assigned.Headers.ETag!.ToString()));
        var (finalTag, json) = await ReadAsync(reviewer, id);

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("\"3\"", finalTag);
        var item = json.GetProperty("item");
        Assert.Equal("confirmed", item.GetProperty("status").GetString());
        Assert.Equal("alice", item.GetProperty("assignee").GetString());
        Assert.Equal("figures really differ", item.GetProperty("note").GetString());
        var audit = json.GetProperty("audit").EnumerateArray().ToList();
        Assert.Equal(["created", "assigned", "decided"], audit.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal("alice", audit[2].GetProperty("actor").GetString());
        Assert.Contains("\"status\":\"open\"", audit[2].GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"confirmed\"", audit[2].GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.True(audit[2].GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_stale_If_Match_is_412_a_missing_one_428_and_nothing_changes(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var (created, id) = await IngestConflictAsync(ingest);
        var (etag, _) = await ReadAsync(reviewer, id);
        await reviewer.SendAsync(Post(id, "assign", new { assignee = "alice" }, etag));

        var stale = await reviewer.SendAsync(Post(id, "decision", new { status = "dismissed", note = "stale" }, etag));
        var missing = await reviewer.SendAsync(Post(id, "decision", new { status = "dismissed", note = "none" }, null));
        var garbage = await reviewer.SendAsync(Post(id, "decision", new { status = "dismissed", note = "garbage" }, "not-an-etag"));
        var (_, json) = await ReadAsync(reviewer, id);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", stale.Headers.ETag!.ToString());
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, garbage.StatusCode);
        Assert.Equal("open", json.GetProperty("item").GetProperty("status").GetString());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Unknown_statuses_are_400_and_unknown_items_404(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var (created, id) = await IngestConflictAsync(ingest);

        var badStatus = await reviewer.SendAsync(Post(id, "decision", new { status = "closed" }, "\"1\""));
        var badFilter = await reviewer.GetAsync(new Uri("/api/review?status=closed", UriKind.Relative));
        var unknown = await reviewer.SendAsync(Post(999, "decision", new { status = "confirmed" }, "\"1\""));
        var unknownAssign = await reviewer.SendAsync(Post(999, "assign", new { assignee = "x" }, "\"1\""));

        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAssign.StatusCode);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task The_queue_filters_by_status_story_and_assignee_and_pages(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        for (var i = 0; i < 5; i++)
        {
            await TestApp.IngestAsync(ingest, Marked($"Outlet {i}", "conflict", $"topic {i}", "1", story: i < 3 ? "one" : "two"));
        }

        var (etag, _) = await ReadAsync(reviewer, 2);
        await reviewer.SendAsync(Post(2, "assign", new { assignee = "bob" }, etag));
        var (etag4, _) = await ReadAsync(reviewer, 4);
        await reviewer.SendAsync(Post(4, "decision", new { status = "needs-info", note = "source?" }, etag4));

        async Task<System.Text.Json.JsonElement> Query(string query) =>
            await TestApp.JsonAsync(await reviewer.GetAsync(new Uri("/api/review?" + query, UriKind.Relative)));

        var page2 = await Query("page=2&pageSize=2");
        Assert.Equal(5, page2.GetProperty("total").GetInt32());
        Assert.Equal([3L, 4L], page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(4, (await Query("status=open")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Query("status=needs-info")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await Query("story=2")).GetProperty("total").GetInt32());
        Assert.Equal(2L, (await Query("assignee=bob")).GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_repeated_dismissed_conflict_stays_dismissed_and_new_evidence_attaches_to_an_open_item(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var first = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Marked("Outlet A", "conflict", "troops near the border", "100000")));
        var open = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Marked("Outlet A", "quote-variant", "Stoltenberg on talks", "said")));
        var dismissedId = CreatedItemId(first);
        var openId = CreatedItemId(open);
        var (etag, _) = await ReadAsync(reviewer, dismissedId);
        await reviewer.SendAsync(Post(dismissedId, "decision", new { status = "dismissed", note = "same figure, rounded" }, etag));

        // Same topics, same story, from other outlets: same item keys.
        var repeat = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Marked("Outlet B", "conflict", "Troops  near the BORDER", "90000")));
        var more = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Marked("Outlet C", "quote-variant", "Stoltenberg on talks", "stated")));
        var (_, dismissed) = await ReadAsync(reviewer, dismissedId);
        var (_, attached) = await ReadAsync(reviewer, openId);
        var total = (await TestApp.JsonAsync(await reviewer.GetAsync(new Uri("/api/review", UriKind.Relative)))).GetProperty("total").GetInt32();

        Assert.Empty(repeat.GetProperty("reviewItems").GetProperty("created").EnumerateArray());
        Assert.Equal([dismissedId], repeat.GetProperty("reviewItems").GetProperty("updated").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([openId], more.GetProperty("reviewItems").GetProperty("updated").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("dismissed", dismissed.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal(2, dismissed.GetProperty("evidence").GetArrayLength());
        Assert.Equal("open", attached.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal(2, attached.GetProperty("evidence").GetArrayLength());
        Assert.Equal("evidence-added", attached.GetProperty("audit")[1].GetProperty("action").GetString());
        Assert.Equal(2, total);
    }
}
