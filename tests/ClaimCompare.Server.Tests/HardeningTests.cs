using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Server.Tests;

public class HardeningTests
{
    [Theory]
    [InlineData("/api/clusters?page=10737420&pageSize=200")]
    [InlineData("/api/stories?page=10737420&pageSize=200")]
    [InlineData("/api/review?page=10737420&pageSize=200")]
    [InlineData("/api/clusters?page=2147483647&pageSize=200")]
    public async Task A_page_far_beyond_the_last_is_empty_not_page_one(string route)
    {
        await using var app = TestApp.Start();
        using var client = app.Client();
        var first = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("Outlet A opened with its own line about the talks.")));
        var second = await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.WithWire("Outlet B led with a different sentence entirely.") + " [[conflict|troops|100000]]"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var items = route.StartsWith("/api/clusters", StringComparison.Ordinal) ? "clusters" : "items";
        using var reviewer = app.Client(TestApp.ReviewerKey);
        var pageOne = await TestApp.JsonAsync(await reviewer.GetAsync(new Uri(route.Split('?')[0] + "?page=1&pageSize=200", UriKind.Relative)));
        Assert.True(pageOne.GetProperty(items).GetArrayLength() > 0, "page 1 has items, so an empty far page means something");

        var response = await reviewer.GetAsync(new Uri(route, UriKind.Relative));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.GetProperty(items).GetArrayLength());
    }

    [Theory]
    [InlineData("/api/stories")]
    [InlineData("/api/documents/missing")]
    [InlineData("/healthz")]
    public async Task Responses_forbid_sniffing_and_caching(string route)
    {
        await using var app = TestApp.Start();
        using var client = app.Client();

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Precondition_required_and_too_many_requests_carry_a_problem_type()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?> { ["RateLimit:PermitLimit"] = "2", ["RateLimit:WindowSeconds"] = "3600" });
        using var client = app.Client(TestApp.ReviewerKey);

        var precondition = await client.PostAsync(new Uri("/api/review/1/decision", UriKind.Relative), TestApp.RawJson("{\"status\":\"confirmed\",\"note\":\"ok\"}"));
        await client.GetAsync(new Uri("/api/review", UriKind.Relative));
        var limited = await client.GetAsync(new Uri("/api/review", UriKind.Relative));

        Assert.Equal((HttpStatusCode)428, precondition.StatusCode);
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-3", (await TestApp.JsonAsync(precondition)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", (await TestApp.JsonAsync(limited)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Server_level_limits_on_the_target_and_headers_answer_problem_details()
    {
        await using var host = await RealHost.StartAsync();
        using var client = host.Client();

        var longTarget = await client.GetAsync(new Uri("/api/stories?q=" + new string('a', 9000), UriKind.Relative));
        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/stories", UriKind.Relative));
        for (var i = 0; i < 8; i++)
        {
            bigHeaders.Headers.Add($"X-Padding-{i}", new string('b', 5000));
        }

        var tooManyBytes = await client.SendAsync(bigHeaders);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longTarget.StatusCode);
        Assert.Equal("application/problem+json", longTarget.Content.Headers.ContentType?.MediaType);
        Assert.Equal(414, (await TestApp.JsonAsync(longTarget)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooManyBytes.StatusCode);
        Assert.Equal("application/problem+json", tooManyBytes.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-5", (await TestApp.JsonAsync(tooManyBytes)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n", 400, "Bad Request")]
    [InlineData("GET /api/stories HTTP/1.1\r\nHost: x\r\nA header without a colon\r\n\r\n", 400, "Bad Request")]
    [InlineData("POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Length: twelve\r\n\r\n", 400, "Bad Request")]
    [InlineData("GET api/stories HTTP/1.1\r\nHost: x\r\n\r\n", 400, "Bad Request")]
    [InlineData("GET /api/stories HTTP/9.9\r\nHost: x\r\n\r\n", 505, "HTTP Version Not Supported")]
    public async Task Requests_Kestrel_refuses_itself_answer_problem_details(string request, int status, string title)
    {
        await using var host = await RealHost.StartAsync();

        var (head, body) = Split(await host.RawAsync(request));

        Assert.StartsWith($"HTTP/1.1 {status} {title}\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Content-Type-Options: nosniff\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n", head, StringComparison.Ordinal);
        using var problem = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_request_line_over_kestrels_raised_limit_answers_414_problem_details()
    {
        await using var host = await RealHost.StartAsync();

        var (head, body) = Split(await host.RawAsync("GET /api/stories?q=" + new string('a', 70 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n"));

        Assert.StartsWith("HTTP/1.1 414 ", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json\r\n", head, StringComparison.Ordinal);
        using var problem = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(414, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_malformed_request_after_a_good_one_on_one_connection_leaves_the_good_answer_whole()
    {
        await using var host = await RealHost.StartAsync();

        var raw = await host.RawAsync("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n");

        var second = raw.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
        Assert.True(second > 0, raw);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\n7\r\nHealthy\r\n0\r\n\r\n", raw[..second], StringComparison.Ordinal);
        var (head, body) = Split(raw[second..]);
        Assert.Contains("application/problem+json", head, StringComparison.Ordinal);
        Assert.Equal(400, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_services_own_errors_and_large_answers_pass_the_connection_layer_unchanged()
    {
        await using var host = await RealHost.StartAsync();
        using var client = host.Client();

        var missing = await client.GetAsync(new Uri("/api/stories/999999", UriKind.Relative));
        var openApi = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(404, (await TestApp.JsonAsync(missing)).GetProperty("status").GetInt32());
        Assert.True((await TestApp.JsonAsync(missing)).TryGetProperty("traceId", out _));
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await openApi.Content.ReadAsStringAsync();
        Assert.True(document.Length > 8 * 1024, $"the OpenAPI document is {document.Length} characters");
        Assert.True(System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("paths").EnumerateObject().Any());
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\nmore")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 12\r\nConnection: close\r\n\r\n")]
    public void Only_an_empty_error_answer_that_closes_the_connection_is_rewritten(string response) =>
        Assert.Null(ServerErrorProblems.Rewrite(Encoding.ASCII.GetBytes(response)));

    private static (string Head, string Body) Split(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, response);
        return (response[..(end + 2)], response[(end + 4)..]);
    }

    [Fact]
    public async Task Text_that_is_mostly_NUL_and_control_characters_is_refused_as_binary_like_the_CLI_does()
    {
        await using var app = TestApp.Start();
        using var client = app.Client();
        var text = new StringBuilder("Troops");
        for (var i = 0; i < 400; i++)
        {
            text.Append('\0').Append((char)(i % 8 + 1)).Append('x');
        }

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", text.ToString()));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Text is binary", json.GetProperty("title").GetString());
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task An_analysis_over_its_budget_is_stopped_and_answered_422_with_nothing_stored()
    {
        BlockingAnalyzer? blocking = null;
        await using var app = TestApp.Start(
            services: s => s.AddSingleton<IDocumentAnalyzer>(p => blocking = new BlockingAnalyzer(p.GetRequiredService<CoreDocumentAnalyzer>())),
            settings: new Dictionary<string, string?> { ["ClaimCompare:IngestBudgetSeconds"] = "1", ["ClaimCompare:IngestCpuBudgetSeconds"] = "1" });
        using var client = app.Client();

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("A heavy opening. " + BlockingAnalyzer.Marker)));
        var json = await TestApp.JsonAsync(response);

        // Waiting costs wall-clock time, not CPU time: the clock ran out, the CPU budget did not.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Ingest time budget exceeded", json.GetProperty("title").GetString());
        Assert.Contains("ingest budget of 1 s", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, blocking!.Cancelled);
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task An_analysis_that_spends_its_cpu_budget_is_stopped_long_before_its_wall_clock_budget()
    {
        BlockingAnalyzer? blocking = null;
        await using var app = TestApp.Start(
            services: s => s.AddSingleton<IDocumentAnalyzer>(p => blocking = new BlockingAnalyzer(p.GetRequiredService<CoreDocumentAnalyzer>())),
            settings: new Dictionary<string, string?> { ["ClaimCompare:IngestBudgetSeconds"] = "120", ["ClaimCompare:IngestCpuBudgetSeconds"] = "1" });
        using var client = app.Client();

        var response = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("A costly opening. " + BlockingAnalyzer.BurnMarker)));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Ingest CPU-time budget exceeded", json.GetProperty("title").GetString());
        Assert.Contains("ClaimCompare:IngestCpuBudgetSeconds", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, blocking!.Cancelled);
        Assert.Equal(0, TestApp.Count(app.DatabasePath, "documents"));
    }

    [Fact]
    public async Task A_client_that_hangs_up_stops_its_analysis()
    {
        BlockingAnalyzer? blocking = null;
        await using var app = TestApp.Start(
            services: s => s.AddSingleton<IDocumentAnalyzer>(p => blocking = new BlockingAnalyzer(p.GetRequiredService<CoreDocumentAnalyzer>())),
            settings: new Dictionary<string, string?> { ["ClaimCompare:IngestBudgetSeconds"] = "600" });
        using var client = app.Client();
        using var hangUp = new CancellationTokenSource();
        using var cleanUp = new CancellationTokenSource();
        try
        {
            var request = client.PostAsJsonAsync("/api/documents", Articles.Article("Outlet A", "A heavy article. " + BlockingAnalyzer.Marker), cleanUp.Token);
            var ingest = client.PostAsJsonAsync("/api/documents", Articles.Article("Outlet B", "Another heavy article. " + BlockingAnalyzer.Marker), hangUp.Token);
            while (blocking is null || blocking.Started < 2)
            {
                await Task.Delay(20);
            }

            await hangUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ingest);
            await blocking.FirstCancellation.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, blocking.Cancelled);
            Assert.False(request.IsCompleted, "the other client's ingest goes on");
        }
        finally
        {
            await cleanUp.CancelAsync();
        }
    }

    [Fact]
    public async Task Heavy_articles_never_hold_the_slots_a_normal_article_needs()
    {
        BlockingAnalyzer? blocking = null;
        await using var app = TestApp.Start(
            services: s => s.AddSingleton<IDocumentAnalyzer>(p => blocking = new BlockingAnalyzer(p.GetRequiredService<CoreDocumentAnalyzer>())),
            settings: new Dictionary<string, string?>
            {
                ["ClaimCompare:IngestBudgetSeconds"] = "600",
                ["ClaimCompare:HeavyDocumentChars"] = "2048",
            });
        using var client = app.Client();
        using var cleanUp = new CancellationTokenSource();
        var heavyText = "A long article. " + BlockingAnalyzer.Marker + " " + string.Concat(Enumerable.Repeat("Officials met again on Thursday. ", 100));
        var heavy = new List<Task<HttpResponseMessage>>();
        try
        {
            for (var i = 0; i < 2 * Environment.ProcessorCount; i++)
            {
                heavy.Add(client.PostAsJsonAsync("/api/documents", Articles.Article($"Heavy {i}", heavyText + i), cleanUp.Token));
            }

            while (blocking is null || blocking.Started < 1)
            {
                await Task.Delay(20);
            }

            var normal = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("A normal article about the talks.")))
                .WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(HttpStatusCode.Created, normal.StatusCode);
            Assert.Equal(1, blocking.Started);
            Assert.All(heavy, h => Assert.False(h.IsCompleted));
        }
        finally
        {
            await cleanUp.CancelAsync();
        }
    }

    [Fact]
    public async Task A_story_over_the_report_limit_is_answered_422_at_once()
    {
        await using var app = TestApp.Start(settings: new Dictionary<string, string?> { ["ClaimCompare:MaxReportChars"] = "1024" });
        using var client = app.Client();
        var ingest = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.Fixture())));
        var story = ingest.GetProperty("storyId").GetInt64();

        var response = await client.GetAsync(new Uri($"/api/stories/{story}/report", UriKind.Relative));
        var json = await TestApp.JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Story too large for a report", json.GetProperty("title").GetString());
        Assert.Contains("MaxReportChars", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_is_degraded_after_a_write_fails_for_lack_of_space()
    {
        var fault = new FullDisk();
        await using var app = TestApp.Start(services: s => s.AddSingleton<IIngestStepHook>(fault));
        using var client = app.Client();
        Assert.Equal("Healthy", await (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).Content.ReadAsStringAsync());

        fault.Enabled = true;
        var ingest = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("An opening line.")));
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var body = await health.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        Assert.Equal("application/problem+json", ingest.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Degraded\nstore: a write failed", body, StringComparison.Ordinal);
        Assert.Contains("the database or disk is full", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_is_unhealthy_when_the_database_file_is_read_only()
    {
        var path = TestApp.NewDatabasePath();
        try
        {
            await using (var first = TestApp.Start(databasePath: path))
            {
                using var client = first.Client();
                Assert.Equal("Healthy", await (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).Content.ReadAsStringAsync());
            }

            using var readOnly = ReadOnlyFile.TryMake(path);
            if (readOnly is null)
            {
                return; // chattr is needed to make a file read-only for root; CI and the development machines have it.
            }

            await using var app = TestApp.Start(databasePath: path);
            using var again = app.Client();
            var health = await again.GetAsync(new Uri("/healthz", UriKind.Relative));
            var body = await health.Content.ReadAsStringAsync();
            var ingest = await TestApp.IngestAsync(again, Articles.Article("Outlet A", Articles.WithWire("An opening line.")));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.StartsWith("Unhealthy\nstore: database cannot be written: the database is read-only", body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_timeout_is_a_503_with_retry_after_not_a_500()
    {
        // What a client of one of several instances sees when PostgreSQL is busy or another instance's backend went away
        // mid-command: Npgsql's timeout, a transient failure.
        var fault = new DatabaseTimeout();
        await using var app = TestApp.Start(services: s => s.AddSingleton<IIngestStepHook>(fault));
        using var client = app.Client();

        fault.Enabled = true;
        var ingest = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("An opening line.")));
        using var problem = System.Text.Json.JsonDocument.Parse(await ingest.Content.ReadAsStringAsync());
        var json = problem.RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        Assert.Equal("application/problem+json", ingest.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", ingest.Headers.RetryAfter?.ToString());
        Assert.Equal(503, json.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Timeout during reading", json.ToString(), StringComparison.Ordinal);

        fault.Enabled = false;
        var again = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WithWire("An opening line.")));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    private sealed class DatabaseTimeout : IIngestStepHook
    {
        public bool Enabled { get; set; }

        public void AfterStep(string stepName)
        {
            if (Enabled && stepName == "passages")
            {
                throw new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
            }
        }
    }

    private sealed class FullDisk : IIngestStepHook
    {
        public bool Enabled { get; set; }

        public void AfterStep(string stepName)
        {
            if (Enabled && stepName == "passages")
            {
                throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
            }
        }
    }
}

/// <summary>The service on a real Kestrel socket (the in-memory test server has no request-line or header limits).</summary>
internal sealed class RealHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _path;

    private RealHost(WebApplication app, string path)
    {
        _app = app;
        _path = path;
    }

    public static async Task<RealHost> StartAsync()
    {
        var path = TestApp.NewDatabasePath();
        var app = ServerHost.Build(
            [$"--ClaimCompare:DatabasePath={path}", $"--Auth:Keys:{TestApp.AdminKey}=admin", "--Serilog:MinimumLevel:Default=Warning"],
            builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        return new RealHost(app, path);
    }

    /// <summary>Sends raw bytes on a new connection and reads until the server closes it (or 10 s pass).</summary>
    public async Task<string> RawAsync(string request)
    {
        var address = new Uri(Assert.Single(_app.Urls));
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, read.Token);
        }
        catch (OperationCanceledException)
        {
            // The server kept the connection open: what arrived so far is the answer.
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(Assert.Single(_app.Urls)) };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}

/// <summary>Makes a file immutable with chattr (root ignores permission bits), and mutable again when disposed.</summary>
internal sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;

    private ReadOnlyFile(string path) => _path = path;

    public static ReadOnlyFile? TryMake(string path) => Chattr("+i", path) ? new ReadOnlyFile(path) : null;

    public void Dispose() => Chattr("-i", _path);

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
