using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClaimCompare.Cli.Tests.Support;

namespace ClaimCompare.Cli.Tests;

public class ServeCommandTests
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

    /// <summary>Runs the built <c>claimcompare</c> in its own process, in <paramref name="workingDirectory"/>, and returns its exit code and everything it printed.</summary>
    private static (int ExitCode, string Output) RunProcess(string workingDirectory, params string[] args) =>
        RunProcess(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="RunProcess(string, string[])"/>, with <paramref name="environment"/> added to the process's environment.</summary>
    private static (int ExitCode, string Output) RunProcess(string workingDirectory, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "claimcompare.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("claimcompare serve did not stop within 60 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void A_postgres_URI_is_a_PostgreSQL_database_not_a_SQLite_file_in_a_folder_named_postgres()
    {
        using var folder = new TempFolder();
        var port = ClosedPort();

        var (exitCode, output) = RunProcess(folder.Path, "serve", "--db", $"postgres://claims:s3cret@127.0.0.1:{port}/newsroom", "--urls", "http://127.0.0.1:0");

        // Before: the service started on a new SQLite file under ./postgres:/ and ran.
        Assert.Equal(2, exitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
        var errors = output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("ERR", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith($"claimcompare: error: cannot connect to PostgreSQL claims@127.0.0.1:{port}/newsroom: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_already_in_use_is_one_line_without_a_stack_trace()
    {
        using var folder = new TempFolder();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, output) = RunProcess(folder.Path, "serve", "--db", Path.Combine(folder.Path, "store.db"), "--urls", $"http://127.0.0.1:{port}");

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        var errors = output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("ERR", StringComparison.Ordinal)).ToList();
        Assert.Equal($"claimcompare: error: cannot start the service: Failed to bind to address http://127.0.0.1:{port}: address already in use.", Assert.Single(errors));
    }

    [Fact]
    public void A_short_API_key_is_a_usage_error_in_one_line_without_a_stack_trace()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = RunProcess(folder.Path, new Dictionary<string, string> { ["Auth__Keys__short"] = "admin" },
            "serve", "--db", Path.Combine(folder.Path, "store.db"), "--urls", "http://127.0.0.1:0");

        // Before: the host logged "Hosting failed to start" with the OptionsValidationException's stack trace, then the line.
        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        var errors = output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("ERR", StringComparison.Ordinal)).ToList();
        Assert.Equal("claimcompare: error: invalid configuration: Auth:Keys: every API key must be at least 16 characters long.", Assert.Single(errors));
    }

    [Theory]
    [InlineData("mysql://root@localhost/claims", "unsupported database URI scheme 'mysql://'")]
    [InlineData("postgres:claims", "'postgres:' without '//'")]
    [InlineData("Host=localhost;Databse=claims", "invalid PostgreSQL connection string")]
    public void A_malformed_database_setting_is_a_usage_error_and_creates_nothing(string database, string reason)
    {
        using var folder = new TempFolder();

        var (exitCode, output) = RunProcess(folder.Path, "serve", "--db", database, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
        Assert.Contains("claimcompare: error: invalid configuration: DatabasePath: " + reason, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
