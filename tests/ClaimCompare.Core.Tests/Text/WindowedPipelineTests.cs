using System.Buffers;
using System.Text;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>
/// A huge document read a window at a time gives exactly the passages, spans, normalised texts, removals and date of the
/// whole-document pipeline. The window is made tiny (a few thousand characters) so that real articles cross many
/// window boundaries: sentences, paragraphs and lines that straddle them, paragraphs and sentences longer than the
/// window, boilerplate at the edges, CRLF line ends, characters that normalisation changes.
/// </summary>
public class WindowedPipelineTests
{
    private static readonly TextPipeline s_whole = new();

    private static readonly int[] s_windows = [WindowedPipeline.MinimumWindow, WindowedPipeline.MinimumWindow + 333, 3 * WindowedPipeline.MinimumWindow];

    /// <summary>Keeps what it is handed, as passages; the normalised text through <see cref="StreamedPassage.CopyNormalizedTo"/>.</summary>
    private sealed class CollectingSink : PassageSink
    {
        public List<Passage> Passages { get; } = [];

        public int Partial { get; private set; }

        public DateOnly? Date { get; private set; }

        public override void Begin(SourceDocument document, DateOnly? documentDate) => Date = documentDate;

        public override void Add(in StreamedPassage passage)
        {
            var normalized = new ArrayBufferWriter<char>();
            passage.CopyNormalizedTo(normalized);
            if (!passage.IsNormalizedWhole)
            {
                Partial++;
                Assert.True(passage.Normalized.IsEmpty);
            }
            else
            {
                Assert.Equal(passage.Normalized.ToString(), normalized.WrittenSpan.ToString());
            }

            Passages.Add(new Passage(passage.Index, passage.Paragraph, passage.Kind, passage.Start, passage.End,
                passage.Text.ToString(), normalized.WrittenSpan.ToString()));
        }
    }

    /// <summary>Asserts the windowed result equals the whole-document one; returns how many passages came without their
    /// normalised text held whole.</summary>
    private static int AssertSameAsWhole(SourceDocument document, int window)
    {
        var expected = s_whole.Process(document);
        var windowed = new TextPipeline { WindowedLength = 0, Window = window };
        var sink = new CollectingSink();

        var streamed = windowed.Process(document, sink, CancellationToken.None);

        Assert.Equal(expected.Date, sink.Date);
        Assert.Equal(expected.Date, streamed.Date);
        Assert.Equal(expected.Removed, streamed.Removed);
        Assert.Equal(expected.Passages.Count, streamed.PassageCount);
        for (var i = 0; i < expected.Passages.Count; i++)
        {
            Assert.Equal(expected.Passages[i], sink.Passages[i]);
        }

        return sink.Partial;
    }

    private static void AssertSameAsWhole(SourceDocument document)
    {
        foreach (var window in s_windows)
        {
            AssertSameAsWhole(document, window);
        }
    }

    private static string AllFixtures(string separator = "\n\n") =>
        string.Join(separator, FixtureFiles.Ids.Select(id => FixtureFiles.Load(id).Text));

    public static TheoryData<string> FixtureIds() => [.. FixtureFiles.Ids];

    [Theory]
    [MemberData(nameof(FixtureIds))]
    public void A_fixture_read_a_window_at_a_time_gives_the_same_passages(string id) => AssertSameAsWhole(FixtureFiles.Load(id));

    [Theory]
    [MemberData(nameof(FixtureIds))]
    public void A_fixture_repeated_across_many_windows_gives_the_same_passages(string id)
    {
        var text = FixtureFiles.Load(id).Text;
        AssertSameAsWhole(new SourceDocument(id, string.Join("\n\n", Enumerable.Repeat(text, 6))));
    }

    [Fact]
    public void All_fixtures_together_with_CRLF_line_ends_give_the_same_passages()
    {
        var text = AllFixtures().ReplaceLineEndings("\r\n");
        AssertSameAsWhole(new SourceDocument("crlf", string.Concat(Enumerable.Repeat(text + "\r\n\r\n", 3))));
    }

