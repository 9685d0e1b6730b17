using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ClaimCompare.Core.Ingest;

/// <summary>Extracts the main content of a news web page: headline, byline, date, site, canonical URL and the article's
/// text without navigation, ads, related links, share buttons, comments, cookie banners, scripts or styles.</summary>
/// <remarks>
/// <para>The page is parsed by AngleSharp (an HTML5 parser, as browsers parse: broken and truncated mark-up gives the
/// same tree a browser would build; entities are decoded). With <see cref="HtmlExtractionMethod.Rules"/> (the default)
/// the page furniture is removed first: elements that are never article text (<c>nav</c>, <c>aside</c>, <c>footer</c>,
/// <c>form</c>s that hold little text, <c>script</c>, <c>style</c>, ...), ARIA roles of navigation, banners and
/// dialogs, hidden elements, and elements whose class or id names a kind of furniture as a word (<c>share</c>,
/// <c>related</c>, <c>cookie</c>, <c>comments</c>, <c>newsletter</c>, <c>ad</c>, ...) unless they hold the headline or
/// the main content. The content is then the deepest element that holds most of the page's text outside links
/// (descending while one child holds at least <see cref="DescentShare"/> of it), together with siblings that continue
/// it (an article body split around ads into several blocks of the same class). Paragraphs that are mostly link text
/// and interface labels ("Advertisement", "Share this article") are left out. When the page's JSON-LD carries an
/// <c>articleBody</c> much longer than what the mark-up shows (a page rendered by script), that text is used.</para>
/// <para>Every walk over the tree is iterative, so a page nested 100,000 elements deep costs time in proportion to its
/// size and never exhausts the stack. No I/O: the caller supplies the page.</para>
/// <para>Measured against SmartReader (Readability) on the project's evaluation pages (see the benchmarks'
/// <c>html-extraction</c> command), the rules are the default because they keep more of the article's sentences and
/// fewer of the page's.</para>
/// </remarks>
public sealed class HtmlArticleExtractor
{
    /// <summary>The share of the current element's unlinked text a child must hold for the content search to descend into it.</summary>
    public const double DescentShare = 0.6;

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true });

    /// <summary>Creates an extractor with <see cref="HtmlExtractionOptions.Default"/>.</summary>
    public HtmlArticleExtractor()
        : this(HtmlExtractionOptions.Default)
    {
    }

    /// <summary>Creates an extractor.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public HtmlArticleExtractor(HtmlExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The settings.</summary>
    public HtmlExtractionOptions Options { get; }

    /// <summary>Extracts the article of a page given as bytes, decoding them as <see cref="HtmlDecoder"/> describes.</summary>
    /// <param name="page">The page's bytes.</param>
    /// <param name="transportCharset">The charset of an HTTP <c>Content-Type</c> header, if there was one.</param>
    /// <param name="baseUrl">Where the page was fetched from, to resolve a relative canonical URL; may be null.</param>
    /// <returns>The article, or the problem: empty, binary, or no article content.</returns>
    public HtmlExtraction Extract(ReadOnlySpan<byte> page, string? transportCharset = null, string? baseUrl = null)
    {
        var decoded = HtmlDecoder.Decode(page, transportCharset);
        switch (decoded.Problem)
        {
            case DecodeProblem.Empty:
                return new HtmlExtraction(null, "the page is empty");
            case DecodeProblem.Binary:
                return new HtmlExtraction(null, "looks like a binary file, not an HTML page");
        }

        var result = Extract(decoded.Text!, baseUrl);
        return result.Article is null
            ? result
            : result with { Article = result.Article with { Encoding = decoded.Encoding, InvalidUtf8Offset = decoded.InvalidUtf8Offset } };
    }

    /// <summary>Extracts the article of a page given as text.</summary>
    /// <param name="html">The page's mark-up, decoded.</param>
    /// <param name="baseUrl">Where the page was fetched from, to resolve a relative canonical URL; may be null.</param>
    /// <returns>The article, or why the page has none. <see cref="ArticleBlock.SourceOffset"/> indexes <paramref name="html"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is null.</exception>
    public HtmlExtraction Extract(string html, string? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (string.IsNullOrWhiteSpace(html))
        {
            return new HtmlExtraction(null, "the page is empty");
        }

        var depth = NestingDepth(html);
        if (depth > Options.MaxNestingDepth)
        {
            return new HtmlExtraction(null, $"elements nested {depth:N0} deep (over {Options.MaxNestingDepth:N0}): not an article page");
        }

        using var document = Parser.ParseDocument(html);
        var metadata = PageMetadata.Read(document, baseUrl);
        var blocks = Options.Method == HtmlExtractionMethod.Readability
            ? ReadabilityBlocks(html, baseUrl, ref metadata)
            : RuleBlocks(document, metadata);

        return Assemble(blocks, metadata, fragment: false);
    }

    /// <summary>Turns an HTML fragment (a feed item's content) into text: every paragraph, with scripts, styles and
    /// page furniture removed, but no search for a main content block.</summary>
    /// <param name="html">The fragment.</param>
    /// <returns>The text as an article without metadata, or the problem when the fragment holds no text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is null.</exception>
    public HtmlExtraction ExtractFragment(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        var body = document.Body;
        if (body is null)
        {
            return new HtmlExtraction(null, "the content is empty");
        }

        var cleaner = PageCleaner.Clean(document);
        var blocks = BlockWriter.Write([body], skipHeadline: null, sourceOffsetShift: -"<!doctype html><html><body>".Length, cleaner.Skipped);
        return Assemble(blocks, PageMetadata.Empty, fragment: true);
    }

    private static List<TextBlock> RuleBlocks(IHtmlDocument document, PageMetadata metadata)
    {
        var cleaner = PageCleaner.Clean(document);
        var roots = ContentLocator.Locate(document, cleaner);
        return roots.Count == 0 ? [] : BlockWriter.Write(roots, metadata.Title, sourceOffsetShift: 0, cleaner.Skipped);
    }

    private static List<TextBlock> ReadabilityBlocks(string html, string? baseUrl, ref PageMetadata metadata)
    {
        var uri = Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) ? parsed.ToString() : "https://localhost/";
        SmartReader.Article article;
        using (var reader = new SmartReader.Reader(uri, html))
        {
            article = reader.GetArticle();
        }

        if (!article.IsReadable || string.IsNullOrWhiteSpace(article.Content))
        {
            return [];
        }

        metadata = metadata with
        {
            Title = Prefer(article.Title, metadata.Title),
            Byline = Prefer(article.Byline ?? article.Author, metadata.Byline),
            SiteName = Prefer(article.SiteName, metadata.SiteName),
            Published = metadata.Published ?? (article.PublicationDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null),
        };
        using var content = Parser.ParseDocument("<!doctype html><html><body>" + article.Content + "</body></html>");
        // Readability's output carries no offsets into the original page.
        var blocks = BlockWriter.Write([content.Body!], metadata.Title, sourceOffsetShift: int.MinValue);
        return blocks;
    }

    private static string? Prefer(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? second : first.Trim();

    private HtmlExtraction Assemble(List<TextBlock> blocks, PageMetadata metadata, bool fragment)
    {
        var bodyLength = 0;
        foreach (var block in blocks)
        {
            bodyLength += block.Text.Length;
        }

        if (!fragment && metadata.ArticleBody is { } articleBody && articleBody.Length > 2 * Math.Max(bodyLength, 1) && articleBody.Length >= Options.MinArticleCharacters)
        {
            // The mark-up shows less than half of what the page's own JSON-LD says the article is (a page rendered by script).
            blocks = BlockWriter.FromPlainText(articleBody);
            bodyLength = articleBody.Length;
        }

        if (bodyLength == 0 || (!fragment && bodyLength < Options.MinArticleCharacters))
        {
            var what = fragment ? "the content holds no text" : bodyLength == 0
                ? "no article content: the page's text is all navigation, links or page furniture"
                : $"no article content: only {bodyLength} characters of text outside navigation, links and page furniture (at least {Options.MinArticleCharacters} expected)";
            return new HtmlExtraction(null, what);
        }

        var text = new System.Text.StringBuilder(bodyLength + (blocks.Count * 2) + 256);
        var result = new List<ArticleBlock>(blocks.Count + 1);
        if (!fragment && Options.IncludeTitle && !string.IsNullOrWhiteSpace(metadata.Title)
            && (blocks.Count == 0 || !TextEquals(blocks[0].Text, metadata.Title)))
        {
            text.Append(metadata.Title);
            result.Add(new ArticleBlock(0, text.Length, "title", -1));
        }

        foreach (var block in blocks)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            var start = text.Length;
            text.Append(block.Text);
            result.Add(new ArticleBlock(start, text.Length, block.Element, block.SourceOffset));
        }

        return new HtmlExtraction(new ExtractedArticle(text.ToString())
        {
            Title = metadata.Title,
            Byline = metadata.Byline,
            Published = metadata.Published,
            SiteName = metadata.SiteName,
            CanonicalUrl = metadata.CanonicalUrl,
            Language = metadata.Language,
            Blocks = result,
        }, null);
    }

    /// <summary>The deepest nesting of container start tags (elements whose end tag is never implied, such as
    /// <c>div</c> and <c>span</c>), counted without parsing; self-closing tags do not open.</summary>
    internal static int NestingDepth(string html)
    {
        var depth = 0;
        var max = 0;
        var at = 0;
        while ((at = html.IndexOf('<', at)) >= 0 && at + 1 < html.Length)
        {
            at++;
            var closing = html[at] == '/';
            var nameStart = closing ? at + 1 : at;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !NestingTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(html.AsSpan(nameStart, nameEnd - nameStart)))
            {
                continue;
            }

            if (closing)
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            var close = html.IndexOf('>', nameEnd);
            if (close > 0 && html[close - 1] == '/')
            {
                continue;
            }

            max = Math.Max(max, ++depth);
        }

        return max;
    }

    private static readonly HashSet<string> NestingTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "main", "aside", "span", "blockquote", "table", "ul", "ol", "dl", "form", "fieldset", "nav",
        "header", "footer", "figure", "center",
    };

    internal static bool TextEquals(string a, string b) =>
        string.Equals(BlockWriter.Collapse(a), BlockWriter.Collapse(b), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A paragraph of extracted text before assembly.</summary>
internal readonly record struct TextBlock(string Text, string Element, int SourceOffset);
