using System.Text.RegularExpressions;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Ingest;

/// <summary>The HTML, feed and JSON-lines versions of the seed articles yield the sentences of their .txt versions.</summary>
public partial class HtmlFixtureTests
{
    private static readonly string HtmlFixtures = Path.Combine(Fixtures.Root, "russia-nato-2022-html");

    private static readonly string[] Ids = ["000", "001", "002", "003", "004"];

    // What the pages really have beside or instead of the .txt: each page adds its headline (the .txt of 004 has it);
    // 004's lead-photo caption sits outside the live blog's entries, where the extractor does not look.
    private static readonly Dictionary<string, string[]> Headlines = new()
    {
        ["000"] = ["Russia, NATO Talks End Without Deal as Allies Urge Moscow to De-escalate"],
        ["001"] = ["NATO, Russia talks end with no deal; West hopes Kremlin will accept compromise"],
        ["002"] = ["Russia-Ukraine tensions: What we know so far"],
        ["003"] = ["Russia war fears: 3,000 troops begin drills near Ukraine as talks stall"],
        ["004"] = [],
    };

    private static readonly Dictionary<string, string[]> NotInPage = new()
    {
        ["004"] = ["NATO Secretary General Jens Stoltenberg said significant points of contention remain with Russia following talks aimed at easing tensions with the West and preventing a further Russian invasion of Ukraine."],
    };

    public static TheoryData<string> Articles => new(Ids);

    [Theory]
    [MemberData(nameof(Articles))]
    public void Each_page_yields_the_sentences_of_its_text_version(string id)
    {
        var bytes = File.ReadAllBytes(Path.Combine(HtmlFixtures, "pages", id + ".html"));

        var extraction = new HtmlArticleExtractor().Extract(bytes);

        Assert.True(extraction.Succeeded, extraction.Problem);
        AssertSameSentences(id, extraction.Article!.Text, Headlines[id], NotInPage.GetValueOrDefault(id) ?? []);
    }

    [Fact]
    public void The_pages_metadata_is_read()
    {
        var pages = Ids.ToDictionary(id => id, id => new HtmlArticleExtractor().Extract(File.ReadAllBytes(Path.Combine(HtmlFixtures, "pages", id + ".html"))).Article!);

        Assert.Equal("NATO, Russia talks end with no deal; West hopes Kremlin will accept compromise", pages["001"].Title);
        Assert.Equal("Robin Dixon and Michael Birnbaum", pages["001"].Byline);
        Assert.Equal(new DateTimeOffset(2022, 1, 13, 6, 22, 0, TimeSpan.FromHours(-6)), pages["001"].Published);
        Assert.Equal("Arkansas Online", pages["001"].SiteName);
        Assert.Equal("https://www.arkansasonline.com/news/2022/jan/13/nato-russia-talks-end-with-no-deal/", pages["001"].CanonicalUrl);
        Assert.Equal("The Global Herald", pages["000"].SiteName);
        Assert.Equal("Staff Reporter", pages["000"].Byline);
        Assert.Equal("en-US", pages["000"].Language);
        Assert.Equal(new DateTimeOffset(2022, 1, 27, 0, 0, 0, TimeSpan.Zero), pages["002"].Published);
        Assert.Equal("By Christi C. Elwood", pages["004"].Byline);
    }

