using System.Buffers;
using System.Runtime.CompilerServices;
using FuzzySharp;
using FuzzySharp.PreProcess;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// Verifies candidate pairs exactly and gives each a <see cref="MatchKind"/> by the rules of <see cref="DedupOptions"/>.
/// </summary>
/// <remarks>
/// Jaccard and containment are merges of the stored sorted shingle hashes. The fuzzy scores are FuzzySharp's,
/// on the folded texts cut to <see cref="DedupOptions.FuzzyMaxLength"/> characters, without its preprocessing
/// (<see cref="PreprocessMode.None"/>: its default deletes every non-ASCII letter). The token-set ratio, which
/// every copy's report needs, is <see cref="IndelRatio.TokenSet"/>: FuzzySharp's integer, computed without its
/// regular expressions, LINQ and n × m matrix. The partial ratio, which only the rewrite decision reads, is
/// FuzzySharp's own. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class PassageVerifier
{
    private readonly DedupOptions _options;
    private readonly Func<ulong, bool> _isName;
    private readonly Func<ulong, bool> _isCommon;
    private readonly double _threshold;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">The thresholds.</param>
    /// <param name="isName">Tells whether a content-word hash is a name; none are when null.</param>
    /// <param name="isCommon">Tells whether a content-word hash is common in the corpus; none are when null.</param>
    /// <remarks>
    /// Only informative words, content words that are neither names nor common, count towards a rewrite: two
    /// sentences about the same people that share only the story's everyday vocabulary are not copies.
    /// </remarks>
    public PassageVerifier(DedupOptions options, Func<ulong, bool>? isName = null, Func<ulong, bool>? isCommon = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _isName = isName ?? (static _ => false);
        _isCommon = isCommon ?? (static _ => false);
        _threshold = options.EffectiveRewriteThreshold;
    }

    /// <summary>
    /// Loads the rewrite model and the lexicon it reads sentences with, which otherwise load at the first rewrite
    /// decision. A caller with a spare core (the CLI while it reads its input) can call this in the background.
    /// </summary>
    /// <remarks>Thread-safe and idempotent: both load once per process.</remarks>
    public static void LoadRewriteModel()
    {
        _ = RewriteModel.Instance;
        _ = WordNetLexicon.Instance;
    }

    /// <summary>The rewrite probability at and above which a pair is a rewrite (<see cref="DedupOptions.EffectiveRewriteThreshold"/>).</summary>
    public double RewriteThreshold => _threshold;

    /// <summary>Computes every score of a pair, whatever its kind.</summary>
    /// <exception cref="SchemeMismatchException">The fingerprints were shingled differently.</exception>
    public PairScores Score(PassageFingerprint a, PassageFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (shared, containment) = ContentOverlap(a, b);
        var (fuzzy, partial) = FuzzyScores(a, b);
        return new PairScores(ShingleSet.Jaccard(a.Shingles, b.Shingles), ShingleSet.Containment(a.Shingles, b.Shingles), fuzzy, partial, shared, containment);
    }

    /// <summary>Verifies a pair.</summary>
    /// <param name="a">One passage.</param>
    /// <param name="b">The other.</param>
    /// <param name="scores">Every score of the pair (fuzzy scores are 0 when a cheaper rule already rejected it; the
    /// partial ratio is computed only for a pair that reaches the rewrite decision, and is 0 for other copies).</param>
    /// <returns>The kind, or null when the pair is not a match.</returns>
    /// <exception cref="SchemeMismatchException">The fingerprints were shingled differently.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MatchKind? Verify(PassageFingerprint a, PassageFingerprint b, out PairScores scores)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var jaccard = ShingleSet.Jaccard(a.Shingles, b.Shingles);
        var containment = ShingleSet.Containment(a.Shingles, b.Shingles);
        var (shared, contentContainment) = ContentOverlap(a, b);
        scores = new PairScores(jaccard, containment, 0, 0, shared, contentContainment);

        MatchKind? kind = null;
        if (string.Equals(a.FoldedText, b.FoldedText, StringComparison.Ordinal) && a.FoldedText.Length > 0)
        {
            kind = MatchKind.Verbatim;
        }
        else if (jaccard >= _options.NearVerbatimJaccard)
        {
            kind = MatchKind.NearVerbatim;
        }
        else if (jaccard >= _options.Threshold
            || (containment >= _options.EditedContainment && Math.Min(a.Shingles.Count, b.Shingles.Count) >= _options.MinContainmentShingles)
            || IsWordOrderCopy(a, b))
        {
            kind = MatchKind.Edited;
        }
        else if (!_options.DetectRewrites
            || shared < _options.RewriteMinSharedWords
            || contentContainment < _options.RewriteMinWordContainment)
        {
            return null;
        }

        if (kind is not null)
        {
            // A copy needs no partial ratio (only the rewrite model reads it): the token-set ratio is enough for the
            // report, and skipping the partial ratio halves the verifier's cost on wire copy.
            var tokenSet = kind == MatchKind.Verbatim ? 1.0 : TokenSetScore(a, b);
            scores = scores with { Fuzzy = tokenSet, PartialFuzzy = kind == MatchKind.Verbatim ? 1.0 : 0, Confidence = 1 };
            return kind;
        }

        var (fuzzy, partial) = FuzzyScores(a, b);
        scores = scores with { Fuzzy = fuzzy, PartialFuzzy = partial, Confidence = 1 };
        if (fuzzy * 100 < _options.RewriteMinFuzzy)
        {
            return null;
        }

        var probability = ModelProbability(a, b, fuzzy, jaccard, partial, 0);
        scores = scores with { Confidence = probability };
        return probability < _threshold ? null : MatchKind.Rewrite;
    }

    /// <summary>
    /// The calibrated probability that two passages are rewrites of one another (<see cref="RewriteModel"/> over
    /// <see cref="RewriteFeatures"/>), whatever the cheaper rules say.
    /// </summary>
    /// <param name="a">One passage.</param>
    /// <param name="b">The other.</param>
    /// <returns>A probability in (0, 1).</returns>
    /// <exception cref="SchemeMismatchException">The fingerprints were shingled differently.</exception>
    public double RewriteProbability(PassageFingerprint a, PassageFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (fuzzy, partial) = FuzzyScores(a, b);
        return ModelProbability(a, b, fuzzy, ShingleSet.Jaccard(a.Shingles, b.Shingles), partial, 0);
    }

    /// <summary>
    /// The model's probability, its log-odds shifted by <paramref name="logOdds"/> (the neighbour prior); <see
    /// cref="RewriteFeatures.VetoedProbability"/> when a veto rule in force applies.
    /// </summary>
    private double ModelProbability(PassageFingerprint a, PassageFingerprint b, double fuzzy, double jaccard, double partial, double logOdds)
    {
        Span<float> features = stackalloc float[RewriteFeatures.Count];
        RewriteFeatures.Compute(a.Reading, b.Reading, fuzzy, jaccard, partial, _isCommon, features);

        // The vetoes decide before the model, which was trained on the pairs they leave; no neighbour prior lifts them.
        if (RewriteFeatures.Contradicts(features, _options.RewriteVetoes))
        {
            return RewriteFeatures.VetoedProbability;
        }

        var model = RewriteModel.Instance;
        var probability = model.Calibrate(model.Score(features));

        if (logOdds != 0)
        {
            var odds = Math.Log(probability / (1 - probability)) + logOdds;
            probability = 1 / (1 + Math.Exp(-odds));
        }

        return probability;
    }

    /// <summary>
    /// Verifies the neighbours of a verified pair: first by the ordinary rules, then by the looser neighbour rule
    /// (see <see cref="DedupOptions.ExtendToNeighbours"/>), which gives <see cref="MatchKind.Rewrite"/>.
    /// </summary>
    /// <returns>The kind, or null when the pair is not a match.</returns>
    /// <exception cref="SchemeMismatchException">The fingerprints were shingled differently.</exception>
    public MatchKind? VerifyNeighbour(PassageFingerprint a, PassageFingerprint b, out PairScores scores)
    {
        var kind = Verify(a, b, out scores);
        if (kind is not null || !_options.DetectRewrites)
        {
            return kind;
        }

        if (scores.SharedContentWords < _options.NeighbourMinSharedNonNames)
        {
            return null;
        }

        var x = a.ContentWords.Hashes;
        var y = b.ContentWords.Hashes;
        var shared = ShingleSet.IntersectionCount(x, y);
        var smaller = Math.Min(x.Length, y.Length);
        if (shared < _options.NeighbourMinSharedWords || smaller == 0 || (double)shared / smaller < _options.NeighbourMinWordContainment)
        {
            return null;
        }

        var (fuzzy, partial) = FuzzyScores(a, b);
        scores = scores with { Fuzzy = fuzzy, PartialFuzzy = partial };
        if (fuzzy * 100 < _options.RewriteMinFuzzy)
        {
            return null;
        }

        var probability = ModelProbability(a, b, fuzzy, scores.Jaccard, partial, _options.NeighbourLogOdds);
        scores = scores with { Confidence = probability };
        return probability >= _threshold ? MatchKind.Rewrite : null;
    }

    /// <summary>
    /// The scores a copy is shown with: Jaccard, containment and the token-set ratio (as <see cref="Score"/> computes
    /// them); the partial ratio and the informative-word overlap, which only the rewrite decision reads, are 0.
    /// </summary>
    internal PairScores CopyScores(PassageFingerprint a, PassageFingerprint b) =>
        new(ShingleSet.Jaccard(a.Shingles, b.Shingles), ShingleSet.Containment(a.Shingles, b.Shingles), TokenSetScore(a, b), 0, 0, 0);

    private (int Shared, double Containment) ContentOverlap(PassageFingerprint a, PassageFingerprint b)
    {
        ShingleSet.EnsureSameScheme(a.ContentWords, b.ContentWords);
        if (a.InformativeWords is { } infoA && b.InformativeWords is { } infoB)
        {
            var common = ShingleSet.IntersectionCount(infoA, infoB);
            var min = Math.Min(infoA.Length, infoB.Length);
            return (common, min == 0 ? 0 : (double)common / min);
        }

        var x = a.ContentWords.Hashes;
        var y = b.ContentWords.Hashes;
        int i = 0, j = 0, shared = 0, onlyA = 0, onlyB = 0;
        while (i < x.Length || j < y.Length)
        {
            if (j == y.Length || (i < x.Length && x[i] < y[j]))
            {
                onlyA += Informative(x[i++]) ? 1 : 0;
            }
            else if (i == x.Length || y[j] < x[i])
            {
                onlyB += Informative(y[j++]) ? 1 : 0;
            }
            else
            {
                shared += Informative(x[i]) ? 1 : 0;
                i++;
                j++;
            }
        }

        var smaller = Math.Min(shared + onlyA, shared + onlyB);
        return (shared, smaller == 0 ? 0 : (double)shared / smaller);
    }

    /// <summary>
    /// Whether the two passages keep the same words in the same order with at most <see cref="DedupOptions.EditedMaxChangedWords"/>
    /// replaced, inserted or dropped: a copy by its words, whatever its 3-gram Jaccard. Symmetric, like every copy rule.
    /// </summary>
    private bool IsWordOrderCopy(PassageFingerprint a, PassageFingerprint b)
    {
        var shorter = Math.Min(a.TokenCount, b.TokenCount);
        var longer = Math.Max(a.TokenCount, b.TokenCount);

        // At least longer - shorter words are outside the common subsequence: most pairs stop here without a word compared.
        if (_options.EditedMaxChangedWords == 0 || shorter < _options.EditedWordsMinTokens || longer - shorter > _options.EditedMaxChangedWords)
        {
            return false;
        }

        var x = Cut(a.FoldedText, _options.FuzzyMaxLength);
        var y = Cut(b.FoldedText, _options.FuzzyMaxLength);
        var (lcs, n, m) = CommonWords(x, y);
        return n > 0 && m > 0 && Math.Max(n, m) - lcs <= _options.EditedMaxChangedWords;
    }

    /// <summary>
    /// The length of the longest common subsequence of two folded texts' word sequences (words are separated by single
    /// spaces, compared as written), and the two word counts.
    /// </summary>
    internal static (int Common, int WordsX, int WordsY) CommonWords(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        if (x.IsEmpty || y.IsEmpty)
        {
            return (0, x.IsEmpty ? 0 : x.Count(' ') + 1, y.IsEmpty ? 0 : y.Count(' ') + 1);
        }

        const int StackWords = 128;
        var countX = x.Count(' ') + 1;
        var countY = y.Count(' ') + 1;
        Range[]? rentedX = null, rentedY = null;
        int[]? rentedRow = null;
        var wordsX = countX <= StackWords ? stackalloc Range[StackWords] : (rentedX = ArrayPool<Range>.Shared.Rent(countX));
        var wordsY = countY <= StackWords ? stackalloc Range[StackWords] : (rentedY = ArrayPool<Range>.Shared.Rent(countY));
        try
        {
            countX = x.Split(wordsX, ' ');
            countY = y.Split(wordsY, ' ');
            var n = countX;
            var m = countY;

            // Common leading and trailing words need no table.
            var start = 0;
            while (start < n && start < m && x[wordsX[start]].SequenceEqual(y[wordsY[start]]))
            {
                start++;
            }

            var end = 0;
            while (end < n - start && end < m - start && x[wordsX[n - 1 - end]].SequenceEqual(y[wordsY[m - 1 - end]]))
            {
                end++;
            }

            var innerX = wordsX[start..(n - end)];
            var innerY = wordsY[start..(m - end)];
            var lcs = start + end;
            if (!innerX.IsEmpty && !innerY.IsEmpty)
            {
                // One row of the LCS table over the inner words of y.
                var row = innerY.Length + 1 <= 256 ? stackalloc int[innerY.Length + 1] : (rentedRow = ArrayPool<int>.Shared.Rent(innerY.Length + 1)).AsSpan(0, innerY.Length + 1);
                row.Clear();
                foreach (var wx in innerX)
                {
                    var diagonal = 0;
                    for (var j = 1; j < row.Length; j++)
                    {
                        var above = row[j];
                        row[j] = x[wx].SequenceEqual(y[innerY[j - 1]]) ? diagonal + 1 : Math.Max(above, row[j - 1]);
                        diagonal = above;
                    }
                }

                lcs += row[^1];
            }

            return (lcs, n, m);
        }
        finally
        {
            if (rentedX is not null)
            {
                ArrayPool<Range>.Shared.Return(rentedX);
            }

            if (rentedY is not null)
            {
                ArrayPool<Range>.Shared.Return(rentedY);
            }

            if (rentedRow is not null)
            {
                ArrayPool<int>.Shared.Return(rentedRow);
            }
        }
    }

    private bool Informative(ulong word) => !_isName(word) && !_isCommon(word);

    private double TokenSetScore(PassageFingerprint a, PassageFingerprint b)
    {
        var x = Cut(a.FoldedText, _options.FuzzyMaxLength);
        var y = Cut(b.FoldedText, _options.FuzzyMaxLength);
        return x.Length == 0 || y.Length == 0 ? 0 : IndelRatio.TokenSet(x, y) / 100.0;
    }

    private (double TokenSet, double Partial) FuzzyScores(PassageFingerprint a, PassageFingerprint b)
    {
        var x = Cut(a.FoldedText, _options.FuzzyMaxLength);
        var y = Cut(b.FoldedText, _options.FuzzyMaxLength);
        if (x.Length == 0 || y.Length == 0)
        {
            return (0, 0);
        }

        return (IndelRatio.TokenSet(x, y) / 100.0, Fuzz.PartialRatio(x.ToString(), y.ToString(), PreprocessMode.None) / 100.0);
    }

    private static ReadOnlySpan<char> Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        // Cut at a word boundary so no half word skews the ratio.
        var cut = text.LastIndexOf(' ', max);
        return text.AsSpan(0, cut > 0 ? cut : max);
    }
}
