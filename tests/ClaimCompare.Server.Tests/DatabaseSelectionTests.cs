using System.Net;
using System.Net.Sockets;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ClaimCompare.Server.Tests;

/// <summary>The one database setting picks SQLite or PostgreSQL; a bad or unreachable one stops the start with one clear line.</summary>
public class DatabaseSelectionTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Theory]
    [InlineData("mysql://root@localhost/claims", "unsupported database URI scheme")]
    [InlineData("Host=localhost;Frobnicate=1", "invalid PostgreSQL connection string")]
    public async Task A_malformed_database_setting_stops_the_app_at_start(string database, string message)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var app = ServerHost.Build([$"--ClaimCompare:DatabasePath={database}", "--urls=http://127.0.0.1:0", "--Serilog:MinimumLevel:Default=Fatal"]);
            await app.StartAsync();
            await app.StopAsync();
        });

        Assert.Contains("DatabasePath: " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_stops_the_start_with_one_line_naming_it()
    {
        var port = ClosedPort();
        await using var app = ServerHost.Build(
            [$"--ClaimCompare:DatabasePath=postgres://svc:pw@127.0.0.1:{port}/claims", "--urls=http://127.0.0.1:0", "--Serilog:MinimumLevel:Default=Fatal"]);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => app.StartAsync());

        Assert.Equal($"cannot connect to PostgreSQL svc@127.0.0.1:{port}/claims: Connection refused", error.Message);
    }

    [PostgresFact]
    public async Task A_postgres_URI_runs_the_service_on_PostgreSQL_and_a_restart_answers_from_the_same_database()
    {
        var (schema, connectionString) = await PostgresTestDatabase.CreateSchemaAsync();
        try
        {
            // The URI form as a user writes it, with the schema passed as a server option (libpq's `options`).
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var uri = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}?options=-c%20search_path%3D{schema}";
            string firstId;
            await using (var app = ServerHost.Build(
                [$"--ClaimCompare:DatabasePath={uri}", $"--Auth:Keys:{TestApp.AdminKey}=admin", "--Serilog:MinimumLevel:Default=Warning"],
                b => b.WebHost.UseUrls("http://127.0.0.1:0")))
            {
                await app.StartAsync();
                using var client = new HttpClient { BaseAddress = new Uri(Assert.Single(app.Urls)) };
                client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminKey);

                var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                var ingest = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WireCopy));
                firstId = (await TestApp.JsonAsync(ingest)).GetProperty("id").GetString()!;
                await app.StopAsync();

                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);
            }

            Assert.Equal(1L, TestApp.Count(connectionString, "documents"));
            Assert.Equal(7L, TestApp.Count(connectionString, "schema_version"));

            // A second start on the same database: the near-duplicate index is rebuilt from the stored signatures.
            await using (var app = ServerHost.Build(
                [$"--ClaimCompare:DatabasePath={connectionString}", $"--Auth:Keys:{TestApp.AdminKey}=admin", "--Serilog:MinimumLevel:Default=Warning"],
                b => b.WebHost.UseUrls("http://127.0.0.1:0")))
            {
                await app.StartAsync();
                using var client = new HttpClient { BaseAddress = new Uri(Assert.Single(app.Urls)) };
                client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminKey);

                var copy = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet B", Articles.WireCopy)));
                await app.StopAsync();

                Assert.Contains(copy.GetProperty("nearDuplicates").EnumerateArray(), e => e.GetProperty("otherDocument").GetString() == firstId);
            }

            Assert.Equal(2L, TestApp.Count(connectionString, "documents"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }
}
