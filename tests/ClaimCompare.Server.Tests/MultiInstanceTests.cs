using System.Net;
using System.Text.Json;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Tests.Review;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ClaimCompare.Server.Tests;

/// <summary>
/// Several service instances on one PostgreSQL database, each with its own index, analyzer, pools and ingest lock
/// (what separate processes have), on real sockets: ingests through both at once group as one instance would, review
/// decisions race safely, and a session cookie issued by one is honoured by the other.
/// </summary>
public class MultiInstanceTests
{
    private sealed class Instance : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

        private Instance(Microsoft.AspNetCore.Builder.WebApplication app) => _app = app;

        public Uri Address => new(Assert.Single(_app.Urls));

        public static async Task<Instance> StartAsync(string connectionString)
        {
            var app = ServerHost.Build(
                [$"--ClaimCompare:DatabasePath={connectionString}", $"--Auth:Keys:{TestApp.AdminKey}=admin", $"--Auth:Keys:{TestApp.ReviewerKey}=reviewer",
                 $"--Auth:Keys:{TestApp.SecondReviewerKey}=reviewer", "--Serilog:MinimumLevel:Default=Warning"],
                b => b.WebHost.UseUrls("http://127.0.0.1:0"));
            await app.StartAsync();
            return new Instance(app);
        }

        public HttpClient Client(string key = TestApp.AdminKey)
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The five fixtures, each also reprinted by a second outlet with its own opening line, in a fixed order.</summary>
    private static List<object> StoryArticles()
    {
        var articles = new List<object>();
        string[] files = ["000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt"];
        for (var i = 0; i < files.Length; i++)
        {
            var text = Articles.Fixture(files[i]);
            articles.Add(Articles.Article($"Outlet {i}", text, published: $"2022-01-{12 + i}T10:00:00Z"));
            articles.Add(Articles.Article($"Reprint {i}", "Syndicated from a wire service this week.\n\n" + text, published: $"2022-01-{12 + i}T18:00:00Z"));
        }

        return articles;
    }

