using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ClaimCompare.Cli.Tests.Support;

namespace ClaimCompare.Cli.Tests;

public class OutputAndExitCodeTests
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public void A_failed_write_to_stdout_is_one_line_and_the_output_error_code()
    {
        using var stderr = new StringWriter();

        var code = CliApp.Run(["split", Fixtures.RussiaNato2022, "--format", "json"], new FailingWriter(new IOException("No space left on device")), stderr);

        Assert.Equal(3, code);
        Assert.Equal("claimcompare: error: cannot write the output: No space left on device", stderr.ToString().TrimEnd('\n'));
    }

    [Theory]
    [InlineData("report")]
    [InlineData("dedup")]
    [InlineData("claims")]
    [InlineData("split")]
    public void Every_command_maps_a_failed_write_to_the_output_error_code(string command)
    {
        using var stderr = new StringWriter();

        var code = CliApp.Run([command, Fixtures.RussiaNato2022], new FailingWriter(new IOException("Broken pipe")), stderr);

        Assert.Equal(3, code);
        Assert.Equal("claimcompare: error: cannot write the output: Broken pipe", Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_without_a_stack_trace_and_the_internal_error_code()
    {
        using var stderr = new StringWriter();

        var code = CliApp.Run(["split", Fixtures.RussiaNato2022], new FailingWriter(new InvalidOperationException("the writer broke\n   at somewhere")), stderr);

        Assert.Equal(4, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("claimcompare: error: internal error (InvalidOperationException): the writer broke at somewhere", line);
    }

    [Fact]
    public void The_installed_command_writing_to_a_full_device_says_so_in_one_line()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Linux only: CI and the development machines have it.
        }

        var cli = Path.Combine(AppContext.BaseDirectory, "claimcompare.dll");
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"exec dotnet \"{cli}\" split --format json \"{Fixtures.RussiaNato2022}\" > /dev/full" },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(3, process.ExitCode);
        Assert.Equal("claimcompare: error: cannot write the output: No space left on device", stderr.TrimEnd('\n'));
    }

    [Fact]
    public void Split_text_is_accepted_by_name_and_is_the_default()
    {
        var named = CliRunner.Run("split", Fixtures.RussiaNato2022, "--format", "text");
        var unnamed = CliRunner.Run("split", Fixtures.RussiaNato2022);

        Assert.Equal(0, named.ExitCode);
        Assert.Equal("", named.Stderr);
        Assert.Contains("== 001  ", named.Stdout, StringComparison.Ordinal);
        Assert.Equal(unnamed.Stdout, named.Stdout);
    }

    [Fact]
    public void Streamed_split_json_keeps_input_order_over_many_documents_and_is_one_indented_array()
    {
        using var temp = new TempFolder();
        for (var i = 0; i < 120; i++)
        {
            // Sizes vary so that workers finish out of order.
            var text = new StringBuilder();
            for (var s = 0; s < 1 + (i * 7 % 40); s++)
            {
                text.Append("Officials said ").Append(i * 100 + s).Append(" troops moved on day ").Append(s).Append(".\n\n");
            }

            temp.Write($"doc{i:D3}.txt", text.ToString());
        }

        var result = CliRunner.Run("split", temp.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"doc{i:D3}"), json.RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.StartsWith("[\n  {\n    \"id\": \"doc000\",", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\n  }\n]\n", result.Stdout, StringComparison.Ordinal);
        var indented = JsonSerializer.Serialize(json.RootElement, Indented);
        Assert.Equal(indented + "\n", result.Stdout);
    }

    [Theory]
    [InlineData("split", "json")]
    [InlineData("split", "text")]
    [InlineData("dedup", "text")]
    [InlineData("report", "json")]
    [InlineData("claims", "json")]
    public void Without_a_terminal_nothing_but_the_results_is_written(string command, string format)
    {
        var result = CliRunner.Run(command, Fixtures.RussiaNato2022, "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.NotEqual("", result.Stdout);
    }

    private sealed class FailingWriter(Exception failure) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw failure;

        public override void Write(string? value) => throw failure;

        public override void Write(char[] buffer, int index, int count) => throw failure;

        public override void Flush()
        {
        }
    }
}

public class ServeDatabaseTests
{
    [Fact]
    public void Serve_on_a_file_that_is_not_SQLite_is_one_line_and_an_input_error()
    {
        using var temp = new TempFolder();
        var path = temp.Write("notes.db", string.Concat(Enumerable.Repeat("These are notes, not a database. ", 400)));

        var result = CliRunner.Run("serve", "--db", path, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"claimcompare: error: cannot use the database {path}: the file is not a SQLite database", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Serve_on_a_read_only_database_is_one_line_and_an_input_error()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "store.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }

        if (!Chattr("+i", path))
        {
            return; // chattr is needed to make a file read-only for root; CI and the development machines have it.
        }

        try
        {
            var result = CliRunner.Run("serve", "--db", path, "--urls", "http://127.0.0.1:0");

            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.StderrLines);
            Assert.StartsWith($"claimcompare: error: cannot use the database {path}: the database is read-only", line, StringComparison.Ordinal);
        }
        finally
        {
            Chattr("-i", path);
        }
    }

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