    [Fact]
    public void A_page_declared_as_windows_1252_is_decoded_as_such()
    {
        // 003.html is written in windows-1252 and says so in <meta http-equiv>: its curly quotes are single bytes.
        var bytes = File.ReadAllBytes(Path.Combine(HtmlFixtures, "pages", "003.html"));
        Assert.Contains((byte)0x93, bytes);

        var article = new HtmlArticleExtractor().Extract(bytes).Article!;

        Assert.Equal("windows-1252", article.Encoding);
        Assert.Contains("stated: “Russia does not have the right to vote", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', article.Text);
    }

    [Fact]
    public void Nothing_of_the_page_furniture_reaches_the_text()
    {
        foreach (var id in Ids)
        {
            var text = new HtmlArticleExtractor().Extract(File.ReadAllBytes(Path.Combine(HtmlFixtures, "pages", id + ".html"))).Article!.Text;

            Assert.DoesNotContain("cookies", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Sign up", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Putin will do what he wants", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Talks are better than tanks", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Biden warns Putin", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Copyright", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Facebook", text, StringComparison.Ordinal);
            Assert.DoesNotContain("dataLayer", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Advertisement", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_block_points_at_the_element_it_came_from()
    {
        var html = File.ReadAllText(Path.Combine(HtmlFixtures, "pages", "001.html"));

        var article = new HtmlArticleExtractor().Extract(html).Article!;

        var blocks = article.Blocks.Where(b => b.SourceOffset >= 0).ToList();
        Assert.True(blocks.Count > 20);
        foreach (var block in blocks)
        {
            var paragraph = article.Text[block.Start..block.End];
            Assert.StartsWith("<" + block.Element, html[block.SourceOffset..], StringComparison.Ordinal);
            // The element's source holds the paragraph's first words.
            var firstWords = string.Join(' ', paragraph.Split(' ').Take(3));
            var elementSource = html.Substring(block.SourceOffset, Math.Min(2000, html.Length - block.SourceOffset));
            Assert.True(elementSource.Contains(firstWords, StringComparison.Ordinal) || elementSource.Contains(System.Net.WebUtility.HtmlEncode(firstWords), StringComparison.Ordinal), firstWords);
        }
    }

    [Fact]
    public void The_feed_yields_the_sentences_of_each_text_version()
    {
        using var stream = File.OpenRead(Path.Combine(HtmlFixtures, "feed.rss"));

        var feed = FeedParser.Parse(stream);

        Assert.Equal("rss", feed.Format);
        Assert.Equal(5, feed.Items.Count);
        for (var i = 0; i < Ids.Length; i++)
        {
            var item = feed.Items[i];
            Assert.NotNull(item.Article);
            Assert.StartsWith("https://", item.Link, StringComparison.Ordinal);
            AssertSameSentences(Ids[i], item.Article!.Text, Headlines[Ids[i]], []);
        }

        Assert.Equal(new DateTimeOffset(2022, 1, 13, 6, 22, 0, TimeSpan.FromHours(-6)), feed.Items[1].Article!.Published);
        Assert.Equal("www.arkansasonline.com", feed.Items[1].Source);
        // "Tuesday, January 11, 2022" is no RFC 822 date: the item stays, its date unknown, with a warning naming the value.
        Assert.Null(feed.Items[3].Article!.Published);
        Assert.Contains(feed.Items[3].Warnings, w => w.Contains("\"Tuesday, January 11, 2022\" is not a date", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_lines_yield_the_sentences_of_each_text_version()
    {
        using var stream = File.OpenRead(Path.Combine(HtmlFixtures, "articles.jsonl"));

        var lines = JsonLinesReader.Read(stream, 1 << 20).ToList();

        Assert.Equal(5, lines.Count);
        for (var i = 0; i < Ids.Length; i++)
        {
            var article = lines[i].Article!;
            Assert.Equal("jsonl-" + Ids[i], article.Id);
            var text = article.Text ?? new HtmlArticleExtractor().Extract(article.Html!, article.Url).Article!.Text;
            AssertSameSentences(Ids[i], text, article.Text is null ? Headlines[Ids[i]] : [], []);
        }
    }

    private static void AssertSameSentences(string id, string text, string[] extraAllowed, string[] missingAllowed)
    {
        var file = Directory.GetFiles(Fixtures.RussiaNato2022, id + "_*.txt").Single();
        var expected = Sentences(File.ReadAllText(file));
        var actual = Sentences(text);

        var missing = expected.Except(actual).Except(missingAllowed).ToList();
        var extra = actual.Except(expected).Except(extraAllowed).ToList();

        Assert.True(missing.Count == 0, $"{id}: sentences of the .txt not in the page: {string.Join(" | ", missing)}");
        Assert.True(extra.Count == 0, $"{id}: sentences of the page not in the .txt: {string.Join(" | ", extra)}");
    }

    private static List<string> Sentences(string text) =>
        new TextPipeline().Process(new SourceDocument("x", text)).Passages.Select(p => Space().Replace(p.Normalized, " ").Trim()).ToList();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
