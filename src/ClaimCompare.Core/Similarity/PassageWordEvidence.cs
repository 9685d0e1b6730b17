using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// What one passage tells <see cref="CorpusWordStatistics"/>: its distinct content words, and which of its
/// content-word occurrences away from the passage start were written with a capital and which were not.
/// </summary>
/// <remarks>
/// Computed from the passage text alone, so it can be made outside any lock and in parallel; it is immutable.
/// A passage that is not a sentence gives no capitalisation evidence (headlines capitalise every word), so
/// <see cref="Capitalized"/> and <see cref="Lower"/> are empty for it.
/// </remarks>
public sealed class PassageWordEvidence
{
    private readonly ShingleSet _contentWords;
    private readonly ulong[] _capitalized;
    private readonly ulong[] _lower;

    private PassageWordEvidence(ShingleSet contentWords, ulong[] capitalized, ulong[] lower)
    {
        _contentWords = contentWords;
        _capitalized = capitalized;
        _lower = lower;
    }

    /// <summary>The distinct content-word hashes of the passage, sorted ascending (the fingerprint's <see cref="PassageFingerprint.ContentWords"/>).</summary>
    public ReadOnlySpan<ulong> ContentWords => _contentWords.Hashes;

    /// <summary>One hash per content-word occurrence written with a capital away from the passage start, in text order; empty unless a sentence.</summary>
    public ReadOnlySpan<ulong> Capitalized => _capitalized;

    /// <summary>One hash per content-word occurrence written in lower case away from the passage start, in text order; empty unless a sentence.</summary>
    public ReadOnlySpan<ulong> Lower => _lower;

    /// <summary>Fingerprints a passage and collects its word evidence in the same pass over its words.</summary>
    /// <param name="normalizedText">The passage after text normalisation (case preserved: the capitals are the evidence).</param>
    /// <param name="kind">The passage kind; only a <see cref="PassageKind.Sentence"/> gives capitalisation evidence.</param>
    /// <param name="shingler">The copy shingler (<see cref="DedupOptions.CopyScheme"/>).</param>
    /// <param name="contentShingler">A shingler of kind <see cref="ShingleKind.ContentWord"/>, size 1 (<see cref="DedupOptions.RewriteScheme"/>).</param>
    /// <param name="fingerprint">The passage's fingerprint, as <see cref="PassageFingerprint.Create"/> makes it.</param>
    /// <returns>The evidence; its <see cref="ContentWords"/> are those of <paramref name="fingerprint"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentShingler"/> is not a content-word unigram shingler.</exception>
    public static PassageWordEvidence Create(string normalizedText, PassageKind kind, Shingler shingler, Shingler contentShingler, out PassageFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(normalizedText);
        ArgumentNullException.ThrowIfNull(shingler);
        ArgumentNullException.ThrowIfNull(contentShingler);
        if (contentShingler.Options.Kind != ShingleKind.ContentWord || contentShingler.Options.Size != 1)
        {
            throw new ArgumentException("The content shingler must cut content-word unigrams.", nameof(contentShingler));
        }

        fingerprint = PassageFingerprint.CreateWithNameEvidence(normalizedText, shingler, contentShingler, kind == PassageKind.Sentence, out var capitalized, out var lower);
        return new PassageWordEvidence(fingerprint.ContentWords, capitalized, lower);
    }
}