    /// <summary>Stories as sets of outlets (ids differ between databases), and near-duplicate pairs as outlet pairs.</summary>
    private static (SortedSet<string> Stories, SortedSet<string> Pairs, int Documents, int ReviewItems) Shape(string connectionString)
    {
        using var connection = new NpgsqlConnection(PostgresTestDatabase.Unpooled(connectionString));
        connection.Open();
        var stories = new SortedSet<string>(StringComparer.Ordinal);
        using (var command = new NpgsqlCommand("SELECT string_agg(source, ',' ORDER BY source) FROM documents GROUP BY story_id", connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stories.Add(reader.GetString(0));
            }
        }

        var pairs = new SortedSet<string>(StringComparer.Ordinal);
        using (var command = new NpgsqlCommand("""
            SELECT DISTINCT LEAST(a.source, b.source) || '~' || GREATEST(a.source, b.source)
            FROM near_duplicates n JOIN documents a ON a.id = n.a_document JOIN documents b ON b.id = n.b_document
            """, connection))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                pairs.Add(reader.GetString(0));
            }
        }

        using var documents = new NpgsqlCommand("SELECT COUNT(*) FROM documents", connection);
        using var items = new NpgsqlCommand("SELECT COUNT(*) FROM review_items", connection);
        return (stories, pairs, (int)(long)documents.ExecuteScalar()!, (int)(long)items.ExecuteScalar()!);
    }

    [PostgresFact]
    public async Task Ingesting_a_story_through_two_instances_at_once_groups_it_as_one_instance_does()
    {
        var (oneSchema, one) = await PostgresTestDatabase.CreateSchemaAsync();
        var (twoSchema, two) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            var articles = StoryArticles();
            await using (var a = await Instance.StartAsync(two))
            await using (var b = await Instance.StartAsync(two))
            {
                using var clientA = a.Client();
                using var clientB = b.Client();
                // Half through each instance, both at once; every article is also sent a second time through the other
                // instance (a client retrying elsewhere): that must answer with the stored document, not a second one.
                async Task<List<HttpStatusCode>> Send(HttpClient first, HttpClient second, int parity)
                {
                    var statuses = new List<HttpStatusCode>();
                    for (var i = parity; i < articles.Count; i += 2)
                    {
                        statuses.Add((await TestApp.IngestAsync(first, articles[i])).StatusCode);
                        statuses.Add((await TestApp.IngestAsync(second, articles[i])).StatusCode);
                    }

                    return statuses;
                }

                var results = await Task.WhenAll(Send(clientA, clientB, 0), Send(clientB, clientA, 1));
                var statuses = results.SelectMany(r => r).ToList();
                Assert.Equal(articles.Count, statuses.Count(s => s == HttpStatusCode.Created));
                Assert.Equal(articles.Count, statuses.Count(s => s == HttpStatusCode.OK));
            }

            // Grouping depends on arrival order (a story is chosen among what is already stored), so the reference is
            // one instance ingesting the same articles in the order the two committed them (the change feed's order).
            var order = new List<string>();
            using (var connection = new NpgsqlConnection(PostgresTestDatabase.Unpooled(two)))
            {
                connection.Open();
                using var command = new NpgsqlCommand("SELECT d.source FROM store_changes c JOIN documents d ON d.id = c.document_id ORDER BY c.seq", connection);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    order.Add(reader.GetString(0));
                }
            }

            Assert.Equal(articles.Count, order.Count);
            await using (var single = await Instance.StartAsync(one))
            {
                using var client = single.Client();
                foreach (var source in order)
                {
                    var article = articles.Single(x => JsonSerializer.SerializeToElement(x).GetProperty("source").GetString() == source);
                    Assert.Equal(HttpStatusCode.Created, (await TestApp.IngestAsync(client, article)).StatusCode);
                }
            }

            var expected = Shape(one);
            var actual = Shape(two);
            Assert.Equal(articles.Count, expected.Documents);
            Assert.Equal(articles.Count, actual.Documents);
            Assert.NotEmpty(expected.Pairs);
            Assert.Equal(expected.Stories, actual.Stories);
            Assert.Equal(expected.Pairs, actual.Pairs);
            Assert.Equal(expected.ReviewItems, actual.ReviewItems);
            Assert.Equal(0L, PostgresTestDatabase.Scalar(two, "SELECT COUNT(*) FROM (SELECT content_hash FROM documents GROUP BY content_hash HAVING COUNT(*) > 1) d"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropSchemaAsync(oneSchema);
            await PostgresTestDatabase.DropSchemaAsync(twoSchema);
        }
    }

    [PostgresFact]
    public async Task Reviewers_deciding_one_item_through_two_instances_lose_no_decision_and_overwrite_none()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            await using var a = await Instance.StartAsync(connectionString);
            await using var b = await Instance.StartAsync(connectionString);
            using var ingest = a.Client();
            foreach (var article in StoryArticles())
            {
                await TestApp.IngestAsync(ingest, article);
            }

            using var reviewerA = a.Client(TestApp.ReviewerKey);
            using var reviewerB = b.Client(TestApp.SecondReviewerKey);
            var queue = await TestApp.JsonAsync(await reviewerB.GetAsync(new Uri("/api/review?pageSize=100", UriKind.Relative)));
            var ids = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
            Assert.NotEmpty(ids);

            var accepted = 0;
            foreach (var id in ids)
            {
                // Both read the same version (one through each instance), then both decide on it at once.
                using var readA = await reviewerA.GetAsync(new Uri($"/api/review/{id}", UriKind.Relative));
                using var readB = await reviewerB.GetAsync(new Uri($"/api/review/{id}", UriKind.Relative));
                Assert.Equal(readA.Headers.ETag!.ToString(), readB.Headers.ETag!.ToString());
                var answers = await Task.WhenAll(
                    reviewerA.SendAsync(ReviewApiTests.Post(id, "decision", new { status = "confirmed", note = "A" }, readA.Headers.ETag!.ToString())),
                    reviewerB.SendAsync(ReviewApiTests.Post(id, "decision", new { status = "dismissed", note = "B" }, readB.Headers.ETag!.ToString())));
                var statuses = answers.Select(r => r.StatusCode).Order().ToList();
                Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);
                var decided = answers[0].StatusCode == HttpStatusCode.OK ? "confirmed" : "dismissed";

                // The winner's decision is what both instances now show, and the audit has it once.
                foreach (var reviewer in new[] { reviewerA, reviewerB })
                {
                    var item = await TestApp.JsonAsync(await reviewer.GetAsync(new Uri($"/api/review/{id}", UriKind.Relative)));
                    Assert.Equal(decided, item.GetProperty("item").GetProperty("status").GetString());
                }

                Assert.Equal(1L, PostgresTestDatabase.Scalar(connectionString, $"SELECT COUNT(*) FROM review_audit WHERE item_id = {id} AND action = 'decided'"));
                accepted++;
            }

            Assert.Equal(ids.Count, accepted);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    [PostgresFact]
    public async Task A_session_cookie_from_one_instance_signs_in_on_the_other_with_one_key_ring_in_the_database()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            // Started at once: the first key is created once, under the database's lock, not by each instance.
            var started = await Task.WhenAll(Instance.StartAsync(connectionString), Instance.StartAsync(connectionString));
            await using var a = started[0];
            await using var b = started[1];
            Assert.Equal(1L, PostgresTestDatabase.Scalar(connectionString, "SELECT COUNT(*) FROM data_protection_keys"));

            var cookies = new CookieContainer();
            using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
            using var browser = new HttpClient(handler, disposeHandler: false);
            var login = await browser.GetStringAsync(new Uri(a.Address, "/login"));
            using var signIn = await browser.PostAsync(new Uri(a.Address, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["apiKey"] = TestApp.ReviewerKey,
                ["__antiforgery"] = PageSession.Token(login),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var session = cookies.GetCookies(a.Address)["claimcompare.session"]!.Value;

            // The same cookie, sent to the other instance only (no cookie container, so nothing else travels with it).
            using var other = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(b.Address, "/review"));
            request.Headers.Add("Cookie", "claimcompare.session=" + session);
            using var page = await other.SendAsync(request);
            using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(b.Address, "/review"));
            forged.Headers.Add("Cookie", "claimcompare.session=" + session[..^8] + "AAAAAAAA");
            using var refused = await other.SendAsync(forged);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/login?", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }
}
