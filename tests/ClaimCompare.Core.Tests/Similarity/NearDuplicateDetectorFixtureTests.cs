using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Similarity.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Similarity;

/// <summary>The detector on the russia-nato-2022 fixtures: every cluster it reports was checked by reading.</summary>
public class NearDuplicateDetectorFixtureTests
{
    private static readonly IReadOnlyList<ProcessedDocument> Documents = ClaimCompare.Core.Tests.Support.FixtureCorpus.RussiaNato2022;
    private static readonly DedupResult Result = new NearDuplicateDetector().Detect(Documents, DedupOptions.Default);

    /// <summary>Expected clusters: each member as (document, first words, last words) of its passage in the original text.</summary>
    private static readonly (string Document, string From, string To)[][] ExpectedClusters =
    [
        [
            ("000", "Allies of NATO have called on Russia", "NATO Secretary-General Jens Stoltenberg."),
            ("004", "Stoltenberg said NATO allies urged Russia", "territorial integrity of its neighbors."),
        ],
        [
            ("000", "Officials claimed Russian representatives", "reject the demand."),
            ("004", "Russian officials have not made a commitment", "officials said."),
        ],
        [
            ("000", "Russia opposes any expansion of NATO", "NATO members that border Russia."),
            ("004", "NATO allies reiterated their refusal", "NATO members bordering Russia."),
        ],
        [
            ("000", "Some of Russia's demands, according to Wendy R. Sherman", "\"simply non-starters.\""),
            ("004", "Wendy R. Sherman, the assistant secretary of state", "“simply unachievable.”"),
        ],
        [
            ("001", "He also said NATO is keen to discuss ways", "other arms control initiatives."),
            ("000", "NATO Secretary-General Jens Stoltenberg stated that the alliance is eager", "as per Chron."),
        ],
        [
            ("001", "\"This is not an easy discussion", "Stoltenberg told reporters."),
            ("004", "“It was not an easy discussion", "implications for European security."),
        ],
    ];

    private static (int Start, int End) SpanOf(string document, string from, string to)
    {
        var text = Documents.Single(d => d.Id == document).OriginalText;
        var start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{from}' not in {document}");
        var end = text.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(end >= 0, $"'{to}' not in {document} after '{from}'");
        return (start, end + to.Length);
    }

    private static PassageCluster ClusterContaining(string document, int start)
    {
        var cluster = Result.Clusters.SingleOrDefault(c => c.Members.Any(m => m.Document == document && m.Start == start));
        Assert.NotNull(cluster);
        return cluster;
    }

    [Fact]
    public void The_stoltenberg_quote_groups_across_001_and_004_with_exact_spans()
    {
        AssertCluster(ExpectedClusters[5]);
        var cluster = ClusterContaining("004", SpanOf("004", "“It was not an easy discussion", "security.").Start);
        var member = cluster.Members.Single(m => m.Document == "004");
        Assert.Equal(MatchKind.Rewrite, member.Kind);
        Assert.Equal("001", cluster.Representative.Document);
        Assert.StartsWith("“It was not an easy discussion, but that is exactly why this meeting was so important,”", member.Text);
    }

    [Fact]
    public void The_de_escalation_paragraph_of_000_and_004_groups_sentence_by_sentence()
    {
        AssertCluster(ExpectedClusters[0]);
        AssertCluster(ExpectedClusters[1]);
        var member = ClusterContaining("004", SpanOf("004", "Stoltenberg said NATO allies urged", ".").Start).Members.Single(m => m.Document == "004");
        Assert.Contains(member.Diff, s => s.Kind == DiffKind.Deleted && s.Text.Contains("close to"));
        Assert.Contains(member.Diff, s => s.Kind == DiffKind.Inserted && s.Text.Contains("nearly"));
    }

    [Fact]
    public void The_second_sentence_of_the_paragraph_is_found_only_as_the_neighbour_of_the_first()
    {
        var without = new NearDuplicateDetector().Detect(Documents, DedupOptions.Default with { ExtendToNeighbours = false });
        var officials = SpanOf("000", "Officials claimed Russian representatives", "reject the demand.").Start;
        Assert.DoesNotContain(without.Clusters, c => c.Members.Any(m => m.Document == "000" && m.Start == officials));
        Assert.Equal(ExpectedClusters.Length - 2, without.Clusters.Count);
    }

    [Fact]
    public void Expansion_and_further_enlargement_are_found_as_neighbours_across_000s_subheading()
    {
        // 000 puts a subheading ("Russia-NATO meeting ends without clear result") between "Officials claimed ..." and
        // "Russia opposes any expansion of NATO ..."; 004 has none between their rewrites. The neighbour rule steps over
        // the subheading, so the expansion sentence is checked against 004's next sentence as a neighbour.
        Assert.Contains(Documents.Single(d => d.Id == "000").Passages, p => p.Text == "Russia-NATO meeting ends without clear result" && p.Kind == PassageKind.Heading);
        AssertCluster(ExpectedClusters[2]);
        var without = new NearDuplicateDetector().Detect(Documents, DedupOptions.Default with { ExtendToNeighbours = false });
        var expansion = SpanOf("000", "Russia opposes any expansion of NATO", ".").Start;
        Assert.DoesNotContain(without.Clusters, c => c.Members.Any(m => m.Document == "000" && m.Start == expansion));
    }

