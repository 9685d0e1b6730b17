using System.Globalization;
using System.Net;
using System.Text.Json;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Server.Tests.Api;

public class StoriesApiTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Documents_with_the_same_story_key_form_one_story(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);

        var a = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", "One article about the summit in Geneva today.", story: "summit")));
        var b = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet B", "Another article with no shared words at all.", story: "summit")));
        var c = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet C", "A third, unrelated article on the weather.")));

        Assert.Equal(a.GetProperty("storyId").GetInt64(), b.GetProperty("storyId").GetInt64());
        Assert.NotEqual(a.GetProperty("storyId").GetInt64(), c.GetProperty("storyId").GetInt64());
    }

    [Fact]
    public async Task Shared_passages_group_documents_automatically_within_the_time_window_only()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?> { ["ClaimCompare:StoryWindowHours"] = "48" });
        using var client = app.Client(TestApp.IngestKey);

        var a = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with its own words here."), published: "2022-01-12T08:00:00Z")));
        var b = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own."), published: "2022-01-13T08:00:00Z")));
        var late = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet C", Articles.WithWire("Outlet C recycles the copy a month later."), published: "2022-02-20T08:00:00Z")));

        Assert.Equal(a.GetProperty("storyId").GetInt64(), b.GetProperty("storyId").GetInt64());
        Assert.NotEqual(a.GetProperty("storyId").GetInt64(), late.GetProperty("storyId").GetInt64());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Stories_are_listed_newest_first_with_their_sources(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);
        await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with its own words here.")));
        await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own.")));
        await TestApp.IngestAsync(client, Articles.Article("Outlet C", "A third, unrelated article on the weather."));

        var response = await client.GetAsync(new Uri("/api/stories?page=1&pageSize=10", UriKind.Relative));
        var json = await TestApp.JsonAsync(response);
        var one = await client.GetAsync(new Uri("/api/stories/1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        var stories = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, stories[0].GetProperty("id").GetInt64());
        Assert.Equal(["Outlet A", "Outlet B"], stories[1].GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, stories[1].GetProperty("documents").GetInt32());
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
    }

    [Theory]
    [InlineData("json", "application/json", "\"sources\"")]
    [InlineData("markdown", "text/markdown", "# ClaimCompare report")]
    [InlineData("html", "text/html", "<html")]
    public async Task The_story_report_is_rendered_by_Core_in_each_format(string format, string mediaType, string marker)
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var story = (await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet A", Articles.WithWire("Outlet A says [[conflict|troops near the border|100000]] troops gathered."))))).GetProperty("storyId").GetInt64();
        await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own.")));

        var response = await client.GetAsync(new Uri($"/api/stories/{story}/report?format={format}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(marker, body, StringComparison.Ordinal);
        Assert.Contains("far from a deal", body, StringComparison.Ordinal);
        Assert.Contains("Outlet B", body, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_report_in_an_unknown_format_is_400_and_of_an_unknown_story_404()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        await TestApp.IngestAsync(client, Articles.Article("Outlet A", "One article about the summit in Geneva today."));

        var badFormat = await client.GetAsync(new Uri("/api/stories/1/report?format=pdf", UriKind.Relative));
        var unknown = await client.GetAsync(new Uri("/api/stories/42/report", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Clusters_group_copies_across_outlets_and_filter_by_source_and_date()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with its own words here."), published: "2022-01-12T08:00:00Z"));
        await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own."), published: "2022-01-12T09:00:00Z"));
        await TestApp.IngestAsync(client, Articles.Article("Outlet C", Articles.WithWire("Outlet C opens in yet another way entirely."), published: "2022-01-12T10:00:00Z"));
        const string Other = "This sentence was shared by two outlets on another day entirely.";
        await TestApp.IngestAsync(client, Articles.Article("Outlet D", Other, published: "2022-03-01T08:00:00Z"));
        await TestApp.IngestAsync(client, Articles.Article("Outlet E", Other, published: "2022-03-01T09:00:00Z"));
        const string Own = "An outlet that republishes its own sentence twice is not a cross-outlet cluster.";
        await TestApp.IngestAsync(client, Articles.Article("Outlet F", Own, url: "https://f.example/1"));
        await TestApp.IngestAsync(client, Articles.Article("Outlet F", Own, url: "https://f.example/2"));

        var all = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/clusters", UriKind.Relative)));
        var bySource = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/clusters?source=Outlet%20D", UriKind.Relative)));
        var byDate = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/clusters?from=2022-01-01T00:00:00Z&to=2022-01-31T00:00:00Z", UriKind.Relative)));

        var sameOutlet = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/clusters?minSources=1", UriKind.Relative)));

        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(4, sameOutlet.GetProperty("total").GetInt32());
        var wire = all.GetProperty("clusters")[0];
        Assert.Equal(3, wire.GetProperty("members").GetArrayLength());
        Assert.True(wire.GetProperty("members")[0].GetProperty("isRepresentative").GetBoolean());
        Assert.Equal("verbatim", wire.GetProperty("members")[1].GetProperty("kind").GetString());
        Assert.Equal(1, bySource.GetProperty("total").GetInt32());
        Assert.Equal(2, byDate.GetProperty("total").GetInt32());
    }
}

public class CoreAnalysisTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task The_fixture_story_raises_Core_findings_whose_evidence_quotes_the_sources(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend, withMarkerFindings: false);
        using var client = app.Client(TestApp.AdminKey);
        var names = new[]
        {
            "000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt",
        };
        var texts = new Dictionary<string, string>();
        var findings = 0;
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var text = Articles.Fixture(name);
            var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article($"Outlet {i}", text, story: "russia-nato")));
            texts[response.GetProperty("id").GetString()!] = text;
            findings += response.GetProperty("findings").GetArrayLength();
            Assert.Equal("core-claim-extractor+aligner", response.GetProperty("analysis").GetProperty("claims").GetString());
        }

        var queue = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/review?pageSize=200", UriKind.Relative)));

        Assert.True(findings > 0);
        Assert.True(queue.GetProperty("total").GetInt32() > 0);
        Assert.Equal(5, TestApp.Count(app.DatabasePath, "documents WHERE claims_json LIKE '{\"figures\":[{%'"));
        foreach (var item in queue.GetProperty("items").EnumerateArray())
        {
            var detail = await TestApp.JsonAsync(await client.GetAsync(new Uri($"/api/review/{item.GetProperty("id").GetInt64()}", UriKind.Relative)));
            foreach (var evidence in detail.GetProperty("evidence").EnumerateArray())
            {
                var sentence = evidence.GetProperty("evidence").GetProperty("sentence");
                var text = texts[evidence.GetProperty("document").GetString()!];
                Assert.Equal(text[sentence.GetProperty("start").GetInt32()..sentence.GetProperty("end").GetInt32()], sentence.GetProperty("text").GetString());
            }
        }
    }
}

