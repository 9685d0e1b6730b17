using System.Text;
using System.Text.Json;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;

namespace ClaimCompare.Core.Tests.Reporting;

public class RenderersTests
{
    private static string Render(IReportRenderer renderer, string extra = "")
    {
        using var writer = new StringWriter();
        renderer.Render(ReportSamples.Build(extra), writer);
        return writer.ToString();
    }

    [Fact]
    public void Json_follows_the_documented_schema_with_sentence_spans_and_claim_spans()
    {
        using var json = JsonDocument.Parse(Render(new JsonReportRenderer()));
        var root = json.RootElement;

        Assert.Equal(["sources", "omitted", "findings", "clusters", "overlap", "copy_groups", "member_lists"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2022-01-12", root.GetProperty("sources")[0].GetProperty("date").GetString());
        Assert.Equal("000", root.GetProperty("sources")[0].GetProperty("label").GetString());
        var agree = root.GetProperty("findings")[1];
        Assert.Equal("agree", agree.GetProperty("kind").GetString());
        var evidence = agree.GetProperty("evidence")[0];
        Assert.Equal(ReportSamples.Doc000, evidence.GetProperty("text").GetString());
        Assert.Equal("close to 100,000 Russian troops", evidence.GetProperty("claim").GetProperty("text").GetString());
        var claimStart = evidence.GetProperty("claim").GetProperty("start").GetInt32();
        Assert.Equal("close to", ReportSamples.Doc000.Substring(claimStart, 8));
        var variant = root.GetProperty("findings")[0];
        Assert.Equal("quote-variant", variant.GetProperty("kind").GetString());
        Assert.Equal("delete", variant.GetProperty("diff")[1].GetProperty("op").GetString());
        Assert.Equal(1, evidence.GetProperty("sources").GetInt32());
        var list = root.GetProperty("member_lists").EnumerateArray().Single(l => l.GetProperty("id").GetString() == evidence.GetProperty("members").GetString());
        Assert.Equal(["000"], list.GetProperty("documents").EnumerateArray().Select(d => d.GetString()));
        var cluster = root.GetProperty("clusters")[0];
        var member = cluster.GetProperty("members")[1];
        Assert.Equal("rewrite", member.GetProperty("kind").GetString());
        var wording = cluster.GetProperty("wordings").EnumerateArray().Single(w => w.GetProperty("id").GetString() == member.GetProperty("wording").GetString());
        Assert.Equal(0.31, wording.GetProperty("jaccard").GetDouble());
        Assert.Equal(ReportSamples.Doc004, wording.GetProperty("text").GetString());
        Assert.Equal("000", root.GetProperty("overlap")[0].GetProperty("likely_origin").GetString());
    }

    [Fact]
    public void Text_marks_claims_and_diffs_without_colour_when_not_a_terminal()
    {
        var text = Render(new TextReportRenderer(useColor: false));

        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("«close to 100,000 Russian troops»", text);
        Assert.Contains("[-close to-]{+nearly+} 100,000 Russian troops", text);
        Assert.Contains("immediately [-de-escalate-]{+defuse+} the situation in Ukraine", text);
        Assert.True(text.IndexOf("Quote variants", StringComparison.Ordinal) < text.IndexOf("Agreements", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_uses_ansi_colour_for_a_terminal()
    {
        Assert.Contains("\u001b[32magree\u001b[0m", Render(new TextReportRenderer(useColor: true)), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_bolds_the_claim_and_escapes_article_text()
    {
        var markdown = Render(new MarkdownReportRenderer(), " <img src=x onerror=alert(1)> *bold* [link](http://x)");

        Assert.Contains("**close to 100,000 Russian troops**", markdown);
        Assert.DoesNotContain("<img", markdown);
        Assert.Contains("&lt;img src=x onerror=alert\\(1\\)&gt; \\*bold\\* \\[link\\]\\(http://x\\)", markdown);
    }

    [Fact]
    public void Html_is_self_contained_and_article_text_cannot_inject_markup()
    {
        var html = Render(new HtmlReportRenderer(), " </td></table><script>alert('x')</script><img src=x onerror=alert(1)>");

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Content-Security-Policy", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.DoesNotContain("http://", html.Replace("http://x", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_highlights_each_claim_in_the_side_by_side_sources_and_links_it()
    {
        var html = Render(new HtmlReportRenderer());

        Assert.Contains("<mark class=\"agree\" id=\"f1-0\" title=\"agree\">close to 100,000 Russian troops</mark>", html);
        Assert.Contains("<a href=\"#f1-1\">004</a>", html);
        Assert.Contains("<del>close to</del><ins>nearly</ins>", html);
        Assert.Contains("“immediately defuse the situation in Ukraine”", html);
    }

    [Fact]
    public void Dedup_json_written_to_a_stream_is_the_utf8_of_the_json_written_to_a_text_writer()
    {
        // The fixtures and three renamed reprints of them: typographic quotes and dashes, and more than one 64 KiB write.
        var documents = FixtureCorpus.RussiaNato2022
            .Concat(Enumerable.Range(1, 3).SelectMany(copy => FixtureCorpus.RussiaNato2022.Select(d => d with { Id = $"{d.Id}-r{copy}" })))
            .ToList();
        var result = new NearDuplicateDetector().Detect(documents);
        using var text = new StringWriter();
        JsonReportRenderer.WriteDedup(result, text);
        using var stream = new MemoryStream();
        JsonReportRenderer.WriteDedup(result, stream);

        Assert.True(stream.Length > 2 * 64 * 1024, $"only {stream.Length} bytes");
        Assert.Contains(text.ToString(), c => c > 127);
        Assert.Equal(Encoding.UTF8.GetBytes(text.ToString()), stream.ToArray());
    }
}
