using Npgsql;

namespace ClaimCompare.Storage.Tests;

public class StoreLocationTests
{
    private static NpgsqlConnectionStringBuilder Postgres(string database)
    {
        var location = StoreLocation.Parse(database);
        Assert.Equal(StoreKind.Postgres, location.Kind);
        return new NpgsqlConnectionStringBuilder(location.Value);
    }

    [Theory]
    [InlineData("claimcompare.db")]
    [InlineData("data/claims.db")]
    [InlineData("/var/lib/claimcompare/store.db")]
    [InlineData("./postgres.db")]
    [InlineData("dir/Host=x.db")]
    public void Anything_that_is_not_a_connection_string_is_a_SQLite_file(string path)
    {
        var location = StoreLocation.Parse(path);

        Assert.Equal((StoreKind.Sqlite, path), (location.Kind, location.Value));
        Assert.Contains(Path.GetFullPath(path), location.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_URI_becomes_an_Npgsql_connection_string()
    {
        var builder = Postgres("postgres://claims:s%40cret@db.example.org:6432/newsroom?sslmode=verify-full&application_name=desk");

        Assert.Equal(("db.example.org", 6432, "newsroom", "claims", "s@cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("desk", builder.ApplicationName);
    }

    [Theory]
    [InlineData("postgresql://user@localhost/db", "localhost", 5432, "db", "user")]
    [InlineData("POSTGRES://u@127.0.0.1:5433/d", "127.0.0.1", 5433, "d", "u")]
    [InlineData("postgres://u@[::1]:5433/d", "::1", 5433, "d", "u")]
    [InlineData("postgres://u@[::1]:5433,other/d", "[::1]:5433,other", 5432, "d", "u")]
    [InlineData("postgres://u@/d?host=/var/run/postgresql", "/var/run/postgresql", 5432, "d", "u")]
    [InlineData("postgres://u@h1:5432,h2:5433/d", "h1:5432,h2:5433", 5432, "d", "u")]
    public void URI_hosts_ports_and_databases_are_read_as_libpq_reads_them(string uri, string host, int port, string database, string user)
    {
        var builder = Postgres(uri);

        Assert.Equal((host, port, database, user), (builder.Host, builder.Port, builder.Database, builder.Username));
        Assert.Equal("claimcompare", builder.ApplicationName);
    }

    [Fact]
    public void A_keyword_connection_string_is_PostgreSQL_and_kept()
    {
        var builder = Postgres("Host=db;Port=5433;Database=claims;Username=svc;Password=pw;Maximum Pool Size=20");

        Assert.Equal(("db", 5433, "claims", "svc", "pw", 20), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.MaxPoolSize));
        Assert.Equal(StoreKind.Postgres, StoreLocation.Parse("server=db;database=claims").Kind);
    }

    [Fact]
    public void The_description_names_user_host_port_and_database_but_never_the_password()
    {
        Assert.Equal("PostgreSQL claims@db:6432/newsroom", StoreLocation.Parse("postgres://claims:hunter2@db:6432/newsroom").Description);
        Assert.Equal("PostgreSQL svc@db:5432/claims", StoreLocation.Parse("Host=db;Database=claims;Username=svc;Password=hunter2").Description);
        Assert.DoesNotContain("hunter2", StoreLocation.Parse("postgres://claims:hunter2@db/newsroom").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("mysql://root@localhost/claims", "unsupported database URI scheme 'mysql://'")]
    [InlineData("sqlite:///tmp/x.db", "unsupported database URI scheme 'sqlite://'")]
    [InlineData("postgres:claims", "without '//'")]
    [InlineData("postgres://u@host:99999/db", "port '99999'")]
    [InlineData("postgres://u@host/db?no_such_setting=1", "no_such_setting")]
    [InlineData("postgres://u@[::1/db", "IPv6")]
    [InlineData("Host=db;Frobnicate=yes", "invalid PostgreSQL connection string")]
    public void Malformed_settings_are_refused_with_a_reason(string database, string reason)
    {
        Assert.False(StoreLocation.TryParse(database, out var location, out var error));
        Assert.Null(location);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StoreLocation.Parse(database));
    }

    [Fact]
    public void A_password_in_a_refused_URI_is_not_repeated_in_the_error()
    {
        Assert.False(StoreLocation.TryParse("postgres://u:hunter2@host:0/db", out _, out var error));
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }
}
