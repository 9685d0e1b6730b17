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

    /// <summary>The text format as the whole-document pipeline gives it: header, passages by paragraph, removals, counts.</summary>
    private static string ExpectedText(ProcessedDocument document)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(culture, $"== {document.Id}  {document.Path}\n   date: {document.Date?.ToString("yyyy-MM-dd", culture) ?? "unknown"}\n");
        var paragraph = -1;
        foreach (var p in document.Passages)
        {
            if (p.Paragraph != paragraph)
            {
                paragraph = p.Paragraph;
                text.Append('\n');
            }

            text.Append(culture, $"{(p.Kind == PassageKind.Heading ? "#" : " ")} [{p.Index,3}] ¶{p.Paragraph,-3} {p.Start,6}-{p.End,-6} {p.Normalized}\n");
        }

        if (document.Removed.Count > 0)
        {
            text.Append('\n');
            foreach (var r in document.Removed)
            {
                text.Append(culture, $"- removed {r.Reason} {r.Start}-{r.End}: {string.Join(' ', r.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}\n");
            }
        }

        text.Append(culture, $"   passages: {document.Passages.Count}   removed: {document.Removed.Count}\n\n");
        return text.ToString();
    }

    [Fact]
    public void Text_output_streams_a_huge_document_in_order_with_its_counts_at_the_end_of_its_block()
    {
        using var temp = new TempFolder();
        var smallPath = temp.Write("a-small.txt", "Russia has massed some 100,000 troops near the border. Talks ended.\n\nREAD MORE: Other news\n");
        var hugePath = temp.Write("b-huge.txt", HugeArticle());

        var result = CliRunner.Run("split", smallPath, hugePath);

        Assert.Equal(0, result.ExitCode);
        var pipeline = new TextPipeline();
        var small = pipeline.Process(new SourceDocument("a-small", File.ReadAllText(smallPath)) { Path = smallPath });
        var huge = pipeline.Process(new SourceDocument("b-huge", File.ReadAllText(hugePath)) { Path = hugePath });
        Assert.Equal(ExpectedText(small) + ExpectedText(huge), result.Stdout);
        Assert.Contains("   passages: 2   removed: 1\n", result.Stdout);
    }

    [Fact]
    public void A_large_file_is_decoded_in_pieces_with_multi_byte_characters_across_their_boundaries()
    {
        // Over a megabyte of UTF-8 with a byte-order mark: three- and four-byte characters fall on every offset around
        // the 1 MiB boundaries the file is read in.
        var line = "The \u20AC5bn deal \U0001F600 was \u201Csigned\u201D in Z\u00FCrich. ";
        var text = new StringBuilder();
        for (var i = 0; Encoding.UTF8.GetByteCount(text.ToString()) < (1 << 20) + 4096; i++)
        {
            var cut = 4 + (i % (line.Length - 4));
            text.Append(line, 0, char.IsHighSurrogate(line[cut - 1]) ? cut + 1 : cut).Append(i % 11 == 0 ? "\n\n" : " ");
            if (text.Length > 100_000 && text.Length < 100_100)
            {
                text.Append(new string('x', (1 << 20) - 100_050));
            }
        }

        using var temp = new TempFolder();
        var path = temp.Write("big.txt", "");
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = CliRunner.Run("split", path, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var original = File.ReadAllText(path);
        Assert.Equal(text.ToString(), original);
        using var json = JsonDocument.Parse(result.Stdout);
        var passages = json.RootElement[0].GetProperty("passages").EnumerateArray().ToList();
        Assert.Equal(new TextPipeline().Process(new SourceDocument("big", original)).Passages.Count, passages.Count);
        foreach (var passage in passages)
        {
            var start = passage.GetProperty("start").GetInt32();
            var end = passage.GetProperty("end").GetInt32();
            Assert.Equal(original[start..end], passage.GetProperty("text").GetString());
        }
    }
}