    [Fact]
    public void Shermans_non_starters_and_unachievable_group()
    {
        AssertCluster(ExpectedClusters[3]);
    }

    [Fact]
    public void Every_cluster_is_one_that_was_checked_by_reading()
    {
        Assert.Equal(ExpectedClusters.Length, Result.Clusters.Count);
        foreach (var expected in ExpectedClusters)
        {
            AssertCluster(expected);
        }

        Assert.Equal(ExpectedClusters.Length, Result.Pairs.Count);
        Assert.All(Result.Pairs, p => Assert.Equal(MatchKind.Rewrite, p.Kind));
    }

    [Theory]
    [InlineData("000", "The meeting was chaired by NATO Secretary-General", "001", "NATO Secretary-General Jens Stoltenberg said that Russian and NATO officials")]
    [InlineData("000", "Allies of NATO have called on Russia", "004", "“Our differences will not be easy to overcome,”")]
    [InlineData("000", "After the meeting at NATO headquarters in Brussels", "003", "Mr Peskov hoped for more clarity")]
    [InlineData("000", "After the meeting at NATO headquarters in Brussels", "004", "Wendy R. Sherman, the assistant secretary of state")]
    [InlineData("001", "NATO Secretary-General Jens Stoltenberg said that Russian", "004", "NATO Secretary General Jens Stoltenberg said significant points")]
    [InlineData("001", "Officials said that all 30 NATO members", "004", "NATO has 30 members")]
    [InlineData("000", "Allies of NATO have called on Russia", "002", "Moscow has amassed some 100,000 troops")]
    public void Sentences_that_only_share_names_or_a_topic_are_not_grouped(string documentA, string fromA, string documentB, string fromB)
    {
        var a = SpanOf(documentA, fromA, " ").Start;
        var b = SpanOf(documentB, fromB, " ").Start;
        Assert.DoesNotContain(Result.Clusters, c =>
            c.Members.Any(m => m.Document == documentA && m.Start == a) && c.Members.Any(m => m.Document == documentB && m.Start == b));
        Assert.DoesNotContain(Result.Pairs, p => p.A.Document == documentA && p.A.Start == a && p.B.Document == documentB && p.B.Start == b);
    }

    [Fact]
    public void Document_overlap_lists_the_three_document_pairs_that_share_rewrites()
    {
        Assert.Equal(["000-001", "000-004", "001-004"], Result.Overlap.Select(o => o.A + "-" + o.B));
        var rewrites = Result.Overlap.Single(o => o.A == "000" && o.B == "004");
        Assert.Equal(4, rewrites.SharedPassages);
        Assert.InRange(rewrites.AShare, 0.05, 0.3);
        Assert.InRange(rewrites.BShare, 0.05, 0.3);

        // 001 is dated 2022-01-13, 000 is undated: the dated one can only be the origin through shares.
        Assert.Contains(Result.Overlap, o => o.LikelyOrigin is not null);
    }

    [Fact]
    public void Shuffled_input_gives_the_same_result()
    {
        var expected = Describe(Result);
        var random = new SplitMix64(5);
        for (var round = 0; round < 3; round++)
        {
            var shuffled = Documents
                .Select(d => d with { Passages = d.Passages.OrderBy(_ => random.Next()).ToArray() })
                .OrderBy(_ => random.Next())
                .ToArray();
            Assert.Equal(expected, Describe(new NearDuplicateDetector(maxDegreeOfParallelism: 2).Detect(shuffled, DedupOptions.Default)));
        }
    }

    private static void AssertCluster((string Document, string From, string To)[] expected)
    {
        var spans = expected.Select(e => (e.Document, Span: SpanOf(e.Document, e.From, e.To))).ToArray();
        var cluster = ClusterContaining(spans[0].Document, spans[0].Span.Start);
        Assert.Equal(
            spans.Select(s => (s.Document, s.Span.Start, s.Span.End)),
            cluster.Members.Select(m => (m.Document, m.Start, m.End)));
        Assert.Equal(cluster.Members[0].Document, cluster.Representative.Document);
        Assert.True(cluster.Members[0].IsRepresentative);
        foreach (var member in cluster.Members)
        {
            var text = Documents.Single(d => d.Id == member.Document).OriginalText;
            Assert.Equal(text[member.Start..member.End], member.Text);
        }
    }

    internal static string Describe(DedupResult result) => string.Join('\n',
        result.Clusters.Select(c => $"C{c.Id} {c.Representative}: " + string.Join(" | ", c.Members.Select(m => $"{m.Document}#{m.Passage}[{m.Start},{m.End}) {m.Kind} {m.Jaccard:F4} {m.Containment:F4} {m.Fuzzy:F4} {string.Join("", m.Diff.Select(s => s.Kind + ":" + s.Text))}"))))
        + "\n" + string.Join('\n', result.Pairs.Select(p => $"{p.A} {p.B} {p.Kind} {p.Jaccard:F4} {p.Containment:F4} {p.Fuzzy:F4}"))
        + "\n" + string.Join('\n', result.Overlap.Select(o => $"{o}"))
        + "\n" + string.Join('\n', result.Boilerplate.Select(b => $"{b}"));
}
