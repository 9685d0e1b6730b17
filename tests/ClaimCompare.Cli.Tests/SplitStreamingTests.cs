using System.Text;
using System.Text.Json;
using ClaimCompare.Cli.Commands;
using ClaimCompare.Cli.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Tests;

/// <summary>
/// <c>split --format json</c> writes a document of at least <see cref="SplitCommand.StreamingLength"/> characters as it is
/// split, in chunks, instead of building its JSON whole: the output must be the same as the in-memory path's.
/// </summary>
public class SplitStreamingTests
{
    /// <summary>A document over the streaming threshold: fixture 001 repeated, with a long passage without white space
    /// whose multi-byte characters and surrogate pairs straddle the writer's segment boundaries.</summary>
    private static string HugeArticle()
    {
        var article = File.ReadAllText(Directory.GetFiles(Fixtures.RussiaNato2022, "001_*.txt").Single());
        var text = new StringBuilder();
        while (text.Length < SplitCommand.StreamingLength + (64 * 1024))
        {
            text.Append(article).Append("\n\n");
            if (text.Length > SplitCommand.StreamingLength / 2 && text.Length < (SplitCommand.StreamingLength / 2) + article.Length + 2)
            {
                var run = new StringBuilder();
                while (run.Length < 3 * SplitJsonWriter.TextSegment)
                {
                    // 16,383 characters, then an emoji across the 16,384 boundary, "é", a quote that JSON escapes.
                    run.Append('x', SplitJsonWriter.TextSegment - 1).Append("😀é\"\\");
                }

                text.Append(run).Append(".\n\n");
            }
        }

        return text.ToString();
    }

    [Fact]
    public void A_document_over_the_streaming_threshold_has_the_passages_and_spans_of_the_pipeline()
    {
        using var temp = new TempFolder();
        temp.Write("a-small.txt", "Russia has massed some 100,000 troops near the border. Talks ended.\n");
        var hugePath = temp.Write("b-huge.txt", HugeArticle());
        temp.Write("c-small.txt", "NATO said the talks were hard.\n");

        var result = CliRunner.Run("split", temp.Path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var documents = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["a-small", "b-huge", "c-small"], documents.Select(d => d.GetProperty("id").GetString()));
        var original = File.ReadAllText(hugePath);
        Assert.True(original.Length >= SplitCommand.StreamingLength);
        var expected = new TextPipeline().Process(new SourceDocument("b-huge", original));
        var passages = documents[1].GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal(expected.Passages.Count, passages.Count);
        Assert.Contains(expected.Passages, p => p.Length > 2 * SplitJsonWriter.TextSegment);
        for (var i = 0; i < passages.Count; i++)
        {
            var p = expected.Passages[i];
            var actual = passages[i];
            Assert.Equal(p.Index, actual.GetProperty("index").GetInt32());
            Assert.Equal(p.Paragraph, actual.GetProperty("paragraph").GetInt32());
            Assert.Equal(p.Kind == PassageKind.Heading ? "heading" : "sentence", actual.GetProperty("kind").GetString());
            Assert.Equal(p.Start, actual.GetProperty("start").GetInt32());
            Assert.Equal(p.End, actual.GetProperty("end").GetInt32());
            Assert.Equal(p.Text, actual.GetProperty("text").GetString());
        }

        var removed = documents[1].GetProperty("removed").EnumerateArray().ToList();
        Assert.Equal(expected.Removed.Count, removed.Count);
        Assert.NotEmpty(removed);
        for (var i = 0; i < removed.Count; i++)
        {
            Assert.Equal(expected.Removed[i].Start, removed[i].GetProperty("start").GetInt32());
            Assert.Equal(expected.Removed[i].Text, removed[i].GetProperty("text").GetString());
        }
    }

    [Fact]
    public void Streamed_and_buffered_documents_give_byte_identical_output()
    {
        using var temp = new TempFolder();
        temp.Write("a-small.txt", "Russia has massed some 100,000 troops near the border. Talks ended.\n");
        temp.Write("b-huge.txt", HugeArticle());
        var fixtures = Fixtures.RussiaNato2022;

        var streamed = CliRunner.Run("split", fixtures, temp.Path, "--format", "json");
        var threshold = SplitCommand.StreamingLength;
        CliResult everyDocumentStreamed;
        CliResult noneStreamed;
        try
        {
            SplitCommand.StreamingLength = 1;
            everyDocumentStreamed = CliRunner.Run("split", fixtures, temp.Path, "--format", "json");
            SplitCommand.StreamingLength = int.MaxValue;
            noneStreamed = CliRunner.Run("split", fixtures, temp.Path, "--format", "json");
        }
        finally
        {
            SplitCommand.StreamingLength = threshold;
        }

        Assert.Equal(0, streamed.ExitCode);
        Assert.True(streamed.Stdout.Length > 2 * threshold);
        Assert.Equal(noneStreamed.Stdout, streamed.Stdout);
        Assert.Equal(noneStreamed.Stdout, everyDocumentStreamed.Stdout);
    }
}
