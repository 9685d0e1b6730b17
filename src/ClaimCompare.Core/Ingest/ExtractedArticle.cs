namespace ClaimCompare.Core.Ingest;

/// <summary>One paragraph of extracted text and the element of the page it came from.</summary>
/// <param name="Start">Start of the paragraph in <see cref="ExtractedArticle.Text"/> (inclusive, UTF-16 code units).</param>
/// <param name="End">End of the paragraph in <see cref="ExtractedArticle.Text"/> (exclusive).</param>
/// <param name="Element">The element's tag name (<c>p</c>, <c>h2</c>, <c>li</c>, ...; <c>title</c> for the headline
/// taken from the page's metadata).</param>
/// <param name="SourceOffset">Offset of the element's start tag in the decoded page, or -1 when not known (a headline
/// from metadata, text from JSON-LD).</param>
public sealed record ArticleBlock(int Start, int End, string Element, int SourceOffset);

/// <summary>The main content of a web page or feed item: its text and what the page says about it.</summary>
/// <param name="Text">The article's text: the headline, then one paragraph per block, separated by blank lines.
/// Entities are decoded and white space is collapsed as a browser renders it; this is the document text that every
/// span indexes.</param>
public sealed record ExtractedArticle(string Text)
{
    /// <summary>The headline.</summary>
    public string? Title { get; init; }

    /// <summary>Who wrote it, as the page states it ("By Jane Doe and John Roe").</summary>
    public string? Byline { get; init; }

    /// <summary>When it was published, as the page's metadata or <c>&lt;time&gt;</c> element states it.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>The site's name (<c>og:site_name</c>, the JSON-LD publisher).</summary>
    public string? SiteName { get; init; }

    /// <summary>The canonical URL (<c>&lt;link rel="canonical"&gt;</c>, <c>og:url</c>, JSON-LD), absolute.</summary>
    public string? CanonicalUrl { get; init; }

    /// <summary>The page's language (<c>&lt;html lang&gt;</c>), if it states one.</summary>
    public string? Language { get; init; }

    /// <summary>The paragraphs of <see cref="Text"/> in order, each with the element it came from.</summary>
    public IReadOnlyList<ArticleBlock> Blocks { get; init; } = [];

    /// <summary>The encoding the page was read with (<c>utf-8</c>, <c>windows-1252</c>, ...), when it was read from bytes.</summary>
    public string? Encoding { get; init; }

    /// <summary>When the page was not valid in its declared encoding and was read as Windows-1252: the first invalid byte.</summary>
    public long? InvalidUtf8Offset { get; init; }
}

/// <summary>How main content is found in a page.</summary>
public enum HtmlExtractionMethod
{
    /// <summary>ClaimCompare's rules on AngleSharp: page furniture removed by element, role and class, the content
    /// block chosen by where the unlinked paragraph text is, JSON-LD <c>articleBody</c> as a fallback.</summary>
    Rules,

    /// <summary>SmartReader, a port of Mozilla's Readability (the Firefox reader view), on AngleSharp.</summary>
    Readability,
}

/// <summary>Settings of <see cref="HtmlArticleExtractor"/>.</summary>
public sealed record HtmlExtractionOptions
{
    /// <summary>The defaults: <see cref="HtmlExtractionMethod.Rules"/>, at least 120 characters of article text.</summary>
    public static HtmlExtractionOptions Default { get; } = new();

    /// <summary>Which extractor runs.</summary>
    public HtmlExtractionMethod Method { get; init; } = HtmlExtractionMethod.Rules;

    /// <summary>Below this many characters of body text (headline excluded) a page has no article content.</summary>
    public int MinArticleCharacters { get; init; } = 120;

    /// <summary>Pages that nest container elements deeper than this are refused before parsing (real pages nest
    /// fewer than 100 deep; the HTML parser's cost grows with depth times size, as in browsers, which cap the depth at 512).</summary>
    public int MaxNestingDepth { get; init; } = 1024;

    /// <summary>Whether the headline is the first paragraph of <see cref="ExtractedArticle.Text"/>.</summary>
    public bool IncludeTitle { get; init; } = true;
}

/// <summary>The outcome of an extraction: an article, or why the page has none.</summary>
/// <param name="Article">The article, or <see langword="null"/> when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why no article could be extracted ("no article content: ..."), for an error message.</param>
public sealed record HtmlExtraction(ExtractedArticle? Article, string? Problem)
{
    /// <summary>True when <see cref="Article"/> is set.</summary>
    public bool Succeeded => Article is not null;
}
