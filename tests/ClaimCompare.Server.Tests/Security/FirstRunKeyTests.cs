using System.Net;
using System.Text.RegularExpressions;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Security;
using ClaimCompare.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClaimCompare.Server.Tests.Security;

public partial class FirstRunKeyTests
{
    private static WebApplication Build(string path, string urls) =>
        ServerHost.Build([$"--ClaimCompare:DatabasePath={path}", "--Serilog:MinimumLevel:Default=Warning"],
            builder => builder.WebHost.UseUrls(urls));

    private static StringWriter CaptureOutput(WebApplication app)
    {
        var output = new StringWriter();
        app.Services.GetServices<IHostedService>().OfType<FirstRunKey>().Single().Output = output;
        return output;
    }

    [Fact]
    public async Task With_no_keys_on_loopback_one_reviewer_key_is_made_printed_once_and_signs_in()
    {
        var path = TestApp.NewDatabasePath();
        try
        {
            await using var app = Build(path, "http://127.0.0.1:0");
            var output = CaptureOutput(app);
            await app.StartAsync();
            var address = app.Urls.Single();
            var printed = output.ToString();
            var key = PrintedKey().Match(printed).Groups[1].Value;
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
            var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
            using var signIn = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["apiKey"] = key,
                ["__antiforgery"] = PageSession.Token(login),
            }));
            using var queue = await client.GetAsync(new Uri("/review", UriKind.Relative));
            using var api = new HttpClient { BaseAddress = new Uri(address) };
            api.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var ingest = await TestApp.IngestAsync(api, Articles.Article("Outlet A", Articles.WireCopy));
            await app.StopAsync();

            Assert.Matches("^cc-[0-9a-f]{40}$", key);
            Assert.Contains($"Open {address}/login and sign in with it.", printed, StringComparison.Ordinal);
            Assert.Single(PrintedKey().Matches(printed));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            // A reviewer key, not an ingest or admin one.
            Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task With_no_keys_bound_beyond_loopback_the_service_refuses_to_start_and_prints_no_key()
    {
        var path = TestApp.NewDatabasePath();
        try
        {
            await using var app = Build(path, "http://0.0.0.0:0");
            var output = CaptureOutput(app);

            var refused = await Assert.ThrowsAsync<StartupRefusedException>(() => app.StartAsync());

            Assert.Contains("refusing to start: listening on http://0.0.0.0:", refused.Message, StringComparison.Ordinal);
            Assert.Contains("with no API keys configured", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotMatch("cc-[0-9a-f]{40}", output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task With_keys_configured_no_key_is_made_whatever_the_address()
    {
        await using var app = TestApp.Start();
        using var client = app.Client();
        var keys = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.Keys;

        Assert.Equal(4, keys.Count);
        Assert.DoesNotContain(keys.Keys, k => k.StartsWith("cc-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://192.168.1.10:80", false)]
    [InlineData("http://example.org:80", false)]
    public void Only_loopback_addresses_count_as_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, FirstRunKey.IsLoopback(address));

    [GeneratedRegex(@"^\s+(cc-[0-9a-f]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PrintedKey();
}
