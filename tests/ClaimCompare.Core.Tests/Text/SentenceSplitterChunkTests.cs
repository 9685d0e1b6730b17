using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

/// <summary>
/// Splitting a paragraph in pieces (<see cref="SentenceSplitter.SplitChunk"/>, as a huge document is read) gives exactly
/// the sentences of one call on the whole paragraph, wherever the pieces end, and even when the text before the current
/// sentence has been dropped (a sentence longer than the window).
/// </summary>
public class SentenceSplitterChunkTests
{
    /// <summary>The fixtures' paragraphs joined into one: abbreviations, quotations, ellipses, figures, attributions.</summary>
    private static string Paragraph() =>
        string.Join(' ', FixtureFiles.Ids.SelectMany(id => FixtureFiles.Load(id).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        + " Mr. Smith met Gen. Jones at 9 a.m. on Jan. 5. \"Why now?\" Peskov asked. It ended... Then U.S. officials left. 1. The end.";

    private static List<Range> Whole(string text)
    {
        var whole = new PooledBuffer<Range>(16);
        try
        {
            SentenceSplitter.SplitInto(text, ref whole);
            return [.. whole.AsSpan().ToArray()];
        }
        finally
        {
            whole.Dispose();
        }
    }

    /// <summary>Feeds <paramref name="text"/> in pieces ending at <paramref name="step"/>, <paramref name="step"/> × 2, ...;
    /// before each piece drops what the caller may drop (keeping the sentence start only if <paramref name="keepSentence"/>).</summary>
    private static List<Range> Chunked(string text, int step, bool keepSentence)
    {
        var sentences = new PooledBuffer<Range>(16);
        try
        {
            var state = new SentenceSplitter.SplitState(SentenceSplitter.SkipWhitespace(text, 0));
            var origin = 0;
            for (var available = step; available < text.Length; available += step)
            {
                SentenceSplitter.SplitChunk(text.AsSpan(origin, available - origin), origin, final: false, ref state, ref sentences);
                var lookback = state.Position - SentenceSplitter.ChunkLookahead;
                origin = Math.Max(origin, Math.Max(0, keepSentence ? Math.Min(state.SentenceStart, lookback) : lookback));
            }

            SentenceSplitter.SplitChunk(text.AsSpan(origin), origin, final: true, ref state, ref sentences);
            return [.. sentences.AsSpan().ToArray()];
        }
        finally
        {
            sentences.Dispose();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(61)]
    [InlineData(300)]
    [InlineData(4099)]
    public void A_paragraph_split_in_pieces_gives_the_sentences_of_the_whole(int step)
    {
        var text = Paragraph();
        var expected = Whole(text);

        Assert.True(expected.Count > 100);
        Assert.Equal(expected, Chunked(text, step, keepSentence: true));
        Assert.Equal(expected, Chunked(text, step, keepSentence: false));
    }

    [Fact]
    public void Every_place_a_first_piece_can_end_gives_the_same_sentences()
    {
        var text = Paragraph()[..3000];
        var expected = Whole(text);

        for (var cut = 1; cut < text.Length; cut++)
        {
            var sentences = new PooledBuffer<Range>(16);
            try
            {
                var state = new SentenceSplitter.SplitState(0);
                SentenceSplitter.SplitChunk(text.AsSpan(0, cut), 0, final: false, ref state, ref sentences);
                var origin = Math.Max(0, state.Position - SentenceSplitter.ChunkLookahead);
                SentenceSplitter.SplitChunk(text.AsSpan(origin), origin, final: true, ref state, ref sentences);
                Assert.Equal(expected, sentences.AsSpan().ToArray());
            }
            finally
            {
                sentences.Dispose();
            }
        }
    }
}
