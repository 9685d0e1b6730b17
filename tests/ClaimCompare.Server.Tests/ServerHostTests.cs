using System.Net;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace ClaimCompare.Server.Tests;

public class ServerHostTests
{
    [Fact]
    public async Task The_host_runs_in_process_on_loopback_as_the_CLI_starts_it()
    {
        var path = TestApp.NewDatabasePath();
        try
        {
            await using var app = ServerHost.Build(
                [$"--ClaimCompare:DatabasePath={path}", $"--Auth:Keys:{TestApp.AdminKey}=admin", "--Serilog:MinimumLevel:Default=Warning"],
                builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
            await app.StartAsync();
            var address = Assert.Single(app.Urls);
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.AdminKey);

            var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            var ingest = await TestApp.IngestAsync(client, Articles.Article("Outlet A", Articles.WireCopy));
            await app.StopAsync();

            Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);
            Assert.Equal(1, TestApp.Count(path, "documents"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_creates_the_database_and_stops_when_cancelled()
    {
        var path = TestApp.NewDatabasePath();
        try
        {
            using var stop = new CancellationTokenSource();
            var run = ServerHost.RunAsync(new ServeSettings("http://127.0.0.1:0", path) { Args = ["--Serilog:MinimumLevel:Default=Warning"] }, stop.Token);
            for (var i = 0; i < 200 && !Migrated(path); i++)
            {
                await Task.Delay(100);
            }

            // Let start-up finish (index load, server bind) before stopping.
            await Task.Delay(500);

            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(File.Exists(path));
            Assert.Equal(7, TestApp.Count(path, "schema_version")); // migrations 1-7
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static bool Migrated(string path)
    {
        try
        {
            return File.Exists(path) && TestApp.Count(path, "schema_version") == 3;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }
}
