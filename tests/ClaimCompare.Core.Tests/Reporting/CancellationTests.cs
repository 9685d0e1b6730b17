using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Reporting;

/// <summary>Every entry point of the engine stops with <see cref="OperationCanceledException"/> once its token is cancelled.</summary>
public class CancellationTests
{
    private static CancellationToken Cancelled => new(canceled: true);

    [Fact]
    public void The_text_pipeline_stops_on_a_cancelled_token()
    {
        var document = new SourceDocument("x", "Some 100,000 troops massed at the border. Talks began on Monday.");

        Assert.ThrowsAny<OperationCanceledException>(() => new TextPipeline().Process(document, Cancelled));
    }

    [Fact]
    public void Claim_extraction_stops_when_the_token_is_cancelled_midway()
    {
        using var source = new CancellationTokenSource();
        var document = FixtureCorpus.Document("001");
        var reads = 0;

        // Cancel after a few passages have been read: the extractor must notice within the document.
        var watched = document with { Passages = new CountingList(document.Passages, () => { if (++reads == 5) { source.Cancel(); } }) };

        Assert.ThrowsAny<OperationCanceledException>(() => ClaimExtractor.Extract(watched, source.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => ClaimExtractor.ExtractAll(FixtureCorpus.RussiaNato2022, Cancelled));
    }

    [Fact]
    public void Near_duplicate_detection_alignment_and_the_report_stop_on_a_cancelled_token()
    {
        var documents = FixtureCorpus.RussiaNato2022;
        var claims = ClaimExtractor.ExtractAll(documents);

        Assert.ThrowsAny<OperationCanceledException>(() => new NearDuplicateDetector().Detect(documents, null, Cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => new ClaimAligner().Align(claims, PassageLinks.None, Cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => new ComparisonReportBuilder().Build(documents, Cancelled));
    }

    [Fact]
    public void An_uncancelled_token_changes_nothing()
    {
        var documents = FixtureCorpus.RussiaNato2022;
        using var source = new CancellationTokenSource();

        var plain = JsonReportRenderer.ToJson(new ComparisonReportBuilder().Build(documents));
        var withToken = JsonReportRenderer.ToJson(new ComparisonReportBuilder().Build(documents, source.Token));

        Assert.Equal(plain, withToken);
    }

    private sealed class CountingList(IReadOnlyList<Passage> inner, Action onRead) : IReadOnlyList<Passage>
    {
        public int Count => inner.Count;

        public Passage this[int index]
        {
            get
            {
                onRead();
                return inner[index];
            }
        }

        public IEnumerator<Passage> GetEnumerator()
        {
            for (var i = 0; i < inner.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
