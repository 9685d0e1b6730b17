namespace ClaimCompare.Core.Text;

/// <summary>Normalised text together with the map back to the text it came from.</summary>
/// <remarks>Created by <see cref="TextNormalizer.Normalize(string)"/>. Immutable and thread-safe.
/// The map is sparse: it holds one entry per place where normalisation changed the length, not one per character.</remarks>
public sealed class NormalizedText
{
    private readonly NormalizationEdit[] _edits;

    internal NormalizedText(string original, string text, NormalizationEdit[] edits)
    {
        Original = original;
        Text = text;
        _edits = edits;
    }

    /// <summary>The text before normalisation.</summary>
    public string Original { get; }

    /// <summary>The normalised text.</summary>
    public string Text { get; }

    /// <summary>Number of length-changing edits in the offset map (0 when only one-for-one substitutions were made).</summary>
    public int EditCount => _edits.Length;

    /// <summary>Maps an offset in <see cref="Text"/> to the corresponding offset in <see cref="Original"/>.</summary>
    /// <param name="normalizedOffset">An offset in [0, <c>Text.Length</c>]; use it for the start of a span.</param>
    /// <returns>An offset in [0, <c>Original.Length</c>]. Offsets inside an expansion (… became ...) map to its start.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalizedOffset"/> is outside [0, <c>Text.Length</c>].</exception>
    public int ToOriginalOffset(int normalizedOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(normalizedOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(normalizedOffset, Text.Length);
        return OffsetMap.ToOriginalStart(_edits, normalizedOffset);
    }

    /// <summary>Maps the exclusive end of a span in <see cref="Text"/> to the exclusive end in <see cref="Original"/>.</summary>
    /// <param name="normalizedEnd">An offset in [0, <c>Text.Length</c>].</param>
    /// <returns>An offset in [0, <c>Original.Length</c>] just after the original characters that produced the span's last character.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalizedEnd"/> is outside [0, <c>Text.Length</c>].</exception>
    public int ToOriginalEnd(int normalizedEnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(normalizedEnd);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(normalizedEnd, Text.Length);
        return OffsetMap.ToOriginalEnd(_edits, normalizedEnd);
    }

    /// <summary>Maps the span [<paramref name="start"/>, <paramref name="end"/>) of <see cref="Text"/> to the original.</summary>
    /// <param name="start">Start in [0, <paramref name="end"/>].</param>
    /// <param name="end">End in [<paramref name="start"/>, <c>Text.Length</c>].</param>
    /// <returns>The original span; <c>Original[result]</c> is the raw text the normalised span came from.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The span is not within <see cref="Text"/>.</exception>
    public Range ToOriginalRange(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        var originalStart = ToOriginalOffset(start);
        var originalEnd = start == end ? originalStart : ToOriginalEnd(end);
        return new Range(originalStart, Math.Max(originalStart, originalEnd));
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
