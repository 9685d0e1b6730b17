using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimCompare.Server.Tests.Support;

/// <summary>One app per test over a temporary SQLite file or a fresh PostgreSQL schema, with one key per role.</summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string IngestKey = "ingest-key-0000000000000001";
    public const string ReviewerKey = "reviewer-key-000000000000001";
    public const string SecondReviewerKey = "reviewer-key-000000000000002";
    public const string AdminKey = "admin-key-00000000000000001";

    private readonly bool _ownsDirectory;
    private readonly string? _ownedSchema;
    private bool _startAttempted;
    private bool _started;

    private TestApp(string databasePath, bool ownsDirectory, string? ownedSchema, WebApplicationFactory<Program> factory)
    {
        DatabasePath = databasePath;
        _ownsDirectory = ownsDirectory;
        _ownedSchema = ownedSchema;
        Factory = factory;
    }

    /// <summary>The database setting: a SQLite file path or a PostgreSQL connection string.</summary>
    public string DatabasePath { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public IServiceProvider Services => Factory.Services;

    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "claimcompare-tests", Guid.NewGuid().ToString("N"), "store.db");

    /// <summary>
    /// Starts an app; <paramref name="databasePath"/> reuses a database (restart tests), otherwise a fresh temp file or,
    /// for <paramref name="backend"/> PostgreSQL, a fresh schema in the test database.
    /// </summary>
    public static TestApp Start(
        string? databasePath = null,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null,
        bool withMarkerFindings = true,
        StoreKind backend = StoreKind.Sqlite)
    {
        var owns = databasePath is null;
        string? schema = null;
        var path = databasePath;
        if (path is null && backend == StoreKind.Postgres)
        {
            (schema, path) = PostgresTestDatabase.CreateSchemaAsync().GetAwaiter().GetResult();
        }

        path ??= NewDatabasePath();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ClaimCompare:DatabasePath", path);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
            builder.UseSetting($"Auth:Keys:{IngestKey}", "ingest");
            builder.UseSetting($"Auth:Keys:{ReviewerKey}", "reviewer:alice");
            builder.UseSetting($"Auth:Keys:{SecondReviewerKey}", "reviewer:bob");
            builder.UseSetting($"Auth:Keys:{AdminKey}", "admin");
            builder.UseSetting("RateLimit:PermitLimit", "100000");
            // The ingest budget is wall-clock and includes the wait for the ingest lock: 80 ingests racing on a busy
            // machine can pass 30 s without anything being wrong. Tests of the budget itself set their own.
            builder.UseSetting("ClaimCompare:IngestBudgetSeconds", "300");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(s =>
            {
                if (withMarkerFindings)
                {
                    s.AddSingleton<CoreDocumentAnalyzer>();
                    s.AddSingleton<IDocumentAnalyzer>(p => new MarkerFindingsAnalyzer(p.GetRequiredService<CoreDocumentAnalyzer>()));
                }

                services?.Invoke(s);
            });
        });
        return new TestApp(path, owns && schema is null, schema, factory);
    }

    public HttpClient Client(string? key = AdminKey)
    {
        _startAttempted = true;
        var client = Factory.CreateClient();
        _started = true;
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as the review pages' tests need.</summary>
    public HttpClient Browser(string baseAddress = "http://localhost")
    {
        _startAttempted = true;
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });
        _started = true;
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> IngestAsync(HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/documents", body);

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Counts rows of <paramref name="table"/> straight from the database (file or PostgreSQL), bypassing the service.</summary>
    public static long Count(string databasePath, string table)
    {
        if (StoreLocation.Parse(databasePath).Kind == StoreKind.Postgres)
        {
            return Convert.ToInt64(PostgresTestDatabase.Scalar(databasePath, $"SELECT COUNT(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);
        }

        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Factory.DisposeAsync();
        }
        catch (ArgumentNullException) when (_startAttempted && !_started)
        {
            // A host that failed to start (the options-validation tests) cannot be stopped cleanly.
        }

        SqliteConnection.ClearAllPools();
        if (_ownedSchema is not null)
        {
            await PostgresTestDatabase.DropSchemaAsync(_ownedSchema);
        }

        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
