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
/// <param name="Group">The split's group key: the smaller MSRP sentence id of the pair (derived rows share their source
/// row's), or the BBC articles; pairs of one group go to one cross-validation fold.</param>
internal sealed record LabelledPair(int Id, string Split, int Label, string Category, int? Msrp, string A, string B, string Group = "");

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
                f[4] == "-" ? null : f[4] == "1" ? 1 : 0, f[6], f[8], GroupOf(f[5], f[7]));
            if (split is null || split == "all" || pair.Split == split)
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    /// <summary>The group key of a row from its two sources (<c>repo:path@commit#id</c>, maybe with a note after a space).</summary>
    private static string GroupOf(string sourceA, string sourceB)
    {
        static string Item(string source)
        {
            var end = source.IndexOf(' ', StringComparison.Ordinal);
            var core = end < 0 ? source : source[..end];
            var hash = core.LastIndexOf('#');
            return hash < 0 ? core : core[(hash + 1)..];
        }

        var (a, b) = (Item(sourceA), Item(sourceB));
        return string.CompareOrdinal(a, b) <= 0 ? a : b;
    }

    /// <summary>
    /// How one pair fares. The link decision is the one <c>claimcompare dedup</c> makes on two one-sentence files: the
    /// pair's two documents go through <see cref="TextPipeline"/> and <see cref="NearDuplicateDetector"/> with the
    /// given options, so the LSH candidate stage, the verifier's candidate rules and the corpus statistics are the
    /// CLI's (and the service's, which shares the options). The features are those of the pair's passages, for
    /// training, whether or not the candidate stage lets the pair reach the model.
    /// </summary>
    /// <param name="CopyKind">The copy kind when the detector links the pair as a copy (then it links whatever the threshold).</param>
    /// <param name="Candidate">
    /// Whether the pair reaches the rewrite model in the detector (the rewrite index finds it and the candidate rules
    /// pass): the detector, run with the threshold out of the way, links it as a rewrite.
    /// </param>
    /// <param name="Probability">The rewrite probability: the detector's confidence when the pair reaches the model, else the model's on the pair.</param>
    /// <param name="Features">The model's inputs.</param>
    public sealed record Scored(LabelledPair Pair, MatchKind? CopyKind, bool Candidate, double Probability, float[] Features)
    {
        /// <summary>Whether the pair links at <paramref name="threshold"/>.</summary>
        public bool Links(double threshold) => CopyKind is not null || (Candidate && Probability >= threshold);

        /// <summary>Whether the pair would reach the model if the candidate stage found every pair the rules pass.</summary>
        public bool RuleCandidate { get; init; }
    }

    /// <summary>The lowest threshold the detector accepts: every candidate that reaches the model links.</summary>
    private const double OpenThreshold = 1e-9;

    public static List<Scored> Score(IReadOnlyList<LabelledPair> pairs, DedupOptions? options = null)
    {
        options ??= DedupOptions.Default;
        var shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        var contentShingler = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        var open = options with { RewriteThreshold = OpenThreshold };
        var results = new Scored[pairs.Count];
        var disagreements = 0;
        Parallel.For(0, pairs.Count, i =>
        {
            var pair = pairs[i];
            var documents = new[] { Pipeline.Process(new SourceDocument("a", pair.A + "\n")), Pipeline.Process(new SourceDocument("b", pair.B + "\n")) };
            var detector = new NearDuplicateDetector(1);
            var (kind, _) = Decide(detector.Detect(documents, options));
            var (openKind, confidence) = Decide(detector.Detect(documents, open));
            MatchKind? copy = openKind is MatchKind.Rewrite or null ? null : openKind;

            // The model's inputs on the pair's whole texts, with the pair's own corpus statistics.
            var a = Fingerprint(pair.A, shingler, contentShingler, out var ea);
            var b = Fingerprint(pair.B, shingler, contentShingler, out var eb);
            var words = new CorpusWordStatistics(options);
            words.Add(ea);
            words.Add(eb);
            a.InformativeWords = words.InformativeWords(a);
            b.InformativeWords = words.InformativeWords(b);
            var verifier = new PassageVerifier(options, words.IsName, words.IsCommon);
            var ruleCandidate = new PassageVerifier(open, words.IsName, words.IsCommon).Verify(a, b, out _) is not null;
            var features = new float[RewriteFeatures.Count];
            var full = verifier.Score(a, b);
            RewriteFeatures.Compute(a.Reading, b.Reading, full.Fuzzy, full.Jaccard, full.PartialFuzzy, words.IsCommon, features);
            var candidate = copy is null && openKind is MatchKind.Rewrite;
            var probability = candidate ? confidence : verifier.RewriteProbability(a, b);
            var scored = new Scored(pair, copy, candidate, probability, features) { RuleCandidate = ruleCandidate || candidate };
            if (scored.Links(options.EffectiveRewriteThreshold) != (kind is not null))
            {
                Interlocked.Increment(ref disagreements);
            }

            results[i] = scored;
        });

        if (disagreements > 0)
        {
            // The curve's decision (copy, or candidate with p >= t) must be the detector's own at the default.
            throw new InvalidOperationException($"{disagreements} pairs: the detector's decision at the threshold differs from its confidence");
        }

        return [.. results];
    }

    /// <summary>The strongest link between the two documents (a copy over a rewrite) and the best rewrite confidence.</summary>
    private static (MatchKind? Kind, double Confidence) Decide(DedupResult result)
    {
        MatchKind? kind = null;
        var confidence = 0.0;
        foreach (var pair in result.Pairs)
        {
            if (pair.Kind == MatchKind.Rewrite)
            {
                confidence = Math.Max(confidence, pair.Confidence);
                kind ??= MatchKind.Rewrite;
            }
            else if (kind is null or MatchKind.Rewrite || pair.Kind < kind)
            {
                kind = pair.Kind;
            }
        }

        return (kind, confidence);
    }

    private static PassageFingerprint Fingerprint(string text, Shingler shingler, Shingler contentShingler, out PassageWordEvidence evidence)
    {
        var document = Pipeline.Process(new SourceDocument("x", text));
        var normalized = string.Join(' ', document.Passages.Select(p => p.Normalized));
        evidence = PassageWordEvidence.Create(normalized, PassageKind.Sentence, shingler, contentShingler, out var fingerprint);
        return fingerprint;
    }
}