public class RewriteAtIngestTests
{
    private static readonly string[] Names =
    [
        "000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt",
    ];

    [Fact]
    public async Task Ingesting_the_fixtures_finds_the_rewritten_paragraphs_the_batch_detector_finds_and_groups_one_story()
    {
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var client = app.Client(TestApp.AdminKey);
        var ids = new List<string>();
        var rewrites = new List<(string A, string B, string Text)>();
        foreach (var (name, i) in Names.Select((n, i) => (n, i)))
        {
            var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article($"Outlet {i}", Articles.Fixture(name))));
            var id = response.GetProperty("id").GetString()!;
            ids.Add(id);
            foreach (var edge in response.GetProperty("nearDuplicates").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "rewrite"))
            {
                rewrites.Add((ids.IndexOf(edge.GetProperty("otherDocument").GetString()!).ToString("000", CultureInfo.InvariantCulture), i.ToString("000", CultureInfo.InvariantCulture),
                    edge.GetProperty("span").GetProperty("text").GetString()!));
            }
        }

        // The six clusters of `claimcompare dedup fixtures/russia-nato-2022`, all rewrites: each as an edge from the later article.
        Assert.Contains(rewrites, r => r is { A: "000", B: "004" } && r.Text.Contains("defuse the situation", StringComparison.Ordinal));
        Assert.Contains(rewrites, r => r is { A: "000", B: "004" } && r.Text.Contains("commitment to withdraw", StringComparison.Ordinal));
        Assert.Contains(rewrites, r => r is { A: "000", B: "004" } && r.Text.Contains("assistant secretary of state", StringComparison.Ordinal));
        Assert.Contains(rewrites, r => r is { A: "001", B: "004" } && r.Text.Contains("It was not an easy discussion", StringComparison.Ordinal));
        Assert.Contains(rewrites, r => r is { A: "000", B: "001" } && r.Text.Contains("prevent dangerous military incidents", StringComparison.Ordinal));
        // "opposes any expansion of NATO" against "refusal to accept ... further enlargement": found as the neighbour of
        // the "commitment to withdraw" pair across 000's subheading (see the test below).
        Assert.Contains(rewrites, r => r is { A: "000", B: "004" } && r.Text.Contains("further enlargement", StringComparison.Ordinal));

        var stories = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/stories", UriKind.Relative)));
        Assert.Contains(stories.GetProperty("items").EnumerateArray(), s => s.GetProperty("documents").GetInt32() >= 3);
    }

    // The pair shares too few informative words to be a rewrite candidate on its own; it is found as the neighbour of
    // the "commitment to withdraw" pair, stepping over the subheading 000 prints between them.
    [Fact]
    public async Task Expansion_and_further_enlargement_link_as_a_rewrite()
    {
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var client = app.Client(TestApp.AdminKey);
        await TestApp.IngestAsync(client, Articles.Article("Outlet 0", Articles.Fixture(Names[0])));
        var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet 4", Articles.Fixture(Names[4]))));

        Assert.Contains(response.GetProperty("nearDuplicates").EnumerateArray(), e =>
            e.GetProperty("kind").GetString() == "rewrite" && e.GetProperty("span").GetProperty("text").GetString()!.Contains("further enlargement", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rewrite_edges_carry_their_probability_and_the_service_threshold_is_the_same_decision_as_the_cli()
    {
        async Task<List<JsonElement>> RewritesOf(IDictionary<string, string?>? settings)
        {
            await using var app = TestApp.Start(settings: settings, withMarkerFindings: false);
            using var client = app.Client(TestApp.AdminKey);
            await TestApp.IngestAsync(client, Articles.Article("Outlet 1", Articles.Fixture(Names[1])));
            var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet 4", Articles.Fixture(Names[4]))));
            return [.. response.GetProperty("nearDuplicates").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "rewrite")];
        }

        var byDefault = await RewritesOf(null);
        var quote = Assert.Single(byDefault, e => e.GetProperty("span").GetProperty("text").GetString()!.Contains("It was not an easy discussion", StringComparison.Ordinal));
        var confidence = quote.GetProperty("confidence").GetDouble();
        Assert.InRange(confidence, 0.01, 0.999);

        // Just above that pair's probability, the service drops it, as `claimcompare dedup --rewrite-threshold` does.
        var above = (confidence + 0.0005).ToString(CultureInfo.InvariantCulture);
        var stricter = await RewritesOf(new Dictionary<string, string?> { ["ClaimCompare:RewriteThreshold"] = above });
        Assert.DoesNotContain(stricter, e => e.GetProperty("span").GetProperty("text").GetString()!.Contains("It was not an easy discussion", StringComparison.Ordinal));
        Assert.All(stricter, e => Assert.True(e.GetProperty("confidence").GetDouble() >= confidence + 0.0005));
    }

    [Fact]
    public async Task After_a_restart_the_rewrite_index_answers_as_before()
    {
        var path = TestApp.NewDatabasePath();
        string before;
        var probe = Articles.Article("Outlet P", Articles.Fixture(Names[4]).Replace("Geneva", "Genf", StringComparison.Ordinal));
        try
        {
            await using (var app = TestApp.Start(databasePath: path, withMarkerFindings: false))
            {
                using var client = app.Client(TestApp.AdminKey);
                foreach (var (name, i) in Names[..4].Select((n, i) => (n, i)))
                {
                    await TestApp.IngestAsync(client, Articles.Article($"Outlet {i}", Articles.Fixture(name)));
                }

                var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, probe));
                before = response.GetProperty("nearDuplicates").GetRawText();
                Assert.Contains("\"rewrite\"", before, StringComparison.Ordinal);
                using var delete = await client.DeleteAsync(new Uri($"/api/documents/{response.GetProperty("id").GetString()}", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.NoContent, delete.StatusCode);
            }

            await using (var app = TestApp.Start(databasePath: path, withMarkerFindings: false))
            {
                using var client = app.Client(TestApp.AdminKey);
                var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, probe));
                Assert.Equal(before, response.GetProperty("nearDuplicates").GetRawText());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

public class ReviewItemIdentityTests
{
    [Fact]
    public async Task A_third_source_of_the_same_disputed_quote_and_title_adds_evidence_to_the_existing_items()
    {
        var third = Articles.Fixture("004_f0dd9e6a0525e350.txt")
            .Replace("“simply unachievable.”", "“simply unacceptable.”", StringComparison.Ordinal)
            .Replace("Stoltenberg said", "NATO Secretary-General Jens Stoltenberg said", StringComparison.Ordinal);
        Assert.Contains("simply unacceptable", third, StringComparison.Ordinal);
        var articles = new[]
        {
            Articles.Article("Outlet A", Articles.Fixture("000_8959d211298b2323.txt"), story: "geneva"),
            Articles.Article("Outlet B", Articles.Fixture("004_f0dd9e6a0525e350.txt"), story: "geneva"),
            Articles.Article("Outlet C", third, story: "geneva"),
        };

        // A quote variant's topic quotes the wording of the source with the smallest id among those aligned. Sending
        // that source last makes the later finding's topic differ from the item's: only the shared claims identify it.
        var ids = new List<string>();
        await using (var probe = TestApp.Start(withMarkerFindings: false))
        {
            using var probeClient = probe.Client(TestApp.AdminKey);
            foreach (var article in articles)
            {
                ids.Add((await TestApp.JsonAsync(await TestApp.IngestAsync(probeClient, article))).GetProperty("id").GetString()!);
            }
        }

        var last = ids.IndexOf(ids.Min(StringComparer.Ordinal)!);
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var client = app.Client(TestApp.AdminKey);
        foreach (var i in Enumerable.Range(0, 3).Where(i => i != last).Append(last))
        {
            Assert.Equal(ids[i], (await TestApp.JsonAsync(await TestApp.IngestAsync(client, articles[i]))).GetProperty("id").GetString());
        }

        var queue = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/review?pageSize=200", UriKind.Relative)));
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        var roles = items.Where(i => i.GetProperty("kind").GetString() == "role-conflict").ToList();
        var quotes = items.Where(i => i.GetProperty("kind").GetString() == "quote-variant"
            && i.GetProperty("topic").GetString()!.Contains("simply", StringComparison.Ordinal)).ToList();

        // One item each, however the later finding's topic came out, with evidence from all three sources.
        var role = Assert.Single(roles);
        var quote = Assert.Single(quotes);
        foreach (var item in new[] { role, quote })
        {
            var detail = await TestApp.JsonAsync(await client.GetAsync(new Uri($"/api/review/{item.GetProperty("id").GetInt64()}", UriKind.Relative)));
            var documents = detail.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("document").GetString()).Distinct().ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), documents.Order(StringComparer.Ordinal));
        }
    }
}

