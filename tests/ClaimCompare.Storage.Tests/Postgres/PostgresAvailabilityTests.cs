using System.Net;
using System.Net.Sockets;
using ClaimCompare.Storage.Tests.Support;
using Npgsql;

namespace ClaimCompare.Storage.Tests.Postgres;

public class PostgresAvailabilityTests
{
    /// <summary>A loopback port nothing listens on (bound and released again).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_one_clear_line_naming_it_without_the_password()
    {
        var port = ClosedPort();
        var location = StoreLocation.Parse($"postgres://claims:s3cret@127.0.0.1:{port}/newsroom");
        await using var store = (IAsyncDisposable)location.Open();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => ((IClaimStore)store).MigrateAsync(CancellationToken.None));

        Assert.StartsWith($"cannot connect to PostgreSQL claims@127.0.0.1:{port}/newsroom: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [PostgresFact]
    public async Task A_database_that_does_not_exist_is_reported_with_the_servers_reason()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.RequireConnectionString()) { Database = "no_such_database" };
        await using var store = (IAsyncDisposable)StoreLocation.Parse(builder.ConnectionString).Open();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => ((IClaimStore)store).MigrateAsync(CancellationToken.None));

        Assert.Contains("/no_such_database: database \"no_such_database\" does not exist", error.Message, StringComparison.Ordinal);
    }
}
