namespace ClaimCompare.Core.Similarity;

/// <summary>Every threshold of near-duplicate detection, in one place.</summary>
/// <remarks>
/// <para>
/// Candidates come from two LSH indexes. The <em>copy</em> index bands signatures of word shingles
/// (<see cref="ShingleKind"/>, <see cref="ShingleSize"/>, digits masked) for <see cref="EffectiveCandidateThreshold"/>, below the
/// verification <see cref="Threshold"/>; it finds
/// verbatim copies, copies with a changed figure and lightly edited copies. The <em>rewrite</em> index bands
/// signatures of content-word sets (function words dropped, light stemming, words common in the corpus
/// dropped) for <see cref="RewriteCandidateThreshold"/>: a reworded sentence keeps its content words long after
/// its word 3-grams are gone (the fixtures' rewrites have 3-gram Jaccard 0.2 to 0.5).
/// </para>
/// <para>
/// Every candidate is then verified exactly, and the first rule that holds gives its kind: identical folded
/// text is <see cref="MatchKind.Verbatim"/>; shingle Jaccard ≥ <see cref="NearVerbatimJaccard"/> is
/// <see cref="MatchKind.NearVerbatim"/>; Jaccard ≥ <see cref="Threshold"/>, or containment ≥
/// <see cref="EditedContainment"/>, or at most <see cref="EditedMaxChangedWords"/> words changed in order, is <see cref="MatchKind.Edited"/>; at least
/// <see cref="RewriteMinSharedWords"/> shared informative words (content words that are neither names nor
/// common in the corpus), covering at least <see cref="RewriteMinWordContainment"/> of the smaller passage's, with a token-set ratio of at least
/// <see cref="RewriteMinFuzzy"/>, makes the pair a rewrite <em>candidate</em>. Names do not count here, so
/// two sentences that merely both say "NATO Secretary-General Jens Stoltenberg said" are not candidates. A candidate
/// is a <see cref="MatchKind.Rewrite"/> when the rewrite model (<see cref="PassageVerifier.RewriteProbability"/>:
/// aligned content words with synonyms and inflections from WordNet, names and figures that agree or differ,
/// negation, direction, word order) gives it a probability of at least <see cref="EffectiveRewriteThreshold"/>.
/// The probability is the pair's <see cref="PairScores.Confidence"/>.
/// </para>
/// <para>
/// Seed and extend: once a pair is verified, the passages just before both and just after both are checked with
/// a looser candidate rule (names count, <see cref="NeighbourMinSharedWords"/>, <see cref="NeighbourMinSharedNonNames"/>,
/// <see cref="NeighbourMinWordContainment"/>, the same fuzzy floor) and the same model with its log-odds raised by
/// <see cref="NeighbourLogOdds"/>, because a rewritten report keeps its sentence order: a sentence next to a
/// confirmed match is more likely a rewrite than one found on its own.
/// </para>
/// </remarks>
public sealed record DedupOptions
{
    /// <summary>The defaults.</summary>
    public static DedupOptions Default { get; } = new();

    /// <summary>Shingle Jaccard at and above which two passages are copies (kind edited or closer), in (0, 1); 0.5 by default. Also the target of the copy index.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>
    /// Shingle Jaccard targeted by the copy index, in (0, 1); when null (the default), 0.7 × <see cref="Threshold"/>
    /// (0.35 for the default threshold). It sits below the verification threshold so that pairs just above it are
    /// still found: with the default 12 bands of 2 rows, 97% of pairs at Jaccard 0.5 and 99.6% at 0.6.
    /// </summary>
    public double? CandidateThreshold { get; init; }

    /// <summary>The copy index's target: <see cref="CandidateThreshold"/>, or 0.7 × <see cref="Threshold"/>.</summary>
    public double EffectiveCandidateThreshold => CandidateThreshold ?? (0.7 * Threshold);

    /// <summary>The shingle kind of the copy index; word n-grams by default.</summary>
    public ShingleKind ShingleKind { get; init; } = ShingleKind.Word;

    /// <summary>The shingle size of the copy index, 1 to 16; 3 by default.</summary>
    public int ShingleSize { get; init; } = 3;

    /// <summary>Whether digit runs are masked in copy shingles, so copies that differ only in a figure group; true by default.</summary>
    public bool MaskDigits { get; init; } = true;

    /// <summary>MinHash permutations k, 1 to 1024; 128 by default.</summary>
    public int Permutations { get; init; } = SimilarityDefaults.Permutations;

