namespace ClaimCompare.Core.Text;

/// <summary>Turns spans of the normalised text into <see cref="Passage"/>s with spans in the original.</summary>
internal ref struct PassageBuilder
{
    private readonly string _original;
    private readonly ReadOnlySpan<char> _normalized;
    private readonly ReadOnlySpan<NormalizationEdit> _edits;
    private int _lastEnd;

    public PassageBuilder(string original, ReadOnlySpan<char> normalized, ReadOnlySpan<NormalizationEdit> edits)
    {
        _original = original;
        _normalized = normalized;
        _edits = edits;
        Passages = [];
    }

    public List<Passage> Passages { get; }

    /// <summary>Adds the passage at [start, end) of the normalised text.</summary>
    public void Add(int paragraph, PassageKind kind, int start, int end)
    {
        var originalStart = Math.Max(_lastEnd, OffsetMap.ToOriginalStart(_edits, start));
        var originalEnd = OffsetMap.ToOriginalEnd(_edits, end);
        if (originalEnd <= originalStart)
        {
            return;
        }

        var raw = _original.Substring(originalStart, originalEnd - originalStart);
        var normalizedSpan = _normalized[start..end];

        // Most passages of clean ASCII text are unchanged by normalisation: share the string instead of copying it.
        var normalized = normalizedSpan.SequenceEqual(raw) ? raw : new string(normalizedSpan);
        Passages.Add(new Passage(Passages.Count, paragraph, kind, originalStart, originalEnd, raw, normalized));
        _lastEnd = originalEnd;
    }
}
