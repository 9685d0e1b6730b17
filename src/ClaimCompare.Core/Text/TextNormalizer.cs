namespace ClaimCompare.Core.Text;

/// <summary>Normalises text for comparison, keeping a map back to the original.</summary>
/// <remarks>
/// <para>The steps, in one pass: Unicode NFKC (skipped for ASCII and already-normalised runs);
/// curly quotes, apostrophes, primes and guillemets (‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ « » ‹ ›) to <c>'</c> and
/// <c>"</c>; every dash and minus variant (‐ ‑ ‒ – — ― − …) to <c>-</c>; the ellipsis … to
/// <c>...</c>; zero-width characters, bidi marks and the soft hyphen removed; every run of
/// whitespace, control characters and non-breaking spaces collapsed to one space, and removed at
/// both ends. Case is preserved; <see cref="ToComparisonKey"/> folds it.</para>
/// <para>ASCII <c>--</c> is left as it is: it is often an em dash, but also an option marker or a
/// range, and rewriting ASCII would cost the fast path.</para>
/// </remarks>
public static class TextNormalizer
{
    /// <summary>
    /// Version of the normalisation rules. Anything stored from normalised text (MinHash signature
    /// schemes, comparison keys) records it, so that text normalised by different rules is never compared.
    /// </summary>
    public const int NormalizerVersion = 1;

    /// <summary>Normalises <paramref name="text"/> and keeps a map from the result back to it.</summary>
    /// <param name="text">Any string, including empty, ill-formed UTF-16 (lone surrogates become U+FFFD) and control characters.</param>
    /// <returns>The normalised text with its offset map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var core = new NormalizerCore(text, keepLineBreaks: false, recordEdits: true);
        try
        {
            core.Run();
            return new NormalizedText(text, core.Output.ToString(), core.Edits.ToArray());
        }
        finally
        {
            core.Dispose();
        }
    }

    /// <summary>Normalises <paramref name="text"/> without keeping an offset map.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The normalised text, case preserved.</returns>
    public static string NormalizeToString(ReadOnlySpan<char> text)
    {
        var core = new NormalizerCore(text, keepLineBreaks: false, recordEdits: false);
        try
        {
            core.Run();
            return core.Output.ToString();
        }
        finally
        {
            core.Dispose();
        }
    }

    /// <summary>
    /// The case-folded comparison key of <paramref name="text"/>: the normalised text, lower-cased with
    /// <see cref="string.ToLowerInvariant()"/>.
    /// </summary>
    /// <param name="text">Any text, normalised or not.</param>
    /// <returns>The key; equal keys mean the texts differ at most in case, quote and dash style, spacing and Unicode form.</returns>
    /// <remarks>Invariant lower-casing rather than full case folding: it is culture-free and stable, and the
    /// few characters where the two differ (ß, ﬁ already gone through NFKC) do not occur in comparable news text.</remarks>
    public static string ToComparisonKey(ReadOnlySpan<char> text)
    {
        var core = new NormalizerCore(text, keepLineBreaks: false, recordEdits: false);
        try
        {
            core.Run();
            var normalized = core.Output;
            var lower = new PooledBuffer<char>(normalized.Length);
            try
            {
                var written = normalized.ToLowerInvariant(lower.AppendSpan(normalized.Length));
                return new string(lower.AsSpan()[..written]);
            }
            finally
            {
                lower.Dispose();
            }
        }
        finally
        {
            core.Dispose();
        }
    }
}
