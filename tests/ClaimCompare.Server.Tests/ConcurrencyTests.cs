using System.Net;
using ClaimCompare.Server.Tests.Review;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_ingest_loses_nothing_and_stores_repeats_and_shared_items_once()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        const int Distinct = 40;

        // Every article is sent twice at once, and all raise the same conflict in one story.
        var tasks = Enumerable.Range(0, Distinct * 2).Select(i => Task.Run(async () =>
        {
            var n = i % Distinct;
            var article = Articles.Article($"Outlet {n}",
                $"Outlet {n} wrote article number {n} with [[conflict|troops near the border|{n}]] in it today.\n\n{Articles.WireCopy}", story: "border");
            var response = await TestApp.IngestAsync(client, article);
            return (n, response.StatusCode, (await TestApp.JsonAsync(response)).GetProperty("id").GetString());
        })).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(Distinct, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.GroupBy(r => r.n), g => Assert.Single(g.Select(r => r.Item3).Distinct()));
        Assert.Equal(Distinct, TestApp.Count(app.DatabasePath, "documents"));
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "review_items"));
        Assert.Equal(Distinct, TestApp.Count(app.DatabasePath, "review_evidence"));
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "stories"));
        // Each new copy of the two wire sentences links to every earlier one (up to the per-passage cap).
        Assert.True(TestApp.Count(app.DatabasePath, "near_duplicates") >= 2 * (Distinct - 1));
    }

    [Fact]
    public async Task Of_racing_decisions_with_the_same_ETag_exactly_one_wins_and_the_rest_get_412()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var alice = app.Client(TestApp.ReviewerKey);
        using var bob = app.Client(TestApp.SecondReviewerKey);
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, ReviewApiTests.Marked("Outlet A", "conflict", "troops", "1")));
        var id = ReviewApiTests.CreatedItemId(created);

        for (var round = 0; round < 5; round++)
        {
            var (etag, _) = await ReviewApiTests.ReadAsync(alice, id);
            var racers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
                (i % 2 == 0 ? alice : bob).SendAsync(ReviewApiTests.Post(id, "decision",
                    new { status = i % 2 == 0 ? "confirmed" : "dismissed", note = $"racer {i} round {round}" }, etag)))).ToList();
            var responses = await Task.WhenAll(racers);

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        }

        var (_, json) = await ReviewApiTests.ReadAsync(alice, id);
        // One audit entry per winning decision: no update was lost and none was applied twice.
        Assert.Equal(1 + 5, json.GetProperty("audit").GetArrayLength());
        Assert.Equal(6, json.GetProperty("item").GetProperty("version").GetInt64());
    }
}