    [Fact]
    public void A_document_of_one_paragraph_per_line_decides_line_breaks_the_same_way()
    {
        // Fixture 003 has no blank lines: every line break ends a paragraph unless the text is plainly wrapped.
        var text = FixtureFiles.Load("003").Text;
        AssertSameAsWhole(new SourceDocument("003x", string.Join('\n', Enumerable.Repeat(text.Trim(), 8))));
    }

    [Fact]
    public void A_paragraph_longer_than_the_window_is_split_as_it_streams_by()
    {
        // Every sentence of the fixtures in one paragraph, and the same hard-wrapped at 70 columns: sentences straddle
        // every window boundary, and line breaks inside the paragraph become spaces.
        var sentences = string.Join(' ', AllFixtures().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var wrapped = Wrap(sentences, 70);
        var document = new SourceDocument("long", "Headline Here\n\n" + sentences + "\n\n" + wrapped + "\n\nLast words of the story.");
        Assert.True(sentences.Length > 4 * WindowedPipeline.MinimumWindow);
        AssertSameAsWhole(document);
    }

    [Fact]
    public void A_sentence_longer_than_the_window_comes_whole_with_its_normalised_text()
    {
        // No white space at all: one sentence, one passage, far longer than the window; curly quotes and ellipses
        // change under normalisation (an ellipsis changes the length, so the offset map has entries all through it).
        var builder = new StringBuilder();
        var words = AllFixtures().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; builder.Length < 40_000; i++)
        {
            builder.Append(words[(i * 7) % words.Length]);
        }

        var text = builder.ToString();
        var partial = AssertSameAsWhole(new SourceDocument("nows", text), WindowedPipeline.MinimumWindow);
        Assert.Equal(1, partial);
        AssertSameAsWhole(new SourceDocument("nows2", "BRUSSELS -- " + text + " AFP contributed to this report."));
    }

    [Fact]
    public void Boilerplate_at_window_edges_is_removed_the_same_way()
    {
        var body = AllFixtures();
        var text = new StringBuilder();
        text.Append("By Jane Doe\n\nJan. 12, 2022\n\nBRUSSELS (AP) -- ").Append(body);
        for (var i = 0; i < 12; i++)
        {
            text.Append("\n\nREAD MORE: Another story ").Append(i).Append("\n\n***\n\n");
            text.Append("The talks went on. CreditCredit...Photo by Someone ").Append(i).Append("\n\n").Append(body, i * 300, 2000);
            text.Append("\n\nMore Stories\nOne headline\nAnother headline\n\n");
        }

        text.Append("\n\nThe end of the story.\n\nReuters contributed to this report.\n\nChristi C. Elwood\n\nMore Stories\nA\nB\n");
        AssertSameAsWhole(new SourceDocument("boilerplate", text.ToString()));
    }

    [Fact]
    public void Non_ASCII_text_and_inline_markup_give_the_same_spans()
    {
        // Two-unit characters (emoji), combining accents, NFKC ligatures, non-breaking and zero-width spaces, entities and
        // tags, at every offset modulo a few window sizes.
        var piece = "Caf\u0065\u0301 owners said \u201Cno\u201D \U0001F600 to the \uFB01rst plan\u2026 \u00A0It\u200Bs <b>over</b> &amp; done.\n";
        var text = new StringBuilder();
        for (var i = 0; text.Length < 30_000; i++)
        {
            text.Append(piece, 0, 5 + (i % (piece.Length - 5))).Append(i % 9 == 0 ? "\n\n" : " ").Append("Another sentence here. ");
        }

        AssertSameAsWhole(new SourceDocument("unicode", text.ToString()));
    }

    [Fact]
    public void A_tiny_document_and_an_empty_one_stream_the_same()
    {
        AssertSameAsWhole(new SourceDocument("tiny", "One sentence."));
        AssertSameAsWhole(new SourceDocument("blank", "  \n\n \t "));
    }

    private static string Wrap(string text, int width)
    {
        var result = new StringBuilder();
        var column = 0;
        foreach (var word in text.Split(' '))
        {
            if (column > 0 && column + word.Length + 1 > width)
            {
                result.Append('\n');
                column = 0;
            }
            else if (column > 0)
            {
                result.Append(' ');
                column++;
            }

            result.Append(word);
            column += word.Length;
        }

        return result.ToString();
    }
}
