namespace ClaimCompare.Core.Text;

/// <summary>Turns spans of the normalised text into <see cref="Passage"/>s with spans in the original, or hands them
/// to a <see cref="PassageSink"/> without making any.</summary>
internal ref struct PassageBuilder
{
    private readonly string _original;
    private readonly ReadOnlySpan<char> _normalized;
    private readonly ReadOnlySpan<NormalizationEdit> _edits;
    private readonly PassageSink? _sink;
    private int _lastEnd;

    public PassageBuilder(string original, ReadOnlySpan<char> normalized, ReadOnlySpan<NormalizationEdit> edits, PassageSink? sink = null)
    {
        _original = original;
        _normalized = normalized;
        _edits = edits;
        _sink = sink;
        Passages = sink is null ? [] : null;
    }

    /// <summary>The passages made so far; null when they go to a sink.</summary>
    public List<Passage>? Passages { get; }

    /// <summary>How many passages were made or handed to the sink.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the passage at [start, end) of the normalised text.</summary>
    public void Add(int paragraph, PassageKind kind, int start, int end)
    {
        var originalStart = Math.Max(_lastEnd, OffsetMap.ToOriginalStart(_edits, start));
        var originalEnd = OffsetMap.ToOriginalEnd(_edits, end);
        if (originalEnd <= originalStart)
        {
            return;
        }

        var normalizedSpan = _normalized[start..end];
        if (_sink is not null)
        {
            _sink.Add(new StreamedPassage(Count, paragraph, kind, originalStart, originalEnd,
                _original.AsSpan(originalStart, originalEnd - originalStart), normalizedSpan));
        }
        else
        {
            var raw = _original.Substring(originalStart, originalEnd - originalStart);

            // Most passages of clean ASCII text are unchanged by normalisation: share the string instead of copying it.
            var normalized = normalizedSpan.SequenceEqual(raw) ? raw : new string(normalizedSpan);
            Passages!.Add(new Passage(Count, paragraph, kind, originalStart, originalEnd, raw, normalized));
        }

        Count++;
        _lastEnd = originalEnd;
    }
}
