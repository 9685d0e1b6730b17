using System.Text;
using System.Text.Json;
using ClaimCompare.Cli.Tests.Support;

namespace ClaimCompare.Cli.Tests;

public class SplitCommandTests
{
    private const string Article = "NATO Secretary-General Jens Stoltenberg said the talks were hard. \"It was not an easy discussion,\" he said.\n\nRussia has massed some 100,000 troops near the border.\n";

    [Fact]
    public void Json_on_the_fixtures_names_documents_by_their_manifest_ids_with_exact_spans()
    {
        var result = CliRunner.Run("split", Fixtures.RussiaNato2022, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var documents = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["000", "001", "002", "003", "004"], documents.Select(d => d.GetProperty("id").GetString()));
        foreach (var document in documents)
        {
            var original = File.ReadAllText(document.GetProperty("path").GetString()!);
            var passages = document.GetProperty("passages").EnumerateArray().ToList();
            Assert.NotEmpty(passages);
            foreach (var passage in passages)
            {
                var start = passage.GetProperty("start").GetInt32();
                var end = passage.GetProperty("end").GetInt32();
                Assert.Equal(original[start..end], passage.GetProperty("text").GetString());
                Assert.Contains(passage.GetProperty("kind").GetString(), new[] { "sentence", "heading" });
            }

            foreach (var removed in document.GetProperty("removed").EnumerateArray())
            {
                var start = removed.GetProperty("start").GetInt32();
                var end = removed.GetProperty("end").GetInt32();
                Assert.Equal(original[start..end], removed.GetProperty("text").GetString());
                Assert.False(string.IsNullOrEmpty(removed.GetProperty("reason").GetString()));
            }
        }
    }

    [Fact]
    public void Json_reports_the_manifest_date_and_the_dateline_date()
    {
        var result = CliRunner.Run("split", Fixtures.RussiaNato2022, "-f", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var dates = json.RootElement.EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("date"));
        Assert.Equal("2022-01-13", dates["001"].GetString());
        Assert.Equal("2022-01-27", dates["002"].GetString());
        Assert.Equal(JsonValueKind.Null, dates["000"].ValueKind);
    }

    [Fact]
    public void Text_output_lists_each_document_and_its_removed_boilerplate()
    {
        var result = CliRunner.Run("split", Path.Combine(Fixtures.RussiaNato2022, "003_dc004be232243bed.txt"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("== 003", result.Stdout);
        Assert.Contains("removed teaser", result.Stdout);
        Assert.Contains("removed more-stories", result.Stdout);
    }

    [Fact]
    public void A_file_outside_a_manifest_folder_is_named_after_its_file()
    {
        using var temp = new TempFolder();
        var path = temp.Write("brussels-talks.txt", Article);

        var result = CliRunner.Run("split", path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("brussels-talks", json.RootElement[0].GetProperty("id").GetString());
    }

    [Fact]
    public void A_missing_path_is_one_error_line_and_exit_2_after_processing_the_rest()
    {
        using var temp = new TempFolder();
        var good = temp.Write("good.txt", Article);
        var missing = Path.Combine(temp.Path, "missing.txt");

        var result = CliRunner.Run("split", missing, good, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Equal($"claimcompare: error: {missing}: no such file or directory", line);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("good", json.RootElement[0].GetProperty("id").GetString());
    }

    [Fact]
    public void An_empty_file_is_an_input_error()
    {
        using var temp = new TempFolder();
        var empty = temp.Write("empty.txt", "");

        var result = CliRunner.Run("split", empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"claimcompare: error: {empty}: file is empty", Assert.Single(result.StderrLines));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_binary_file_is_an_input_error()
    {
        using var temp = new TempFolder();
        var binary = temp.Write("photo.txt", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D });

        var result = CliRunner.Run("split", binary);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("looks like a binary file", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void An_html_page_saved_as_text_is_read_as_a_page()
    {
        using var temp = new TempFolder();
        var html = temp.Write("page.txt", "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><p>NATO talks ended on Wednesday without a deal, officials said after four hours of discussions in Brussels with the Russian delegation.</p></body></html>");
        var stub = temp.Write("stub.txt", "<!DOCTYPE html><html><body><p>NATO talks ended.</p></body></html>");

        var result = CliRunner.Run("split", html, stub);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NATO talks ended on Wednesday without a deal", result.Stdout);
        Assert.DoesNotContain("Home", result.Stdout);
        Assert.Contains(stub + ": no article content: only 17 characters", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void A_directory_without_text_files_is_an_input_error()
    {
        using var temp = new TempFolder();
        temp.Write("notes.md", "# not an article");

        var result = CliRunner.Run("split", temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no article files (*.txt, *.html", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void Invalid_utf8_is_read_as_windows_1252_with_a_warning_naming_file_and_offset()
    {
        using var temp = new TempFolder();
        var bytes = Encoding.ASCII.GetBytes("The bill would cost X5bn, a senator said.\n");
        bytes[20] = 0xA3; // a Latin-1 pound sign replaces the X
        var path = temp.Write("latin1.txt", bytes);

        var result = CliRunner.Run("split", path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"claimcompare: warning: {path}: not valid UTF-8 at byte 20; read as Windows-1252", Assert.Single(result.StderrLines));
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains("£5bn", json.RootElement[0].GetProperty("passages")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp.Write("big.txt", Article);

        var result = CliRunner.Run("split", path, "--max-bytes", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("over the limit of 10", Assert.Single(result.StderrLines));
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error_not_a_file()
    {
        var result = CliRunner.Run("split", Fixtures.RussiaNato2022, "--frmat", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var result = CliRunner.Run("split", Fixtures.RussiaNato2022, "--format", "yaml");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Verbose_mode_writes_debug_lines_to_stderr_and_keeps_stdout_clean_json()
    {
        var result = CliRunner.Run("split", Fixtures.RussiaNato2022, "--format", "json", "-v");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.StartsWith("claimcompare: debug: Read ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(5, json.RootElement.GetArrayLength());
    }
}
