using System.Net;
using System.Net.Http.Json;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Server.Tests.Api;

public class DocumentsApiTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Ingest_returns_201_with_id_location_and_passages_whose_spans_index_the_text(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);
        var text = Articles.Fixture();

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", text));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = json.GetProperty("id").GetString()!;
        Assert.Equal($"/api/documents/{id}", response.Headers.Location!.OriginalString);
        Assert.False(json.GetProperty("duplicate").GetBoolean());
        var passages = json.GetProperty("passages").EnumerateArray().ToList();
        Assert.True(passages.Count > 5);
        foreach (var passage in passages)
        {
            var start = passage.GetProperty("start").GetInt32();
            var end = passage.GetProperty("end").GetInt32();
            Assert.Equal(text[start..end], passage.GetProperty("text").GetString());
        }

        Assert.Empty(json.GetProperty("nearDuplicates").EnumerateArray());
        Assert.Equal("core-text-pipeline", json.GetProperty("analysis").GetProperty("passages").GetString());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Same_article_twice_returns_the_same_id_and_stores_it_once(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);
        var text = Articles.Fixture();

        var first = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", text)));
        // Same article with different line endings and trailing space: still the same article.
        var again = await TestApp.IngestAsync(client, Articles.Article("Outlet A", text.Replace("\n", "\r\n", StringComparison.Ordinal) + "  "));
        var second = await TestApp.JsonAsync(again);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("passages").GetArrayLength(), second.GetProperty("passages").GetArrayLength());
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "documents"));
        Assert.Equal(first.GetProperty("passages").GetArrayLength(), TestApp.Count(app.DatabasePath, "passages"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_copy_from_another_outlet_reports_near_duplicates_with_scores_and_spans_on_both_sides(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);
        var a = Articles.WithWire("Outlet A reports that talks ended without a deal.");
        var b = Articles.WithWire("A different opening sentence written by outlet B staff.");

        var first = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", a)));
        var second = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet B", b)));

        var edges = second.GetProperty("nearDuplicates").EnumerateArray().ToList();
        Assert.Equal(2, edges.Count);
        foreach (var edge in edges)
        {
            Assert.Equal(first.GetProperty("id").GetString(), edge.GetProperty("otherDocument").GetString());
            Assert.Equal(1.0, edge.GetProperty("jaccard").GetDouble());
            Assert.Equal(1.0, edge.GetProperty("containment").GetDouble());
            Assert.Equal("verbatim", edge.GetProperty("kind").GetString());
            var span = edge.GetProperty("span");
            var other = edge.GetProperty("otherSpan");
            Assert.Equal(b[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()], span.GetProperty("text").GetString());
            Assert.Equal(a[other.GetProperty("start").GetInt32()..other.GetProperty("end").GetInt32()], other.GetProperty("text").GetString());
        }

        Assert.Equal(first.GetProperty("storyId").GetInt64(), second.GetProperty("storyId").GetInt64());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Get_returns_the_stored_document_and_404_for_an_unknown_id(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);
        var text = Articles.Fixture();
        var id = (await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", text)))).GetProperty("id").GetString();

        var found = await client.GetAsync(new Uri($"/api/documents/{id}", UriKind.Relative));
        var json = await TestApp.JsonAsync(found);
        var missing = await client.GetAsync(new Uri("/api/documents/doc-nope", UriKind.Relative));
        var problem = await TestApp.JsonAsync(missing);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(text, json.GetProperty("text").GetString());
        Assert.Equal("Outlet A", json.GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Delete_removes_the_document_from_the_store_and_the_index(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var admin = app.Client(TestApp.AdminKey);
        var a = await TestApp.JsonAsync(await TestApp.IngestAsync(admin, Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with its own words here."))));
        var b = await TestApp.JsonAsync(await TestApp.IngestAsync(admin, Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own."))));
        var aId = a.GetProperty("id").GetString();

        var deleted = await admin.DeleteAsync(new Uri($"/api/documents/{aId}", UriKind.Relative));
        var c = await TestApp.JsonAsync(await TestApp.IngestAsync(admin, Articles.Article("Outlet C", Articles.WithWire("Outlet C has yet another opening sentence."))));
        var again = await admin.DeleteAsync(new Uri($"/api/documents/{aId}", UriKind.Relative));
        var get = await admin.GetAsync(new Uri($"/api/documents/{aId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var others = c.GetProperty("nearDuplicates").EnumerateArray().Select(e => e.GetProperty("otherDocument").GetString()).Distinct().ToList();
        Assert.Equal([b.GetProperty("id").GetString()], others);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, TestApp.Count(app.DatabasePath, $"passages WHERE document_id = '{aId}'"));
        Assert.Equal(0, TestApp.Count(app.DatabasePath, $"near_duplicates WHERE a_document = '{aId}' OR b_document = '{aId}'"));
    }

    [Fact]
    public async Task Overlap_reports_shared_passages_and_shares_and_404_for_unknown()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var a = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet A", Articles.WithWire("Outlet A opens with its own words here."), published: "2022-01-12T08:00:00Z")));
        var b = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet B", Articles.WithWire("Outlet B opens with other words of its own."), published: "2022-01-12T09:00:00Z")));
        var bId = b.GetProperty("id").GetString();

        var response = await client.GetAsync(new Uri($"/api/documents/{bId}/overlap", UriKind.Relative));
        var json = await TestApp.JsonAsync(response);
        var missing = await client.GetAsync(new Uri("/api/documents/doc-nope/overlap", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var overlap = Assert.Single(json.GetProperty("overlap").EnumerateArray());
        Assert.Equal(bId, overlap.GetProperty("a").GetString());
        Assert.Equal(a.GetProperty("id").GetString(), overlap.GetProperty("b").GetString());
        Assert.Equal(2, overlap.GetProperty("sharedPassages").GetInt32());
        Assert.InRange(overlap.GetProperty("aShare").GetDouble(), 0.5, 0.99);
        Assert.Equal(a.GetProperty("id").GetString(), overlap.GetProperty("likelyOrigin").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_copy_that_changes_a_figure_is_still_found_with_its_scores()
    {
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var client = app.Client(TestApp.IngestKey);
        const string Sentence = "Allies said close to {0} Russian troops have amassed near the borders of Ukraine according to officials in Brussels.";

        await TestApp.IngestAsync(client, Articles.Article("Outlet A", string.Format(System.Globalization.CultureInfo.InvariantCulture, Sentence, "100,000")));
        var copy = await TestApp.JsonAsync(await TestApp.IngestAsync(client,
            Articles.Article("Outlet B", string.Format(System.Globalization.CultureInfo.InvariantCulture, Sentence, "90,000"))));

        var edge = Assert.Single(copy.GetProperty("nearDuplicates").EnumerateArray());
        Assert.Contains("90,000", edge.GetProperty("span").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("100,000", edge.GetProperty("otherSpan").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.InRange(edge.GetProperty("jaccard").GetDouble(), 0.5, 1.0);
        Assert.NotEqual("rewrite", edge.GetProperty("kind").GetString());
    }
}

public class OutletBoilerplateTests
{
    private const string SignOff = "Copyright Riverside Gazette Media Group, all rights reserved; reproduction of this article without written permission is prohibited.";

    [Fact]
    public async Task An_outlets_sign_off_stops_linking_its_articles_once_three_of_them_print_it_but_wire_copy_still_links()
    {
        await using var app = TestApp.Start(withMarkerFindings: false);
        using var client = app.Client(TestApp.IngestKey);
        string[] openings =
        [
            "The city council approved a new budget for road repairs after a long debate about potholes on the eastern bypass.",
            "A local bakery won the regional bread prize for a sourdough loaf made with flour from a mill on the river.",
            "Volunteers planted four hundred oak saplings along the old railway line on Saturday morning despite the rain.",
        ];
        var results = new List<System.Text.Json.JsonElement>();
        foreach (var (opening, i) in openings.Select((o, i) => (o, i)))
        {
            var text = $"{opening}\n\n{Articles.WireCopy}\n\n{SignOff}";
            results.Add(await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Riverside Gazette", text, url: $"https://gazette.example/{i}"))));
        }

        static List<string?> Linked(System.Text.Json.JsonElement response) =>
            [.. response.GetProperty("nearDuplicates").EnumerateArray().Select(e => e.GetProperty("span").GetProperty("text").GetString())];

        // The second article still links its sign-off to the first; the third, the outlet's third print of it, does not.
        Assert.Contains(SignOff, Linked(results[1]));
        Assert.DoesNotContain(SignOff, Linked(results[2]));
        // Wire copy is not the outlet's boilerplate only because the outlet reprints it: other outlets print it too.
        var other = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Harbour Post", $"{openings[0]} Harbour edition.\n\n{Articles.WireCopy}")));
        Assert.NotEmpty(Linked(other));
    }
}
