using ClaimCompare.Core.Ingest;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Evaluation.Rewrites;

/// <summary>One labelled pair of <c>pairs.tsv</c> (see the README beside it).</summary>
/// <param name="Id">Row id.</param>
/// <param name="Split"><c>dev</c> or <c>heldout</c>.</param>
/// <param name="Label">1 when the pair is a rewrite (should link), 0 when not.</param>
/// <param name="Category">msrp-pos, msrp-neg, figure-changed, same-story, topic, hard-name, hard-negation, hard-direction, hard-figure.</param>
/// <param name="Msrp">The MSRP annotators' label for MSRP pairs (1 paraphrase, 0 not), else null.</param>
/// <param name="A">The first sentence.</param>
/// <param name="B">The second sentence.</param>
internal sealed record LabelledPair(int Id, string Split, int Label, string Category, int? Msrp, string A, string B);

/// <summary>Reads the labelled pairs and scores them the way <see cref="NearDuplicateDetector"/> and the service decide.</summary>
internal static class RewritePairs
{
    private static readonly TextPipeline Pipeline = new();

    public static string Folder => Path.Combine(LexiconBuilder.FindRepositoryRoot(), "tests", "ClaimCompare.Benchmarks", "Evaluation", "Rewrites");

    public static List<LabelledPair> Load(string? split)
    {
        var pairs = new List<LabelledPair>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "pairs.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            var pair = new LabelledPair(int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[1], f[2] == "1" ? 1 : 0, f[3],
                f[4] == "-" ? null : f[4] == "1" ? 1 : 0, f[6], f[8]);
            if (split is null || split == "all" || pair.Split == split)
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    /// <summary>
    /// How one pair fares, decided as the detector decides it for two one-sentence documents: its corpus statistics
    /// are the pair's own (names from capitals; nothing is common in a corpus of two passages).
    /// </summary>
    /// <param name="CopyKind">The copy kind when a copy rule holds (then the pair links whatever the threshold).</param>
    /// <param name="Candidate">Whether the pair passes the rewrite candidate rule (only candidates reach the model).</param>
    /// <param name="Probability">The model's probability (computed for every pair, candidate or not).</param>
    /// <param name="Features">The model's inputs.</param>
    public sealed record Scored(LabelledPair Pair, MatchKind? CopyKind, bool Candidate, double Probability, float[] Features)
    {
        /// <summary>Whether the pair links at <paramref name="threshold"/>.</summary>
        public bool Links(double threshold) => CopyKind is not null || (Candidate && Probability >= threshold);
    }

    public static List<Scored> Score(IReadOnlyList<LabelledPair> pairs, DedupOptions? options = null)
    {
        options ??= DedupOptions.Default;
        var shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        var contentShingler = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        var results = new Scored[pairs.Count];
        Parallel.For(0, pairs.Count, i =>
        {
            var pair = pairs[i];
            var a = Fingerprint(pair.A, shingler, contentShingler, out var ea);
            var b = Fingerprint(pair.B, shingler, contentShingler, out var eb);
            var words = new CorpusWordStatistics(options);
            words.Add(ea);
            words.Add(eb);
            a.InformativeWords = words.InformativeWords(a);
            b.InformativeWords = words.InformativeWords(b);
            var verifier = new PassageVerifier(options with { RewriteMinFuzzy = 0, RewriteMinSharedWords = 1, RewriteMinWordContainment = 0.0001 }, words.IsName, words.IsCommon);
            var strict = new PassageVerifier(options, words.IsName, words.IsCommon);
            var kind = strict.Verify(a, b, out var scores);
            MatchKind? copy = kind is MatchKind.Rewrite ? null : kind;

            // Candidate: the real verifier's rule with the threshold out of the way.
            var open = new PassageVerifier(options with { RewriteThreshold = 1e-9 }, words.IsName, words.IsCommon);
            var candidate = open.Verify(a, b, out _) is not null;
            var features = new float[RewriteFeatures.Count];
            var full = verifier.Score(a, b);
            RewriteFeatures.Compute(a.Reading, b.Reading, full.Fuzzy, full.Jaccard, full.PartialFuzzy, words.IsCommon, features);
            results[i] = new Scored(pair, copy, candidate, verifier.RewriteProbability(a, b), features);
        });

        return [.. results];
    }

    private static PassageFingerprint Fingerprint(string text, Shingler shingler, Shingler contentShingler, out PassageWordEvidence evidence)
    {
        var document = Pipeline.Process(new SourceDocument("x", text));
        var normalized = string.Join(' ', document.Passages.Select(p => p.Normalized));
        evidence = PassageWordEvidence.Create(normalized, PassageKind.Sentence, shingler, contentShingler, out var fingerprint);
        return fingerprint;
    }
}
