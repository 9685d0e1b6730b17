using System.Text;
using System.Text.Json;
using ClaimCompare.Cli.Tests.Support;

namespace ClaimCompare.Cli.Tests;

/// <summary>Articles as they arrive: web pages, feeds, JSON lines and standard input beside text files.</summary>
public class InputFormatsTests
{
    private static readonly string HtmlFixtures = Path.Combine(Fixtures.Root, "russia-nato-2022-html");

    private const string Page = """
        <!doctype html><html><head><title>Talks end | Daily</title><meta property="og:site_name" content="The Daily"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Talks end without a deal</h1>
        <p>Talks between NATO and Russia ended on Wednesday without a deal, officials said after four hours in Brussels.</p>
        <p>Some 100,000 Russian troops remain near the border with Ukraine, according to Western officials.</p></article>
        <div class="cookie-banner"><p>We use cookies. By continuing you accept our cookie policy and our terms.</p></div></body></html>
        """;

    private static CliResult Run(Stream standardInput, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, standardInput: () => standardInput);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static List<JsonElement> Documents(CliResult result) =>
        JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToList();

    [Fact]
    public void A_folder_with_a_link_to_itself_and_a_link_back_up_is_read_once_and_finishes()
    {
        // Regression: `self -> .` and `sub/back -> ..` made split and report walk round the loop for ever.
        using var folder = new TempFolder();
        folder.Write("a.txt", "Talks ended on Wednesday without a deal, officials said.\n");
        folder.Write("sub/b.txt", "Some 100,000 troops remain near the border, officials said.\n");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "back"), "..");

        var split = CliRunner.Run("split", folder.Path, "--format", "json");
        var report = CliRunner.Run("report", folder.Path, "--format", "json");

        Assert.Equal(0, split.ExitCode);
        Assert.Equal(["a", "b"], Documents(split).Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(report.Stdout).RootElement.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public void A_loop_of_links_is_one_clear_error_and_the_rest_is_read()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", "Talks ended on Wednesday without a deal, officials said.\n");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "x"), "y");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "y"), "x");

        var result = CliRunner.Run("split", folder.Path, Path.Combine(folder.Path, "x"), "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["a"], Documents(result).Select(d => d.GetProperty("id").GetString()));
        Assert.Single(result.StderrLines);
        Assert.StartsWith("claimcompare: error: ", result.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_mixed_folder_of_pages_a_feed_and_json_lines_is_read_whole()
    {
        var result = CliRunner.Run("split", HtmlFixtures, "--format", "json");

        // The feed's fourth item has a date that is not a date: a warning, not an error.
        Assert.Equal(0, result.ExitCode);
        var ids = Documents(result).Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(
            ["jsonl-000", "jsonl-001", "jsonl-002", "jsonl-003", "jsonl-004", "feed#1", "feed#2", "feed#3", "feed#4", "feed#5", "000", "001", "002", "003", "004"],
            ids);
        Assert.Contains("warning", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("item 4", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_are_documents_named_by_their_ids_and_a_line_that_is_not_json_is_an_error_naming_it()
    {
        using var folder = new TempFolder();
        var dump = folder.Write("dump.jsonl",
            "{\"id\": \"a\", \"source\": \"wire\", \"published\": \"2022-01-13\", \"text\": \"Talks ended on Wednesday without a deal.\"}\n" +
            "{this is not json}\n" +
            "{\"source\": \"paper\", \"html\": " + JsonSerializer.Serialize(Page) + "}\n");

        var result = CliRunner.Run("split", dump, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        var documents = Documents(result);
        Assert.Equal(["a", "dump:3"], documents.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal("2022-01-13", documents[0].GetProperty("date").GetString());
        Assert.Contains(documents[1].GetProperty("passages").EnumerateArray(), p => p.GetProperty("text").GetString()!.StartsWith("Some 100,000 Russian troops", StringComparison.Ordinal));
        Assert.Equal($"claimcompare: error: {dump}: line 2: not JSON", result.StderrLines.Single()[..($"claimcompare: error: {dump}: line 2: not JSON".Length)]);
    }

    [Fact]
    public void A_page_is_extracted_and_spans_index_the_extracted_text()
    {
        using var folder = new TempFolder();
        var page = folder.Write("talks.html", Page);

        var result = CliRunner.Run("split", page, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var passages = Documents(result).Single().GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
        Assert.Equal("Talks end without a deal", passages[0]);
        Assert.Contains("Some 100,000 Russian troops remain near the border with Ukraine, according to Western officials.", passages);
        Assert.DoesNotContain(passages, p => p!.Contains("cookie", StringComparison.OrdinalIgnoreCase) || p.Contains("Home", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_names_each_source_by_the_address_its_page_feed_item_or_json_line_gives()
    {
        var result = CliRunner.Run("report", HtmlFixtures, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var urls = json.RootElement.GetProperty("sources").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("url").GetString());
        Assert.Equal("https://www.arkansasonline.com/news/2022/jan/13/nato-russia-talks-end-with-no-deal/", urls["001"]);
        Assert.Equal("https://globalherald.example/story/000", urls["jsonl-000"]);
        Assert.Equal("https://worlddesk.example/story/002", urls["feed#3"]);
        Assert.All(urls.Values, Assert.NotNull);
    }

    [Fact]
    public void An_outlets_page_feed_item_and_json_line_are_one_source_in_agreements_and_quote_variants()
    {
        // The HTML fixtures hold each of five articles three times (page, feed item, JSON line): 15 documents, 5 sources.
        var result = CliRunner.Run("report", HtmlFixtures, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var troops = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "agree"
            && f.GetProperty("explanation").GetString()!.Contains("100,000", StringComparison.Ordinal));
        Assert.StartsWith("5 sources (15 documents; one outlet's copies of an article count once)", troops.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var sherman = Assert.Single(findings, f => f.GetProperty("kind").GetString() == "quote-variant"
            && f.GetProperty("explanation").GetString()!.StartsWith("Wendy Sherman", StringComparison.Ordinal));
        Assert.Contains("by 3 sources (9 documents;", sherman.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_with_no_article_is_one_error_naming_the_file_and_the_others_are_read()
    {
        using var folder = new TempFolder();
        var nav = folder.Write("index.html", "<html><body><nav>" + string.Concat(Enumerable.Range(0, 50).Select(i => $"<a href='/{i}'>Section {i}</a> ")) + "</nav></body></html>");
        folder.Write("ok.txt", "Talks ended on Wednesday without a deal, officials said.\n");

        var result = CliRunner.Run("split", folder.Path, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["ok"], Documents(result).Select(d => d.GetProperty("id").GetString()));
        Assert.Equal($"claimcompare: error: {nav}: no article content: the page's text is all navigation, links or page furniture", result.StderrLines.Single());
    }

    [Fact]
    public void A_page_over_the_size_limit_is_refused_with_the_limit_named()
    {
        using var folder = new TempFolder();
        var big = folder.Write("big.html", "<html><body><article>" + string.Concat(Enumerable.Repeat("<p>Officials said the talks ended without a deal.</p>", 20_000)) + "</article></body></html>");

        var result = CliRunner.Run("split", big, "--max-bytes", "100000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("over the limit of 100,000", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_hands_each_document_on_as_it_reads_it()
    {
        using var folder = new TempFolder();
        var dump = folder.Write("dump.jsonl", "{\"text\": \"First article, a sentence.\"}\n{\"text\": \"Second article.\"}\nnot json\n");
        using var log = new Serilog.LoggerConfiguration().CreateLogger();
        var seen = new List<(string Id, bool HadErrors)>();
        ClaimCompare.Cli.Input.DocumentLoader? loader = null;
        loader = new ClaimCompare.Cli.Input.DocumentLoader(log, 1 << 20, document => seen.Add((document.Id, loader!.HadErrors)));

        var result = loader.Load([dump]);

        // Line 3 had not been read when the first two were handed on: its error came when the reader got there.
        Assert.Equal([("dump:1", false), ("dump:2", false)], seen);
        Assert.Empty(result.Documents);
        Assert.True(result.HadErrors);
    }

    [Fact]
    public void A_dash_reads_one_page_from_standard_input()
    {
        var result = Run(new MemoryStream(Encoding.UTF8.GetBytes(Page)), "split", "-", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var document = Documents(result).Single();
        Assert.Equal("stdin", document.GetProperty("id").GetString());
        Assert.Contains(document.GetProperty("passages").EnumerateArray(), p => p.GetProperty("text").GetString() == "Talks end without a deal");
    }

    [Fact]
    public void A_dash_reads_text_from_standard_input_beside_files()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes("Talks ended on Wednesday without a deal, officials said.\n"));

        var result = Run(input, "split", Path.Combine(Fixtures.RussiaNato2022, "003_dc004be232243bed.txt"), "-", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["003", "stdin"], Documents(result).Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public void Empty_standard_input_is_an_input_error()
    {
        var result = Run(new MemoryStream(), "split", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("claimcompare: error: -: standard input is empty", result.StderrLines.Single());
    }

    [Fact]
    public void A_manifest_names_pages_and_feeds_with_their_format()
    {
        using var folder = new TempFolder();
        folder.Write("page.dat", Page);
        folder.Write("sources.json", """{ "documents": [ { "id": "p1", "file": "page.dat", "format": "html", "outlet": "daily.example", "date": "2022-01-13" } ] }""");

        var result = CliRunner.Run("split", folder.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var document = Documents(result).Single();
        Assert.Equal("p1", document.GetProperty("id").GetString());
        Assert.Equal("2022-01-13", document.GetProperty("date").GetString());
    }

    [Fact]
    public void Reports_on_the_pages_find_the_conflict_of_the_text_versions()
    {
        var result = CliRunner.Run("report", Path.Combine(HtmlFixtures, "pages"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var findings = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("findings").EnumerateArray().ToList();
        // The pages carry their dates, so the drills of Tuesday and the exercises of Wednesday may be read as one count on
        // two days (a timeline) rather than a conflict; either way both figures are shown side by side.
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() is "conflict" or "update"
            && f.GetProperty("explanation").GetString()!.Contains("More than 10,000 troops", StringComparison.Ordinal)
            && f.GetProperty("explanation").GetString()!.Contains("about 3,000 troops", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("kind").GetString() == "role-conflict");
    }
}
