using System.Net;
using System.Text.RegularExpressions;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Tests.Review;
using ClaimCompare.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Server.Tests.Pages;

public partial class ReviewPagesTests
{
    private static async Task<long> IngestMarkedAsync(HttpClient ingest, string source, string kind, string topic, string value, string story = "border", string published = "2022-01-12T10:00:00Z")
    {
        var body = Articles.Article(source, $"{source} reported that [[{kind}|{topic}|{value}]] was the figure given by officials on Wednesday.", story: story, published: published);
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, body));
        return ReviewApiTests.CreatedItemId(created);
    }

    private static string Decide(long id) => $"/review/{id}?handler=Decide";

    private static string Assign(long id) => $"/review/{id}?handler=Assign";

    [Fact]
    public async Task The_queue_lists_open_items_first_with_counts_by_status_and_names_sources_by_outlet_and_date()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var first = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");
        var second = await IngestMarkedAsync(ingest, "Outlet B", "quote-variant", "Stoltenberg on talks", "said");
        var (etag, _) = await ReviewApiTests.ReadAsync(reviewer, first);
        await reviewer.SendAsync(ReviewApiTests.Post(first, "decision", new { status = "dismissed", note = "different units" }, etag));
        using var session = await PageSession.SignedInAsync(app);

        var html = await session.HtmlAsync("/review");

        // The decided item (older) comes after the open one.
        Assert.True(html.IndexOf($"href=\"/review/{second}\"", StringComparison.Ordinal) < html.IndexOf($"href=\"/review/{first}\"", StringComparison.Ordinal));
        Assert.Matches(@"Open <span class=""count"">1</span>", html);
        Assert.Matches(@"Dismissed <span class=""count"">1</span>", html);
        Assert.Matches(@"All <span class=""count"">2</span>", html);
        Assert.Contains("<li>Outlet A, 2022-01-12</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_filters_by_status_kind_story_outlet_date_and_assignee_and_pages()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var ids = new List<long>();
        for (var i = 0; i < 27; i++)
        {
            ids.Add(await IngestMarkedAsync(ingest, i % 2 == 0 ? "Even Times" : "Odd Post", i % 3 == 0 ? "role-conflict" : "conflict",
                $"topic number {i}", "1", story: i < 20 ? "early" : "late", published: i < 20 ? "2022-01-12T10:00:00Z" : "2022-02-20T10:00:00Z"));
        }

        var (etag, json) = await ReviewApiTests.ReadAsync(reviewer, ids[4]);
        await reviewer.SendAsync(ReviewApiTests.Post(ids[4], "assign", new { assignee = "alice" }, etag));
        var lateStory = (await ReviewApiTests.ReadAsync(reviewer, ids[25])).Json.GetProperty("item").GetProperty("storyId").GetInt64();
        using var session = await PageSession.SignedInAsync(app);

        static IReadOnlyList<long> Listed(string html) =>
            [.. ItemLinks().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

        var page1 = Listed(await session.HtmlAsync("/review"));
        var page2Html = await session.HtmlAsync("/review?p=2");
        var roles = Listed(await session.HtmlAsync("/review?kind=role-conflict"));
        var odd = Listed(await session.HtmlAsync("/review?outlet=Odd%20Post"));
        var oddTyped = Listed(await session.HtmlAsync("/review?outlet=odd%20post"));
        var february = Listed(await session.HtmlAsync("/review?from=2022-02-01&to=2022-02-28"));
        var story = Listed(await session.HtmlAsync($"/review?story={lateStory}"));
        var mine = Listed(await session.HtmlAsync("/review?mine=true"));
        var bob = Listed(await session.HtmlAsync("/review?assignee=alice"));
        var bad = await session.HtmlAsync("/review?status=nonsense&from=yesterday");

        Assert.Equal(25, page1.Count);
        Assert.Equal(ids.Take(25), page1);
        Assert.Equal(ids.Skip(25), Listed(page2Html));
        Assert.Contains("Items 26–27 of 27", page2Html, StringComparison.Ordinal);
        Assert.Equal(ids.Where((_, i) => i % 3 == 0), roles);
        Assert.Equal(ids.Where((_, i) => i % 2 == 1), odd);
        Assert.Equal(odd, oddTyped);
        Assert.Equal(ids.Skip(20), february);
        Assert.Equal(ids.Skip(20), story);
        Assert.Equal([ids[4]], mine);
        Assert.Equal([ids[4]], bob);
        Assert.Contains("“nonsense” is not a status", bad, StringComparison.Ordinal);
        Assert.Contains("“yesterday” is not a date", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_page_shows_each_source_with_outlet_date_link_highlighted_claim_value_and_history()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        var id = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");
        await TestApp.IngestAsync(ingest, Articles.Article("Outlet B", "Outlet B reported that [[conflict|troops near the border|30000]] was the figure given by officials on Wednesday.", story: "border"));
        using var session = await PageSession.SignedInAsync(app);

        var html = await session.HtmlAsync($"/review/{id}");

        Assert.Contains("<h3 class=\"source\">Outlet A, 2022-01-12</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"source\">Outlet B, 2022-01-12</h3>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://outlet-a.example/story\"", html, StringComparison.Ordinal);
        Assert.Contains("Outlet A reported that <mark>[[conflict|troops near the border|100000]]</mark> was the figure", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"value\">30000</dd>", html, StringComparison.Ordinal);
        Assert.Contains("evidence-added", html, StringComparison.Ordinal);
        Assert.Contains("<strong>ingest-", html, StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            (await session.Client.GetAsync(new Uri($"/review/{id}", UriKind.Relative))).Headers.GetValues("Content-Security-Policy").Single());
        // No inline script, no inline handler, no inline style: the CSP would block them anyway.
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.DoesNotMatch(@"\sstyle=", html);
    }

    [Fact]
    public async Task The_service_JSON_names_review_evidence_by_outlet_date_and_url()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var id = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");

        var evidence = (await ReviewApiTests.ReadAsync(reviewer, id)).Json.GetProperty("evidence")[0];

        Assert.Equal("Outlet A", evidence.GetProperty("outlet").GetString());
        Assert.Equal("2022-01-12T10:00:00+00:00", evidence.GetProperty("published").GetString());
        Assert.Equal("https://outlet-a.example/story", evidence.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Deciding_on_the_page_saves_the_decision_with_its_note_and_the_reviewer_as_actor()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var id = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");
        using var session = await PageSession.SignedInAsync(app);
        var page = await session.HtmlAsync($"/review/{id}");

        var response = await session.SubmitAsync($"/review/{id}", Decide(id),
            new() { ["status"] = "confirmed", ["note"] = "Checked both: they disagree.", ["version"] = PageSession.Version(page).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var after = await session.HtmlAsync(response.Headers.Location!.OriginalString);
        var json = (await ReviewApiTests.ReadAsync(reviewer, id)).Json;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/review/{id}?done=decided", response.Headers.Location.OriginalString);
        Assert.Contains("Saved: the item is now confirmed.", after, StringComparison.Ordinal);
        Assert.Equal("confirmed", json.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal("Checked both: they disagree.", json.GetProperty("item").GetProperty("note").GetString());
        Assert.Equal("alice", json.GetProperty("audit")[1].GetProperty("actor").GetString());
        Assert.Contains("<q>Checked both: they disagree.</q>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var id = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");
        using var session = await PageSession.SignedInAsync(app);

        var response = await session.SubmitAsync($"/review/{id}", Decide(id), new() { ["status"] = "dismissed", ["version"] = "1" }, withToken: false);
        var assign = await session.SubmitAsync($"/review/{id}", Assign(id), new() { ["to"] = "me", ["version"] = "1" }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        Assert.Contains("Nothing was changed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var item = (await ReviewApiTests.ReadAsync(reviewer, id)).Json.GetProperty("item");
        Assert.Equal("open", item.GetProperty("status").GetString());
        Assert.Equal(1, item.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_reviewer_whose_page_is_stale_gets_the_current_state_and_no_lost_update()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var id = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");
        using var alice = await PageSession.SignedInAsync(app, TestApp.ReviewerKey);
        using var bob = await PageSession.SignedInAsync(app, TestApp.SecondReviewerKey);
        var alicePage = await alice.HtmlAsync($"/review/{id}");
        var bobPage = await bob.HtmlAsync($"/review/{id}");

        var first = await alice.SubmitAsync($"/review/{id}", Decide(id),
            new() { ["status"] = "confirmed", ["note"] = "Real conflict.", ["version"] = PageSession.Version(alicePage).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var second = await bob.SubmitAsync($"/review/{id}", Decide(id),
            new() { ["status"] = "dismissed", ["note"] = "Bob's careful note.", ["version"] = PageSession.Version(bobPage).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this item first", html, StringComparison.Ordinal);
        Assert.Contains("alice changed it at", html, StringComparison.Ordinal);
        Assert.Contains("it is now confirmed, unassigned with the note “Real conflict.”", html, StringComparison.Ordinal);
        // Bob's typed note is kept in the form; the form now carries the current version.
        Assert.Contains(">Bob&#x27;s careful note.</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(2, PageSession.Version(html));
        var json = (await ReviewApiTests.ReadAsync(reviewer, id)).Json;
        Assert.Equal("confirmed", json.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal("Real conflict.", json.GetProperty("item").GetProperty("note").GetString());
        Assert.Equal(2, json.GetProperty("audit").GetArrayLength());
    }

    [Fact]
    public async Task Assigning_to_me_to_someone_and_to_nobody_is_saved_and_a_decision_needs_a_status()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var id = await IngestMarkedAsync(ingest, "Outlet A", "conflict", "troops near the border", "100000");
        using var session = await PageSession.SignedInAsync(app);

        async Task<HttpResponseMessage> AssignAsync(string to, string? assignee = null)
        {
            var page = await session.HtmlAsync($"/review/{id}");
            var fields = new Dictionary<string, string> { ["to"] = to, ["version"] = PageSession.Version(page).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (assignee is not null)
            {
                fields["assignee"] = assignee;
            }

            return await session.SubmitAsync($"/review/{id}", Assign(id), fields);
        }

        var me = await AssignAsync("me");
        var afterMe = (await ReviewApiTests.ReadAsync(reviewer, id)).Json.GetProperty("item").GetProperty("assignee").GetString();
        var someone = await AssignAsync("someone", "carol");
        var afterSomeone = (await ReviewApiTests.ReadAsync(reviewer, id)).Json.GetProperty("item").GetProperty("assignee").GetString();
        var nobody = await AssignAsync("nobody");
        var afterNobody = (await ReviewApiTests.ReadAsync(reviewer, id)).Json.GetProperty("item").GetProperty("assignee");
        var empty = await AssignAsync("someone", " ");
        var noStatus = await session.SubmitAsync($"/review/{id}", Decide(id), new() { ["note"] = "forgot", ["version"] = "4" });

        Assert.All([me, someone, nobody], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal("alice", afterMe);
        Assert.Equal("carol", afterSomeone);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, afterNobody.ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter who to assign the item to.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noStatus.StatusCode);
        Assert.Contains("Choose a decision", await noStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_items_and_stories_are_404_pages()
    {
        await using var app = TestApp.Start();
        using var session = await PageSession.SignedInAsync(app);

        var item = await session.GetAsync("/review/999");
        var story = await session.GetAsync("/stories/999");

        Assert.Equal(HttpStatusCode.NotFound, item.Status);
        Assert.Contains("Item not found", item.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, story.Status);
        Assert.Contains("Story not found", story.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_story_page_lists_documents_by_outlet_and_date_and_each_finding_with_its_review_status()
    {
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var ingest = app.Client(TestApp.IngestKey);
        using var reviewer = app.Client(TestApp.ReviewerKey);
        long story = 0;
        foreach (var (file, outlet, date) in new[] { ("000_8959d211298b2323.txt", "Outlet Zero", "2022-01-12T00:00:00Z"), ("001_f33a823e7d061938.txt", "arkansasonline.com", "2022-01-13T00:00:00Z"), ("003_dc004be232243bed.txt", "Outlet Three", "2022-01-12T00:00:00Z") })
        {
            var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest,
                new { source = outlet, text = Articles.Fixture(file), story = "russia-nato-2022", published = date, title = "Talks in " + outlet }));
            story = created.GetProperty("storyId").GetInt64();
        }

        var items = await TestApp.JsonAsync(await reviewer.GetAsync(new Uri($"/api/review?story={story}&status=open", UriKind.Relative)));
        var conflict = items.GetProperty("items").EnumerateArray().First().GetProperty("id").GetInt64();
        var (etag, _) = await ReviewApiTests.ReadAsync(reviewer, conflict);
        await reviewer.SendAsync(ReviewApiTests.Post(conflict, "decision", new { status = "confirmed", note = "yes" }, etag));
        using var session = await PageSession.SignedInAsync(app);

        var html = await session.HtmlAsync($"/stories/{story}");

        Assert.True(html.IndexOf("Outlet Three, 2022-01-12", StringComparison.Ordinal) < html.IndexOf("arkansasonline.com, 2022-01-13", StringComparison.Ordinal));
        Assert.Contains("<td data-label=\"Headline\">Talks in Outlet Three</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/review/{conflict}\" class=\"badge status-confirmed\">Confirmed", html, StringComparison.Ordinal);
        // The 3,000 troops of Tuesday (11 January) and the more than 10,000 of Wednesday (12 January): one count on two days,
        // shown as a timeline with each day and outlet, not as a conflict.
        var timelines = html[html.IndexOf("id=\"timeline-title\"", StringComparison.Ordinal)..];
        Assert.Matches(@"about 3,000 troops = \[2,550, 3,450\] \[[^\]]*2022-01-11[^\]]*\] \(Outlet Three, 2022-01-12\) → More than 10,000 troops = \(10,000, ∞\) \[[^\]]*in southern russia · 2022-01-12[^\]]*\] \(arkansasonline.com, 2022-01-13\)", timelines);
    }

    [Fact]
    public async Task Only_an_admin_may_delete_a_document_from_the_story_page()
    {
        await using var app = TestApp.Start();
        using var ingest = app.Client(TestApp.IngestKey);
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, Articles.Article("Outlet A", Articles.WireCopy, story: "s")));
        var (document, story) = (created.GetProperty("id").GetString()!, created.GetProperty("storyId").GetInt64());
        using var reviewer = await PageSession.SignedInAsync(app, TestApp.ReviewerKey);
        using var admin = await PageSession.SignedInAsync(app, TestApp.AdminKey);

        var reviewerPage = await reviewer.HtmlAsync($"/stories/{story}");
        var refused = await reviewer.SubmitAsync($"/stories/{story}", $"/stories/{story}?handler=Delete", new() { ["document"] = document });
        var stillThere = await app.Client().GetAsync(new Uri($"/api/documents/{document}", UriKind.Relative));
        var adminPage = await admin.HtmlAsync($"/stories/{story}");
        var deleted = await admin.SubmitAsync($"/stories/{story}", $"/stories/{story}?handler=Delete", new() { ["document"] = document });
        var gone = await app.Client().GetAsync(new Uri($"/api/documents/{document}", UriKind.Relative));

        Assert.DoesNotContain("handler=Delete", reviewerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only an admin can delete documents.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Contains("handler=Delete", adminPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_hostile_article_renders_as_text_on_every_page()
    {
        await using var app = TestApp.Start();
        const string Hostile = "<script>alert('x')</script> The minister said <img src=x onerror=alert(1)> that [[conflict|<b>troops</b> onerror=alert(2)|<script>1</script>]] marched, " +
                               "see <a href=\"javascript:alert(3)\">this</a>. Officials gave no figure on Wednesday and the talks went on for hours in Brussels.";
        var ingestService = app.Services.GetRequiredService<IngestService>();
        using var _ = app.Client();
        var result = await ingestService.IngestAsync(new IngestCommand("<i>Evil</i> \"Outlet\"", "javascript:alert(4)",
            new DateTimeOffset(2022, 1, 12, 0, 0, 0, TimeSpan.Zero), "<script>alert(5)</script>", Hostile, "hostile"), "test", CancellationToken.None);
        var id = result.Outcome.CreatedReviewItems[0];
        using var session = await PageSession.SignedInAsync(app, TestApp.AdminKey);

        foreach (var path in new[] { "/review", $"/review/{id}", "/stories", $"/stories/{result.Outcome.StoryId}", "/review?outlet=%3Cscript%3E" })
        {
            var html = await session.HtmlAsync(path);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=""/assets/site\.js"")", html);
            Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(?i)(href|src|action)=[""']?\s*javascript:", html);
            Assert.DoesNotMatch(@"<[^>]*\sonerror=", html);
        }

        var item = await session.HtmlAsync($"/review/{id}");
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", item, StringComparison.Ordinal);
        Assert.Contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;", item, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", item, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;Evil&lt;/i&gt; &quot;Outlet&quot;, 2022-01-12", item, StringComparison.Ordinal);
        Assert.Contains("Its stored URL is not a web (http or https) address, so it is not linked.", item, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"href=""/review/(\d+)"" class=""item-link""")]
    private static partial Regex ItemLinks();
}
