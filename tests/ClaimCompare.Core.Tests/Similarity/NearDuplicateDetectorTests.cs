using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Tests.Similarity.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Similarity;

public class NearDuplicateDetectorTests
{
    private const string Syndicated = "The regional water authority approved a plan on Tuesday to build three desalination plants along the northern coast by 2030.";
    private const string SignOff = "Sign up for our morning briefing to get the day's top stories in your inbox.";

    private static ProcessedDocument Doc(string id, string text, string? outlet = null, DateOnly? date = null) =>
        PipelineDocuments.Process(id, text, date, outlet);

    private static string Filler(int seed)
    {
        var random = new SplitMix64((ulong)seed);
        string[] words = ["harbour", "ferry", "council", "budget", "school", "museum", "rail", "bridge", "festival", "orchard", "clinic", "stadium", "library", "tram", "market", "vineyard"];
        var sentences = new List<string>();
        for (var s = 0; s < 3; s++)
        {
            var picked = Enumerable.Range(0, 9).Select(_ => words[random.NextInt(words.Length)] + random.NextInt(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            sentences.Add("Residents discussed " + string.Join(' ', picked) + ".");
        }

        return string.Join(' ', sentences);
    }

    [Fact]
    public void A_sign_off_repeated_by_one_outlet_is_boilerplate_not_syndication()
    {
        var documents = new[]
        {
            Doc("a1", Filler(1) + "\n\n" + SignOff, "Daily Courier"),
            Doc("a2", Filler(2) + "\n\n" + SignOff, "Daily Courier"),
            Doc("a3", Filler(3) + " " + Syndicated + "\n\n" + SignOff, "Daily Courier"),
            Doc("b1", Filler(4) + " " + Syndicated, "Evening Post"),
        };

        var result = new NearDuplicateDetector().Detect(documents);

        Assert.Equal(3, result.Boilerplate.Count);
        Assert.All(result.Boilerplate, b => Assert.Equal(SignOff, b.Text));
        Assert.All(result.Boilerplate, b => Assert.Equal("Daily Courier", b.Outlet));
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(["a3", "b1"], cluster.Members.Select(m => m.Document));
        Assert.All(cluster.Members, m => Assert.Equal(Syndicated, m.Text));
        Assert.Equal(MatchKind.Verbatim, cluster.Members[1].Kind);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(MatchKind.Verbatim, pair.Kind);
    }

    [Fact]
    public void The_same_line_in_documents_of_different_outlets_is_syndication()
    {
        var documents = new[]
        {
            Doc("a", Filler(1) + " " + SignOff, "One"),
            Doc("b", Filler(2) + " " + SignOff, "Two"),
            Doc("c", Filler(3) + " " + SignOff, "Three"),
        };

        var result = new NearDuplicateDetector().Detect(documents);
        Assert.Empty(result.Boilerplate);
        Assert.Equal(3, Assert.Single(result.Clusters).Members.Count);

        // Each copy is paired with the representative; the pair of the two copies is implied by the cluster.
        Assert.Equal(2, result.Pairs.Count);
        Assert.All(result.Pairs, p => Assert.Equal("a", p.A.Document));
    }

    [Fact]
    public void A_passage_printed_by_m_documents_is_one_cluster_with_m_members_and_m_minus_1_pairs()
    {
        const int m = 60;
        var edited = Syndicated.Replace("northern", "north", StringComparison.Ordinal);
        var documents = Enumerable.Range(0, m)
            .Select(i => Doc($"d{i:D3}", Filler(i) + " " + (i % 7 == 3 ? edited : Syndicated), "Outlet " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        var result = new NearDuplicateDetector().Detect(documents);

        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(m, cluster.Members.Count);
        Assert.Equal(m, cluster.Members.Select(x => x.Document).Distinct().Count());
        Assert.Equal("d000", cluster.Representative.Document);
        Assert.Equal(m - 1, result.Pairs.Count);
        Assert.All(result.Pairs, p => Assert.Equal("d000", p.A.Document));
        Assert.Equal(m - 1, result.Overlap.Count);
        Assert.All(result.Overlap, o => Assert.Equal("d000", o.A));

        // Identical copies share one diff; the edited ones show their edit.
        Assert.Contains(cluster.Members, x => x.Diff.Any(d => d.Kind == DiffKind.Inserted && d.Text.Contains("north", StringComparison.Ordinal)));
        var verbatim = cluster.Members.Where(x => !x.IsRepresentative && x.Kind == MatchKind.Verbatim).ToList();
        Assert.True(verbatim.Count > m / 2);
        Assert.All(verbatim, x => Assert.Same(verbatim[0].Diff, x.Diff));
    }

    [Fact]
    public void Every_cluster_member_has_the_verdict_and_scores_of_verifying_it_against_its_representative()
    {
        // The fixtures (rewrites across outlets) and reprints of them: with a word changed, with figures changed, verbatim.
        var fixtures = ClaimCompare.Core.Tests.Support.FixtureCorpus.RussiaNato2022;
        var documents = fixtures
            .Concat(fixtures.Select(d => Doc(d.Id + "-a", d.OriginalText.Replace("NATO", "the alliance", StringComparison.Ordinal), "a.example", new DateOnly(2022, 1, 20))))
            .Concat(fixtures.Select(d => Doc(d.Id + "-b", d.OriginalText.Replace('1', '7').Replace('0', '5'), "b.example", new DateOnly(2022, 1, 21))))
            .Concat(fixtures.Select(d => Doc(d.Id + "-c", d.OriginalText, "c.example", new DateOnly(2022, 1, 22))))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var result = new NearDuplicateDetector().Detect(documents);
        var engine = new NearDuplicateEngine();
        engine.InsertRange(documents);
        PassageFingerprint Fingerprint(ClusterMember m) => engine.State.FindPassage(m.Document, m.Passage)!.Fingerprint;

        var kinds = new HashSet<MatchKind>();
        foreach (var cluster in result.Clusters)
        {
            var representative = Fingerprint(cluster.Members[0]);
            foreach (var member in cluster.Members.Skip(1))
            {
                var kind = engine.Verifier.Verify(representative, Fingerprint(member), out var scores);
                var shown = kind is null || (kind != MatchKind.Verbatim && scores.Fuzzy == 0) ? engine.Verifier.Score(representative, Fingerprint(member)) : scores;
                Assert.Equal((shown.Jaccard, shown.Containment, shown.Fuzzy), (member.Jaccard, member.Containment, member.Fuzzy));
                if (kind is { } verified)
                {
                    Assert.Equal((verified, scores.Confidence), (member.Kind, member.Confidence));
                    kinds.Add(verified);
                }
            }
        }

        Assert.Superset(new HashSet<MatchKind> { MatchKind.Verbatim, MatchKind.NearVerbatim, MatchKind.Edited, MatchKind.Rewrite }, kinds);
    }

    [Fact]
    public void Copies_differing_in_a_figure_group_and_the_diff_shows_the_figure()
    {
        var changed = Syndicated.Replace("three", "four", StringComparison.Ordinal).Replace("2030", "2032", StringComparison.Ordinal);
        var documents = new[]
        {
            Doc("late", Filler(1) + " " + changed, date: new DateOnly(2024, 5, 2)),
            Doc("early", Filler(2) + " " + Syndicated, date: new DateOnly(2024, 5, 1)),
        };

        var result = new NearDuplicateDetector().Detect(documents);
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal("early", cluster.Representative.Document);
        var copy = cluster.Members[1];
        Assert.Equal("late", copy.Document);
        Assert.Equal(MatchKind.Edited, copy.Kind);
        Assert.Contains(copy.Diff, s => s.Kind == DiffKind.Deleted && s.Text.Contains("2030"));
        Assert.Contains(copy.Diff, s => s.Kind == DiffKind.Inserted && s.Text.Contains("2032"));

        var onlyFigure = Syndicated.Replace("2030", "2031", StringComparison.Ordinal);
        var figure = new NearDuplicateDetector().Detect([Doc("x", Filler(5) + " " + Syndicated), Doc("y", Filler(6) + " " + onlyFigure)]);
        var member = Assert.Single(figure.Clusters).Members[1];
        Assert.Equal(MatchKind.NearVerbatim, member.Kind);
        Assert.Equal(1.0, member.Jaccard);
    }

    [Fact]
    public void Overlap_measures_both_directions_and_names_the_likely_origin()
    {
        var original = string.Join(' ', Enumerable.Range(0, 6).Select(i => Filler(100 + i)));
        var half = string.Join(' ', Enumerable.Range(0, 3).Select(i => Filler(100 + i)));
        var result = new NearDuplicateDetector().Detect([Doc("copy", half + " " + Filler(50)), Doc("origin", original)]);
        var overlap = Assert.Single(result.Overlap);
        Assert.Equal("copy", overlap.A);
        Assert.Equal(9, overlap.SharedPassages);
        Assert.InRange(overlap.AShare, 0.7, 0.8);
        Assert.InRange(overlap.BShare, 0.45, 0.55);
        Assert.Equal("origin", overlap.LikelyOrigin);

        var dated = new NearDuplicateDetector().Detect([
            Doc("copy", half + " " + Filler(50), date: new DateOnly(2022, 1, 1)),
            Doc("origin", original, date: new DateOnly(2022, 1, 2)),
        ]);
        Assert.Equal("copy", Assert.Single(dated.Overlap).LikelyOrigin);
    }

    [Fact]
    public void Representatives_are_the_earliest_then_the_lowest_id_then_the_first_passage()
    {
        var documents = new[]
        {
            Doc("b", Filler(1) + " " + Syndicated),
            Doc("a", Filler(2) + " " + Syndicated),
            Doc("c", Filler(3) + " " + Syndicated, date: new DateOnly(2020, 1, 1)),
        };

        var cluster = Assert.Single(new NearDuplicateDetector().Detect(documents).Clusters);
        Assert.Equal(["c", "a", "b"], cluster.Members.Select(m => m.Document));
    }

    [Fact]
    public void Duplicate_document_ids_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new NearDuplicateDetector().Detect([Doc("a", "One sentence here."), Doc("a", "Another one there.")]));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateDetector().Detect([], DedupOptions.Default with { Threshold = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DedupOptions { ShingleSize = 0 }.Validate());
    }

    [Fact]
    public void Statistics_report_memory_per_kind()
    {
        var result = new NearDuplicateDetector().Detect([Doc("a", Filler(1) + " " + Syndicated), Doc("b", Filler(2) + " " + Syndicated)]);
        var s = result.Statistics;
        Assert.Equal(8, s.Passages);
        Assert.True(s.BandTableBytes <= (s.CopyBanding.Bands + s.RewriteBanding.Bands) * 8L * s.IndexedPassages + 64);
        Assert.Equal(2L * 128 * 4 * s.IndexedPassages, s.SignatureBytes);
        Assert.True(s.ShingleBytes > 0);
    }

    [Fact]
    public void The_rewrite_index_pairs_a_rewrite_that_24_bands_of_3_rows_missed()
    {
        // MSRP's paraphrase (rewrite evaluation, development pair 160): informative-word Jaccard about 0.3, where 24 bands
        // of 3 rows pair half the pairs and 36 bands about 62%. The verifier links it in both cases when it is a candidate.
        var documents = new[]
        {
            Doc("a", "As a result, Nelson now faces up to 10 years' jail instead of life."),
            Doc("b", "The verdict means Nelson faces up to 10 years in prison rather than a possible life sentence."),
        };

        var result = new NearDuplicateDetector().Detect(documents);
        Assert.Equal(new LshParameters(36, 3), result.Statistics.RewriteBanding);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(MatchKind.Rewrite, pair.Kind);

        var narrower = new NearDuplicateDetector().Detect(documents, DedupOptions.Default with { RewriteMaxBands = 24 });
        Assert.Equal(new LshParameters(24, 3), narrower.Statistics.RewriteBanding);
        Assert.Empty(narrower.Pairs);
    }

    [Theory]
    [InlineData(ShingleKind.Word, 2, 64)]
    [InlineData(ShingleKind.Character, 5, 128)]
    [InlineData(ShingleKind.Word, 4, 256)]
    public void Shingle_kind_size_and_k_are_options(ShingleKind kind, int size, int k)
    {
        var options = DedupOptions.Default with { ShingleKind = kind, ShingleSize = size, Permutations = k };
        var documents = new[]
        {
            Doc("a", Filler(1) + " " + Syndicated),
            Doc("b", Filler(2) + " " + Syndicated.Replace("Tuesday", "Wednesday", StringComparison.Ordinal)),
        };

        var result = new NearDuplicateDetector().Detect(documents, options);
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(["a", "b"], cluster.Members.Select(m => m.Document));
        Assert.Equal(kind, options.CopyScheme.Shingles.Kind);
        Assert.Equal(2L * k * 4 * result.Statistics.IndexedPassages, result.Statistics.SignatureBytes);
    }
}