    /// <summary>The MinHash permutation seed.</summary>
    public ulong Seed { get; init; } = SimilarityDefaults.Seed;

    /// <summary>The text normaliser version recorded in every signature scheme.</summary>
    public int NormalizerVersion { get; init; } = SimilarityDefaults.NormalizerVersion;

    /// <summary>Shingle Jaccard at and above which a copy is near-verbatim; 0.8 by default.</summary>
    public double NearVerbatimJaccard { get; init; } = 0.8;

    /// <summary>Shingle containment (shared / smaller set) at and above which a copy is edited (a trimmed or extended copy); 0.8 by default.</summary>
    public double EditedContainment { get; init; } = 0.8;

    /// <summary>The fewest shingles the smaller passage needs for the containment rule to apply; 4 by default.</summary>
    public int MinContainmentShingles { get; init; } = 4;

    /// <summary>
    /// The most words of the longer passage that may lie outside the longest common word subsequence of an edited copy
    /// (words replaced, inserted or dropped; digits compared as written), 0 to disable; 2 by default. Applies from
    /// <see cref="EditedWordsMinTokens"/> words on.
    /// </summary>
    /// <remarks>
    /// Word 3-grams undercount a short copy: each replaced word removes up to three shingles from both sides, so a
    /// 13-word sentence with two words replaced has Jaccard 0.375, below <see cref="Threshold"/>. Such a pair is a
    /// derived copy whatever the replaced words say (a negation inserted or dropped included, which the diff shows),
    /// and it must not be left to the rewrite model, which is built to turn down a rewrite that negates its source.
    /// A fixed budget of changed words, rather than a share, keeps two same-shaped sentences with several words
    /// changed (a daily market report, a paraphrase with a name swapped) apart.
    /// </remarks>
    public int EditedMaxChangedWords { get; init; } = 2;

    /// <summary>The fewest words the shorter passage needs for the <see cref="EditedMaxChangedWords"/> rule to apply; 10 by default.</summary>
    public int EditedWordsMinTokens { get; init; } = 10;

    /// <summary>Passages with fewer word tokens are ignored; 4 by default.</summary>
    public int MinTokens { get; init; } = 4;

    /// <summary>Whether reworded copies are looked for at all; true by default.</summary>
    public bool DetectRewrites { get; init; } = true;

    /// <summary>Content-word Jaccard targeted by the rewrite index, in (0, 1); 0.3 by default.</summary>
    public double RewriteCandidateThreshold { get; init; } = 0.3;

    /// <summary>
    /// The fewest rows per band of the rewrite index, 1 to <see cref="Permutations"/>; 3 by default. With two rows,
    /// sentences sharing two rare words already collide often, and the candidates grow with the square of the corpus.
    /// </summary>
    public int RewriteMinRows { get; init; } = 3;

    /// <summary>The fewest shared informative words (content words, names and common words excluded) for a rewrite; 4 by default.</summary>
    public int RewriteMinSharedWords { get; init; } = 4;

    /// <summary>The least share of the smaller passage's informative words that must be shared for a rewrite candidate; 0.3 by default.</summary>
    public double RewriteMinWordContainment { get; init; } = 0.3;

    /// <summary>The least FuzzySharp token-set ratio (0 to 100) of the folded texts for a rewrite candidate; 40 by default.</summary>
    public int RewriteMinFuzzy { get; init; } = 40;

    /// <summary>
    /// The rewrite probability (<see cref="PairScores.Confidence"/>) at and above which a candidate is a rewrite, in
    /// (0, 1); when null (the default), the threshold shipped with the model, chosen for a precision of at least 0.9 on
    /// the development pairs. Raise it for fewer, surer rewrites; lower it for more.
    /// </summary>
    public double? RewriteThreshold { get; init; }

    /// <summary>The rewrite threshold in force: <see cref="RewriteThreshold"/>, or the model's default.</summary>
    public double EffectiveRewriteThreshold => RewriteThreshold ?? RewriteModel.Instance.DefaultThreshold;

