using System.Net;
using System.Text;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests.Api;

public class BadInputTests
{
    private static readonly Uri Documents = new("/api/documents", UriKind.Relative);

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    public async Task Empty_or_whitespace_text_is_400_naming_the_field(string text)
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", text));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(json.GetProperty("errors").TryGetProperty("text", out _));
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task Missing_source_and_bad_url_are_400_naming_both_fields()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await client.PostAsync(Documents, TestApp.RawJson("""{"text": "Some words here.", "url": "ftp://x"}"""));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.GetProperty("errors").TryGetProperty("source", out _));
        Assert.True(json.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task A_page_without_article_content_is_rejected_with_a_clear_message()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);
        var html = "<!DOCTYPE html><html><head><title>x</title></head><body><div class=\"a\"><p>Hello</p></div></body></html>";

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", html));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("No article content", json.GetProperty("title").GetString());
        Assert.Contains("no article content: only 5 characters", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task Invalid_json_is_400_saying_where()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await client.PostAsync(Documents, TestApp.RawJson("{\n  \"source\": \"A\",\n  \"text\": \"unterminated\n}"));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid JSON", json.GetProperty("title").GetString());
        Assert.True(json.GetProperty("line").GetInt64() >= 3);
        Assert.Contains("line", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_400_naming_its_path()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await client.PostAsync(Documents, TestApp.RawJson("""{"source": "A", "text": 42}"""));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$.text", json.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?> { ["ClaimCompare:MaxBodyBytes"] = "2048" });
        using var client = app.Client(TestApp.IngestKey);

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", new string('a', 5000)));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, json.GetProperty("status").GetInt32());
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?> { ["ClaimCompare:MaxBodyBytes"] = "2048" });
        using var client = app.Client(TestApp.IngestKey);
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"source\":\"A\",\"text\":\"" + new string('a', 5000) + "\"}")));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync(Documents, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_non_json_body_is_415()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.IngestKey);

        var response = await client.PostAsync(Documents, new StringContent("source=A&text=B", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_routes_and_ids_are_404_problem_details()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.AdminKey);

        var story = await client.GetAsync(new Uri("/api/stories/999", UriKind.Relative));
        var review = await client.GetAsync(new Uri("/api/review/999", UriKind.Relative));
        var route = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        foreach (var response in new[] { story, review, route })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Bad_paging_is_400()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(TestApp.AdminKey);

        var response = await client.GetAsync(new Uri("/api/stories?page=0&pageSize=100000", UriKind.Relative));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.GetProperty("errors").TryGetProperty("page", out _));
        Assert.True(json.GetProperty("errors").TryGetProperty("pageSize", out _));
    }
}
