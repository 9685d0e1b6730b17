namespace ClaimCompare.Core.Text;

/// <summary>A raw input article, as read from a file or received by the service.</summary>
/// <param name="Id">Stable document id (for the fixtures: the three-digit file prefix).</param>
/// <param name="Text">The article's text exactly as read; every span reported by the pipeline indexes into it.</param>
public sealed record SourceDocument(string Id, string Text)
{
    /// <summary>Where the text came from (file path or URL), if known.</summary>
    public string? Path { get; init; }

    /// <summary>Publication date, when the caller knows it; a dateline in the text fills it otherwise.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The outlet that published the text, when known.</summary>
    public string? Outlet { get; init; }

    /// <summary>BCP 47 language tag, when known (the fixtures are <c>en</c>).</summary>
    public string? Language { get; init; }

    /// <summary>The article's web address (a manifest's <c>url</c>, a page's canonical URL, a feed item's link, a
    /// JSON line's <c>url</c>), when known.</summary>
    public string? Url { get; init; }

    /// <summary>The article's headline as its page, feed item or JSON line gives it, when known.</summary>
    public string? Title { get; init; }
}

/// <summary>What a passage is.</summary>
public enum PassageKind
{
    /// <summary>A sentence of running text.</summary>
    Sentence,

    /// <summary>A short line without closing punctuation: a headline or subheading.</summary>
    Heading,
}

/// <summary>One sentence or heading of a document.</summary>
/// <param name="Index">Position of the passage in document order, from 0.</param>
/// <param name="Paragraph">Index of the paragraph the passage belongs to, from 0.</param>
/// <param name="Kind">Sentence or heading.</param>
/// <param name="Start">Start of the passage in the ORIGINAL text (inclusive, UTF-16 code units).</param>
/// <param name="End">End of the passage in the ORIGINAL text (exclusive).</param>
/// <param name="Text">The raw passage: exactly <c>original.Substring(Start, End - Start)</c>.</param>
/// <param name="Normalized">The passage after normalisation (NFKC, straight quotes, unified dashes,
/// collapsed whitespace, inline markup stripped when <see cref="TextPipelineOptions.StripInlineMarkup"/> is on); case
/// preserved.</param>
public sealed record Passage(int Index, int Paragraph, PassageKind Kind, int Start, int End, string Text, string Normalized)
{
    /// <summary>Length of the passage in the original text.</summary>
    public int Length => End - Start;

    /// <summary>
    /// The case-folded comparison key: <see cref="Normalized"/> lower-cased with the invariant culture, equal to
    /// <see cref="TextNormalizer.ToComparisonKey"/> of <see cref="Text"/> when the passage holds no inline markup.
    /// </summary>
    /// <remarks>Computed on every access (not stored, so that the pipeline does not allocate a third copy of
    /// every passage, and so that record equality and <c>with</c> stay simple): keep the result if you need it twice.</remarks>
    public string Key => Normalized.ToLowerInvariant();
}

/// <summary>A span of the original text that the pipeline removed as boilerplate, and why.</summary>
/// <param name="Start">Start in the original text (inclusive).</param>
/// <param name="End">End in the original text (exclusive).</param>
/// <param name="Reason">A stable machine-readable reason, for example <c>teaser</c> or <c>byline</c>.</param>
/// <param name="Text">The removed raw text.</param>
public sealed record RemovedSpan(int Start, int End, string Reason, string Text);

/// <summary>A document after the text pipeline: passages with exact spans, and what was removed.</summary>
public sealed record ProcessedDocument(
    string Id,
    string OriginalText,
    IReadOnlyList<Passage> Passages,
    IReadOnlyList<RemovedSpan> Removed)
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