    /// <summary>
    /// Rules decided before the rewrite model (<see cref="RewriteFeatures.Contradicts"/>); evaluation and training can
    /// change them (<c>--vetoes MASK</c>). On by default: direction, antonyms, a shared predicate negated on one side,
    /// another name in a name's place, another actor with another figure, two names that trade places. Of the pairs that
    /// reach the model on the development part they reject 91 non-rewrites and 5 rewrites. Off: the name-swap rule and
    /// "each side names someone the other does not" alone (many paraphrases name a person differently).
    /// </summary>
    internal RewriteVetoes RewriteVetoes { get; init; } = RewriteVetoes.Direction | RewriteVetoes.Antonyms | RewriteVetoes.NegatedPredicate | RewriteVetoes.NameInRole | RewriteVetoes.OtherActorOtherFigure | RewriteVetoes.NamesExchanged;

    /// <summary>
    /// How much a verified neighbouring pair raises the log-odds of a rewrite (the prior of a sentence next to a
    /// confirmed match); 1.5 by default (odds × 4.5), 0 to judge neighbours like any other pair.
    /// </summary>
    public double NeighbourLogOdds { get; init; } = 1.5;

    /// <summary>
    /// Whether the neighbours of a verified pair (the passages just before both, and just after both) are checked
    /// with the looser neighbour rule, as rewrites keep the order of sentences; true by default.
    /// </summary>
    public bool ExtendToNeighbours { get; init; } = true;

    /// <summary>The fewest shared content words, names included, for a neighbour rewrite; 4 by default.</summary>
    public int NeighbourMinSharedWords { get; init; } = 4;

    /// <summary>The fewest shared informative words (neither names nor common) for a neighbour rewrite; 2 by default.</summary>
    public int NeighbourMinSharedNonNames { get; init; } = 2;

    /// <summary>The least share of the smaller passage's content words (names included) that must be shared for a neighbour rewrite; 0.45 by default.</summary>
    public double NeighbourMinWordContainment { get; init; } = 0.45;

    /// <summary>
    /// Content words in more than this share of all passages are common: they neither make rewrite candidates nor count
    /// as shared informative words (the neighbour rule still counts them); 0.02 by default, and the cut-off is kept between <see cref="CommonWordMinPassages"/>
    /// and <see cref="CommonWordMaxPassages"/> passages.
    /// </summary>
    public double CommonWordShare { get; init; } = 0.02;

    /// <summary>The floor of the common-word cut-off, in passages; 30 by default (in a small corpus on one story every topic word is "common").</summary>
    public int CommonWordMinPassages { get; init; } = 30;

    /// <summary>
    /// The ceiling of the common-word cut-off, in passages; 1,000 by default. A word shared by n passages can make up
    /// to n²/2 candidate pairs; capping n keeps the rewrite candidates growing linearly with the corpus.
    /// </summary>
    public int CommonWordMaxPassages { get; init; } = 1000;

    /// <summary>
    /// A word counts as a name when it is written with a capital, away from the start of a passage, in at least
    /// this share of such occurrences in the corpus; 0.6 by default.
    /// </summary>
    public double NameCapitalizedShare { get; init; } = 0.6;

    /// <summary>
    /// A passage that recurs (as a verified match) in at least this many documents of the same outlet is boilerplate,
    /// not syndication; 3 by default.
    /// </summary>
    public int BoilerplateMinDocuments { get; init; } = 3;

    /// <summary>
    /// The most bands of the copy index (8 bytes per band per passage); 12 by default. Copies of a sentence share
    /// many word 3-grams, so few bands of two rows already find 97% of pairs at Jaccard 0.5.
    /// </summary>
    public int CopyMaxBands { get; init; } = 12;

    /// <summary>
    /// The most bands of the rewrite index; 36 by default (36 bands of 3 rows). Together with <see cref="CopyMaxBands"/>
    /// the band tables take 48 × 8 = 384 bytes per passage (288 with the 24 bands before rewrite round 5, under a 300-byte
    /// budget): a pair of informative-word Jaccard 0.3 is paired 62% of the time instead of 48%, which on the rewrite
    /// evaluation's development pairs loses 5 true rewrites before the model instead of 9, for 7% more CPU in
    /// <c>dedup</c> on 2,500 articles (tests/ClaimCompare.Benchmarks/Evaluation/Rewrites/README.md, round 5).
    /// </summary>
    public int RewriteMaxBands { get; init; } = 36;

    /// <summary>Buckets with more passages than this link only their first passage to the others; 64 by default.</summary>
    public int MaxBucketSize { get; init; } = 64;

    /// <summary>Texts are cut to this many characters before FuzzySharp, whose Levenshtein allocates n × m; 300 by default.</summary>
    public int FuzzyMaxLength { get; init; } = 300;

