using System.Buffers;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>What the verifier needs of one passage: its folded text, its shingles and its content words.</summary>
public sealed class PassageFingerprint
{
    private RewriteSentence? _reading;

    private PassageFingerprint(string normalizedText, string foldedText, int tokenCount, ShingleSet shingles, ShingleSet contentWords)
    {
        NormalizedText = normalizedText;
        FoldedText = foldedText;
        TokenCount = tokenCount;
        Shingles = shingles;
        ContentWords = contentWords;
    }

    /// <summary>The passage's normalised text (case kept), as it was fingerprinted.</summary>
    internal string NormalizedText { get; }

    /// <summary>
    /// The passage read for the rewrite decision (<see cref="RewriteSentence"/>), computed on first use: most passages
    /// never take part in one.
    /// </summary>
    internal RewriteSentence Reading
    {
        get
        {
            var reading = Volatile.Read(ref _reading);
            if (reading is null)
            {
                reading = RewriteSentence.Read(NormalizedText);
                reading = Interlocked.CompareExchange(ref _reading, reading, null) ?? reading;
            }

            return reading;
        }
    }

    /// <summary>The passage's tokens, case-folded and joined by single spaces (digits kept).</summary>
    public string FoldedText { get; }

    /// <summary>The number of word tokens.</summary>
    public int TokenCount { get; }

    /// <summary>The copy shingles (as configured, digits usually masked).</summary>
    public ShingleSet Shingles { get; }

    /// <summary>The distinct content-word hashes (function words dropped, light stemming, digits kept).</summary>
    public ShingleSet ContentWords { get; }

    /// <summary>Fingerprints a normalised passage.</summary>
    /// <param name="normalizedText">The passage after text normalisation.</param>
    /// <param name="shingler">The copy shingler.</param>
    /// <param name="contentShingler">A shingler of kind <see cref="ShingleKind.ContentWord"/>, size 1.</param>
    /// <exception cref="ArgumentException"><paramref name="contentShingler"/> is not a content-word unigram shingler.</exception>
    public static PassageFingerprint Create(string normalizedText, Shingler shingler, Shingler contentShingler)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        ArgumentNullException.ThrowIfNull(shingler);
        ArgumentNullException.ThrowIfNull(contentShingler);
        if (contentShingler.Options.Kind != ShingleKind.ContentWord || contentShingler.Options.Size != 1)
        {
            throw new ArgumentException("The content shingler must cut content-word unigrams.", nameof(contentShingler));
        }

        var (folded, tokens) = Fold(normalizedText);
        return new PassageFingerprint(normalizedText, folded, tokens, shingler.Shingle(normalizedText), contentShingler.Shingle(normalizedText));
    }

    /// <summary>
    /// The content words that count towards a rewrite (neither names nor corpus-common), sorted, when the detector
    /// has computed them; the verifier then merges these instead of asking its predicates word by word.
    /// </summary>
    internal ulong[]? InformativeWords { get; set; }

    /// <summary>
    /// Fingerprints a passage and, in the same pass over its content words, lists which of them were written with
    /// a capital (<paramref name="capitalized"/>) or without (<paramref name="lower"/>) away from the passage start;
    /// both are empty when <paramref name="nameEvidence"/> is false.
    /// </summary>
    /// <remarks>Callers go through <see cref="PassageWordEvidence.Create"/>, which checks the shinglers.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static PassageFingerprint CreateWithNameEvidence(string normalizedText, Shingler shingler, Shingler contentShingler, bool nameEvidence, out ulong[] capitalized, out ulong[] lower)
    {
        // The text is cut into tokens once, for its folded text, its content words and its copy shingles.
        var tokens = ArrayPool<WordToken>.Shared.Rent(WordTokenizer.MaxTokens(normalizedText.Length));
        var hashes = ArrayPool<ulong>.Shared.Rent(normalizedText.Length + 1);
        var flags = ArrayPool<byte>.Shared.Rent(normalizedText.Length + 1);
        try
        {
            var words = tokens.AsSpan(0, WordTokenizer.Tokenize(normalizedText, tokens));
            var folded = Fold(normalizedText, words);
            var n = Shingler.ContentTerms(normalizedText, words, contentShingler.Options.MaskDigits, hashes, flags);
            int caps = 0, lows = 0;
            for (var i = 0; i < n && nameEvidence; i++)
            {
                caps += flags[i] == 2 ? 1 : 0;
                lows += flags[i] == 1 ? 1 : 0;
            }

            capitalized = caps == 0 ? [] : new ulong[caps];
            lower = lows == 0 ? [] : new ulong[lows];
            caps = 0;
            lows = 0;
            for (var i = 0; i < n && nameEvidence; i++)
            {
                if (flags[i] == 2)
                {
                    capitalized[caps++] = hashes[i];
                }
                else if (flags[i] == 1)
                {
                    lower[lows++] = hashes[i];
                }
            }

            var span = hashes.AsSpan(0, n);
            span.Sort();
            var distinct = Shingler.Deduplicate(span);
            var content = new ShingleSet(contentShingler.Options, contentShingler.NormalizerVersion, span[..distinct].ToArray());
            return new PassageFingerprint(normalizedText, folded, words.Length, shingler.Shingle(normalizedText, words), content);
        }
        finally
        {
            ArrayPool<WordToken>.Shared.Return(tokens);
            ArrayPool<ulong>.Shared.Return(hashes);
            ArrayPool<byte>.Shared.Return(flags);
        }
    }

    /// <summary>Bytes held by the shingle sets and informative words, for memory accounting.</summary>
    public long ShingleBytes => Shingles.HashBytes + ContentWords.HashBytes + ((InformativeWords?.Length ?? 0) * sizeof(ulong));

    private static (string Folded, int Tokens) Fold(string text)
    {
        var tokens = ArrayPool<WordToken>.Shared.Rent(WordTokenizer.MaxTokens(text.Length));
        try
        {
            var count = WordTokenizer.Tokenize(text, tokens);
            return (Fold(text, tokens.AsSpan(0, count)), count);
        }
        finally
        {
            ArrayPool<WordToken>.Shared.Return(tokens);
        }
    }

    private static string Fold(string text, ReadOnlySpan<WordToken> tokens)
    {
        var bounds = ArrayPool<int>.Shared.Rent(tokens.Length * 2);
        var folded = ArrayPool<char>.Shared.Rent(text.Length + tokens.Length + 1);
        try
        {
            var length = Shingler.Fold(text, tokens, contentOnly: false, maskDigits: false, folded, bounds, out _);
            return new string(folded, 0, length);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(bounds);
            ArrayPool<char>.Shared.Return(folded);
        }
    }
}
