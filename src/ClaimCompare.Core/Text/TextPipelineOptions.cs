namespace ClaimCompare.Core.Text;

/// <summary>Settings of a <see cref="TextPipeline"/>. Immutable.</summary>
public sealed class TextPipelineOptions
{
    /// <summary>The defaults: boilerplate removed, headings up to 160 characters.</summary>
    public static TextPipelineOptions Default { get; } = new();

    /// <summary>Whether boilerplate rules run (default true). When false every line is kept as passages.</summary>
    public bool RemoveBoilerplate { get; init; } = true;

    /// <summary>
    /// The longest line, in normalised characters, that can be a heading when it has no closing punctuation
    /// (default 160, at least 1).
    /// </summary>
    public int MaxHeadingLength { get; init; } = 160;

    /// <summary>
    /// Whether a little inline markup in otherwise plain text is stripped (default true): known HTML tags go (line
    /// and block tags become line breaks), character references become their characters, and every passage still
    /// maps to the original text. A whole HTML page is the input layer's business (<c>Ingest.MarkupDetector</c>).
    /// </summary>
    public bool StripInlineMarkup { get; init; } = true;

    /// <summary>How many body paragraphs from the top are searched for a dateline (default 4).</summary>
    public int DatelineSearchDepth { get; init; } = 4;
}