    /// <summary>Whether each cluster member carries a word diff against its representative; true by default.</summary>
    public bool IncludeDiffs { get; init; } = true;

    /// <summary>Checks every value's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        CheckUnit(Threshold, nameof(Threshold));
        if (CandidateThreshold is { } candidate)
        {
            CheckOpenUnit(candidate, nameof(CandidateThreshold));
        }

        CheckOpenUnit(RewriteCandidateThreshold, nameof(RewriteCandidateThreshold));
        CheckUnit(NearVerbatimJaccard, nameof(NearVerbatimJaccard));
        CheckUnit(EditedContainment, nameof(EditedContainment));
        ArgumentOutOfRangeException.ThrowIfNegative(EditedMaxChangedWords, nameof(EditedMaxChangedWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(EditedWordsMinTokens, 1, nameof(EditedWordsMinTokens));
        CheckUnit(RewriteMinWordContainment, nameof(RewriteMinWordContainment));
        if (RewriteThreshold is { } rewriteThreshold)
        {
            CheckOpenUnit(rewriteThreshold, nameof(RewriteThreshold));
        }

        if (!(NeighbourLogOdds >= 0 && NeighbourLogOdds <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(NeighbourLogOdds), NeighbourLogOdds, "The value must be in [0, 10].");
        }
        CheckUnit(CommonWordShare, nameof(CommonWordShare));
        CheckUnit(NeighbourMinWordContainment, nameof(NeighbourMinWordContainment));
        ArgumentOutOfRangeException.ThrowIfLessThan(NeighbourMinSharedWords, 1, nameof(NeighbourMinSharedWords));
        ArgumentOutOfRangeException.ThrowIfNegative(NeighbourMinSharedNonNames, nameof(NeighbourMinSharedNonNames));
        CheckUnit(NameCapitalizedShare, nameof(NameCapitalizedShare));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShingleSize, 1, nameof(ShingleSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ShingleSize, ShingleOptions.MaxSize, nameof(ShingleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Permutations, 1, nameof(Permutations));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Permutations, 1024, nameof(Permutations));
        ArgumentOutOfRangeException.ThrowIfNegative(MinTokens, nameof(MinTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(RewriteMinSharedWords, 1, nameof(RewriteMinSharedWords));
        ArgumentOutOfRangeException.ThrowIfNegative(RewriteMinFuzzy, nameof(RewriteMinFuzzy));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RewriteMinFuzzy, 100, nameof(RewriteMinFuzzy));
        ArgumentOutOfRangeException.ThrowIfLessThan(BoilerplateMinDocuments, 2, nameof(BoilerplateMinDocuments));
        ArgumentOutOfRangeException.ThrowIfLessThan(CopyMaxBands, 1, nameof(CopyMaxBands));
        ArgumentOutOfRangeException.ThrowIfLessThan(RewriteMaxBands, 1, nameof(RewriteMaxBands));
        ArgumentOutOfRangeException.ThrowIfNegative(CommonWordMinPassages, nameof(CommonWordMinPassages));
        ArgumentOutOfRangeException.ThrowIfLessThan(CommonWordMaxPassages, CommonWordMinPassages, nameof(CommonWordMaxPassages));
        ArgumentOutOfRangeException.ThrowIfLessThan(RewriteMinRows, 1, nameof(RewriteMinRows));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RewriteMinRows, Permutations, nameof(RewriteMinRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBucketSize, 2, nameof(MaxBucketSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(FuzzyMaxLength, 16, nameof(FuzzyMaxLength));
    }

    /// <summary>The signature scheme of the copy index.</summary>
    public SignatureScheme CopyScheme => new()
    {
        Seed = Seed,
        Permutations = Permutations,
        NormalizerVersion = NormalizerVersion,
        Shingles = new ShingleOptions { Kind = ShingleKind, Size = ShingleSize, MaskDigits = MaskDigits },
    };

    /// <summary>The signature scheme of the rewrite index: content-word unigrams, digits kept.</summary>
    public SignatureScheme RewriteScheme => new()
    {
        Seed = Seed,
        Permutations = Permutations,
        NormalizerVersion = NormalizerVersion,
        Shingles = new ShingleOptions { Kind = ShingleKind.ContentWord, Size = 1, MaskDigits = false },
    };

    private static void CheckOpenUnit(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be in (0, 1).");
        }
    }

    private static void CheckUnit(double value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must be in (0, 1].");
        }
    }
}
