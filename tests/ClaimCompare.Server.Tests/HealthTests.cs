using System.Net;
using ClaimCompare.Server.Tests.Support;

namespace ClaimCompare.Server.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_answers_ok_without_a_key()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(key: null);

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        await using var app = TestApp.Start();
        using var client = app.Client(key: null);

        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = json.GetProperty("paths");
        foreach (var route in new[]
        {
            "/api/documents", "/api/documents/{id}", "/api/documents/{id}/overlap", "/api/clusters", "/api/stories",
            "/api/stories/{id}", "/api/stories/{id}/report", "/api/review", "/api/review/{id}", "/api/review/{id}/assign",
            "/api/review/{id}/decision",
        })
        {
            Assert.True(paths.TryGetProperty(route, out _) || paths.TryGetProperty(route + "/", out _), route);
        }
    }

    [Theory]
    [InlineData("Auth:Keys:some-key-long-enough-000", "superuser", "superuser")]
    [InlineData("Auth:Keys:short", "admin", "16 characters")]
    [InlineData("ClaimCompare:MaxBodyBytes", "0", "MaxBodyBytes")]
    [InlineData("RateLimit:PermitLimit", "0", "PermitLimit")]
    [InlineData("ClaimCompare:MinWorkerThreads", "0", "MinWorkerThreads")]
    public async Task Invalid_options_stop_the_app_at_start(string key, string value, string message)
    {
        var path = TestApp.NewDatabasePath();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var app = Hosting.ServerHost.Build(
                [$"--ClaimCompare:DatabasePath={path}", "--urls=http://127.0.0.1:0", $"--{key}={value}"]);
            await app.StartAsync();
            await app.StopAsync();
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