public class AutomaticStoryTests
{
    [Fact]
    public async Task Aligning_by_topic_the_fixtures_sent_without_story_keys_form_one_story_whose_queue_holds_the_reports_disputes()
    {
        await using var app = TestApp.Start(withMarkerFindings: false, settings: new Dictionary<string, string?> { ["ClaimCompare:AlignByTopic"] = "true" });
        using var client = app.Client(TestApp.AdminKey);
        string[] names = ["000_8959d211298b2323.txt", "001_f33a823e7d061938.txt", "002_45aa04065411f6dd.txt", "003_dc004be232243bed.txt", "004_f0dd9e6a0525e350.txt"];
        var stories = new HashSet<long>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            // No story key: 002 and 003 share no paragraph with the others, only claims about the same event.
            var response = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article($"Outlet {i}", Articles.Fixture(name))));
            stories.Add(response.GetProperty("storyId").GetInt64());
        }

        Assert.Single(stories);
        var queue = await TestApp.JsonAsync(await client.GetAsync(new Uri("/api/review?pageSize=200", UriKind.Relative)));
        var items = queue.GetProperty("items").EnumerateArray().Select(i => (Kind: i.GetProperty("kind").GetString(), Topic: i.GetProperty("topic").GetString()!)).ToList();

        // Up for review: Sherman's two titles and two quotes worded differently. Every article is dated 12 January here, so
        // the 3,000 troops "on Tuesday" (11 January) and the more than 10,000 "Wednesday" (12 January) are one count on two
        // days: a timeline in the story's report, not a conflict.
        Assert.DoesNotContain(items, i => i.Kind == "conflict");
        Assert.Single(items, i => i.Kind == "role-conflict" && i.Topic.Contains("Sherman", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Kind == "quote-variant" && i.Topic.StartsWith("Jens Stoltenberg", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Kind == "quote-variant" && i.Topic.StartsWith("Wendy Sherman", StringComparison.Ordinal));
        var report = await (await client.GetAsync(new Uri($"/api/stories/{stories.Single()}/report?format=markdown", UriKind.Relative))).Content.ReadAsStringAsync();
        // Markdown escapes the hyphens of dates ("2022\-01\-11"); read it without the escapes.
        var timelines = report[report.IndexOf("## Timelines", StringComparison.Ordinal)..].Replace("\\", "", StringComparison.Ordinal);
        Assert.Contains("**about 3,000**", timelines, StringComparison.Ordinal);
        Assert.Contains("**More than 10,000**", timelines, StringComparison.Ordinal);
        Assert.Contains("for 2022-01-11", timelines, StringComparison.Ordinal);
        Assert.Contains("for 2022-01-12", timelines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_an_article_that_shares_no_passage_is_not_aligned_and_starts_its_own_story()
    {
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var client = app.Client(TestApp.AdminKey);
        var first = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.Fixture("001_f33a823e7d061938.txt"))));
        var second = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.Fixture("003_dc004be232243bed.txt"))));

        Assert.Empty(second.GetProperty("nearDuplicates").EnumerateArray());
        Assert.DoesNotContain(second.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "conflict");
        Assert.NotEqual(first.GetProperty("storyId").GetInt64(), second.GetProperty("storyId").GetInt64());
    }
}
