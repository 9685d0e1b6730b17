using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>The streaming form of the pipeline hands a sink exactly the passages the list form returns.</summary>
public class PassageSinkTests
{
    private static readonly TextPipeline s_pipeline = new();

    /// <summary>Keeps what it is handed, as passages, to compare with the list form.</summary>
    private sealed class CollectingSink : PassageSink
    {
        public List<Passage> Passages { get; } = [];

        public int Begins { get; private set; }

        public DateOnly? Date { get; private set; }

        public override void Begin(SourceDocument document, DateOnly? documentDate)
        {
            Begins++;
            Date = documentDate;
            Assert.Empty(Passages);
        }

        public override void Add(in StreamedPassage passage)
        {
            // A passage longer than the window a huge document is read in does not hold its normalised text whole.
            var normalized = new System.Buffers.ArrayBufferWriter<char>();
            passage.CopyNormalizedTo(normalized);
            Passages.Add(new Passage(passage.Index, passage.Paragraph, passage.Kind, passage.Start, passage.End,
                passage.Text.ToString(), normalized.WrittenSpan.ToString()));
        }
    }

    private static void AssertSameAsList(SourceDocument document)
    {
        var expected = s_pipeline.Process(document);
        var sink = new CollectingSink();

        var streamed = s_pipeline.Process(document, sink, CancellationToken.None);

        Assert.Equal(1, sink.Begins);
        Assert.Equal(expected.Date, sink.Date);
        Assert.Equal(expected.Date, streamed.Date);
        Assert.Equal(expected.Passages.Count, streamed.PassageCount);
        Assert.Equal(expected.Passages, sink.Passages);
        Assert.Equal(expected.Removed, streamed.Removed);
        Assert.Equal(document.Path, streamed.Path);
    }

    [Theory]
    [MemberData(nameof(FixtureIds))]
    public void A_fixture_streams_the_same_passages_spans_and_removals(string id) => AssertSameAsList(FixtureFiles.Load(id));

    public static TheoryData<string> FixtureIds() => [.. FixtureFiles.Ids];

    [Fact]
    public void A_dateline_date_reaches_the_sink_before_the_first_passage()
    {
        var document = FixtureFiles.Load("001") with { Date = null };
        var sink = new CollectingSink();

        s_pipeline.Process(document, sink, CancellationToken.None);

        Assert.NotNull(sink.Date);
    }

    [Fact]
    public void Text_that_normalisation_changes_streams_the_same_raw_and_normalised_texts()
    {
        // Curly quotes, ellipses (longer once normalised), doubled spaces, ligatures, combining marks, a heading.
        var text = "Talks End\n\n“We are ready…”  she said. The ﬁrst café’s owner said “no”.\nA second line… \u00A0and more.\n\nNext ¶ here!";
        AssertSameAsList(new SourceDocument("changed", string.Concat(Enumerable.Repeat(text + "\n\n", 200))));
    }

    [Fact]
    public void A_megabyte_without_white_space_streams_one_passage()
    {
        var text = string.Create(1 << 20, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i % 97 == 0 ? '…' : (char)('a' + (i % 26));
            }
        });

        AssertSameAsList(new SourceDocument("nows", text));
    }

    [Fact]
    public void A_null_sink_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => s_pipeline.Process(new SourceDocument("x", "Text."), null!, CancellationToken.None));
}
