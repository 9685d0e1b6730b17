namespace ClaimCompare.Core.Text;

/// <summary>
/// Receives a document's passages one at a time, in document order, as
/// <see cref="TextPipeline.Process(SourceDocument, PassageSink, CancellationToken)"/> finds them.
/// </summary>
/// <remarks>
/// The streaming form of <see cref="ProcessedDocument.Passages"/>: no <see cref="Passage"/> and no string is made for a
/// passage, so a caller that writes each passage out as it comes (the CLI's <c>split</c>) holds one passage at a time
/// rather than all of a huge document's passages. The passages, their order, indexes, paragraphs, kinds and spans are
/// exactly those of <see cref="TextPipeline.Process(SourceDocument)"/>.
/// </remarks>
public abstract class PassageSink
{
    /// <summary>Called once per document, before its first passage.</summary>
    /// <param name="document">The document being processed.</param>
    /// <param name="documentDate">The document's date: <see cref="SourceDocument.Date"/>, else its dateline's; null when
    /// unknown (as <see cref="ProcessedDocument.Date"/>).</param>
    public virtual void Begin(SourceDocument document, DateOnly? documentDate)
    {
    }

    /// <summary>Called for each passage, in document order.</summary>
    /// <param name="passage">The passage; its spans are valid only during the call.</param>
    public abstract void Add(in StreamedPassage passage);
}

/// <summary>One passage handed to a <see cref="PassageSink"/>: the fields of a <see cref="Passage"/>, with its texts as
/// spans into the document (valid only during <see cref="PassageSink.Add"/>).</summary>
public readonly ref struct StreamedPassage
{
    private readonly NormalizedSource? _source;

    internal StreamedPassage(int index, int paragraph, PassageKind kind, int start, int end, ReadOnlySpan<char> text, ReadOnlySpan<char> normalized,
        NormalizedSource? source = null)
    {
        _source = source;
        Index = index;
        Paragraph = paragraph;
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
        Normalized = normalized;
    }

    /// <summary>Position of the passage in document order, from 0 (<see cref="Passage.Index"/>).</summary>
    public int Index { get; }

    /// <summary>Index of the passage's paragraph, from 0 (<see cref="Passage.Paragraph"/>).</summary>
    public int Paragraph { get; }

    /// <summary>Sentence or heading (<see cref="Passage.Kind"/>).</summary>
    public PassageKind Kind { get; }

    /// <summary>Start in the original text, inclusive (<see cref="Passage.Start"/>).</summary>
    public int Start { get; }

    /// <summary>End in the original text, exclusive (<see cref="Passage.End"/>).</summary>
    public int End { get; }

    /// <summary>The raw passage, <c>original[Start..End]</c> (<see cref="Passage.Text"/>).</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>The passage after normalisation (<see cref="Passage.Normalized"/>) when <see cref="IsNormalizedWhole"/>;
    /// else empty (use <see cref="CopyNormalizedTo"/>).</summary>
    public ReadOnlySpan<char> Normalized { get; }

    /// <summary>Whether <see cref="Normalized"/> holds the whole normalised passage. Always true but for a passage longer
    /// than the window a huge document is read in (about a million characters), whose normalised text is not held whole.</summary>
    public bool IsNormalizedWhole => _source is null;

    /// <summary>Writes the normalised passage to <paramref name="destination"/> in pieces of at most 16 K characters, whether
    /// or not it is held whole (a passage longer than the window is normalised again for it, from a point shortly before).</summary>
    /// <param name="destination">Receives the text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public void CopyNormalizedTo(System.Buffers.IBufferWriter<char> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_source is not null)
        {
            _source.CopyTo(destination);
            return;
        }

        var text = Normalized;
        while (!text.IsEmpty)
        {
            var piece = text[..Math.Min(text.Length, 16 * 1024)];
            piece.CopyTo(destination.GetSpan(piece.Length));
            destination.Advance(piece.Length);
            text = text[piece.Length..];
        }
    }
}

/// <summary>What <see cref="TextPipeline.Process(SourceDocument, PassageSink, CancellationToken)"/> returns once the
/// passages have been handed to the sink: everything of a <see cref="ProcessedDocument"/> but the passages.</summary>
/// <param name="Id">The document id.</param>
/// <param name="PassageCount">How many passages the sink received.</param>
/// <param name="Removed">The removed spans in order of position, as <see cref="ProcessedDocument.Removed"/>.</param>
public sealed record StreamedDocument(string Id, int PassageCount, IReadOnlyList<RemovedSpan> Removed)
{
    /// <summary>Where the text came from, if known.</summary>
    public string? Path { get; init; }

    /// <summary>The document's date: the caller's, or the one its dateline states.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The outlet, when known.</summary>
    public string? Outlet { get; init; }

    /// <summary>The article's web address, when known.</summary>
    public string? Url { get; init; }
}
