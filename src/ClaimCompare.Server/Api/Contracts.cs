using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Api;

/// <summary>Body of <c>POST /api/documents</c>.</summary>
/// <param name="Source">The outlet (required with <c>text</c>; with <c>html</c> the page's site name or the URL's host stands in).</param>
/// <param name="Url">The article's URL.</param>
/// <param name="Published">Publication time (ISO 8601).</param>
/// <param name="Title">Headline.</param>
/// <param name="Text">The article's plain text (this or <c>html</c> is required; a page sent here is extracted as <c>html</c> is).</param>
/// <param name="Story">Optional client story key: documents with the same key form one story.</param>
public sealed record IngestRequest(string? Source, string? Url, DateTimeOffset? Published, string? Title, string? Text, string? Story)
{
    /// <summary>The article's web page, instead of <c>text</c>: its main content is extracted and becomes the
    /// document's text, and the page is stored so that a reviewer can see where each sentence came from.</summary>
    public string? Html { get; init; }
}

/// <summary>One paragraph of a document's text and the element of the original page it came from.</summary>
/// <param name="Start">Start of the paragraph in the document text.</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Element">The element's tag (<c>p</c>, <c>h2</c>, ...; <c>title</c> for the headline from the page's metadata).</param>
/// <param name="Source">Offset of the element's start tag in <see cref="OriginalResponse.Markup"/>, or -1 when not known.</param>
public sealed record OriginalBlock(int Start, int End, string Element, int Source);

/// <summary>Response of <c>GET /api/documents/{id}/original</c>.</summary>
/// <param name="Id">The document.</param>
/// <param name="Format"><c>html</c>.</param>
/// <param name="Markup">The page as it was received (decoded to text).</param>
/// <param name="Blocks">Each paragraph of the document text with the offset of its element in <paramref name="Markup"/>.</param>
public sealed record OriginalResponse(string Id, string Format, string Markup, IReadOnlyList<OriginalBlock> Blocks);

/// <summary>What <c>POST /api/feeds</c> did with one item.</summary>
/// <param name="Number">The item's position in the feed, from 1.</param>
/// <param name="Key">The item's identity: its link, else <c>id:</c> and its id, else null.</param>
/// <param name="Link">The item's link.</param>
/// <param name="Status"><c>created</c>, <c>duplicate</c> (already stored: same link or id, or same content) or <c>error</c>.</param>
/// <param name="Id">The document id, unless the item failed.</param>
/// <param name="StoryId">The story the document belongs to, unless the item failed.</param>
/// <param name="Problem">Why the item failed.</param>
/// <param name="Warnings">What was wrong with the item but did not stop it (an unreadable date, a missing link).</param>
public sealed record FeedItemResult(int Number, string? Key, string? Link, string Status, string? Id, long? StoryId, string? Problem, IReadOnlyList<string> Warnings);

/// <summary>Response of <c>POST /api/feeds</c>.</summary>
/// <param name="Format"><c>rss</c> or <c>atom</c>.</param>
/// <param name="Title">The feed's title.</param>
/// <param name="Created">Items stored as new documents.</param>
/// <param name="Duplicates">Items already stored.</param>
/// <param name="Errors">Items that could not be ingested.</param>
/// <param name="Items">One result per item, in feed order.</param>
public sealed record FeedIngestResponse(string Format, string? Title, int Created, int Duplicates, int Errors, IReadOnlyList<FeedItemResult> Items);

/// <summary>A passage in a response.</summary>
/// <param name="Index">Position in the document.</param>
/// <param name="Paragraph">Paragraph index.</param>
/// <param name="Kind">sentence or heading.</param>
/// <param name="Start">Start in the original text.</param>
/// <param name="End">End (exclusive).</param>
/// <param name="Text">The raw passage.</param>
public sealed record PassageDto(int Index, int Paragraph, string Kind, int Start, int End, string Text)
{
    /// <summary>Maps a Core passage.</summary>
    public static PassageDto From(Passage p) =>
        new(p.Index, p.Paragraph, p.Kind == PassageKind.Heading ? "heading" : "sentence", p.Start, p.End, p.Text);
}

/// <summary>Review items an ingest touched.</summary>
/// <param name="Created">Items opened by this document.</param>
/// <param name="Updated">Existing items this document added evidence to.</param>
public sealed record ReviewItemsTouched(IReadOnlyList<long> Created, IReadOnlyList<long> Updated);

/// <summary>Response of <c>POST /api/documents</c>.</summary>
/// <param name="Id">The document id (the same for a repeated submission).</param>
/// <param name="Duplicate">True when the article was already stored and nothing was written.</param>
/// <param name="StoryId">The story it joined.</param>
/// <param name="Passages">Its passages.</param>
/// <param name="NearDuplicates">Near-duplicates among stored documents, with scores and spans on both sides.</param>
/// <param name="Findings">Findings it raised.</param>
/// <param name="ReviewItems">Review items it opened or added evidence to.</param>
/// <param name="Analysis">Which analysis components produced these results.</param>
public sealed record IngestResponse(
    string Id,
    bool Duplicate,
    long StoryId,
    IReadOnlyList<PassageDto> Passages,
    IReadOnlyList<NearDuplicateEdge> NearDuplicates,
    IReadOnlyList<Finding> Findings,
    ReviewItemsTouched ReviewItems,
    AnalyzerCapabilities Analysis);

/// <summary>Response of <c>GET /api/documents/{id}</c>.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Source">The outlet.</param>
/// <param name="Url">URL.</param>
/// <param name="Published">Publication time.</param>
/// <param name="Title">Headline.</param>
/// <param name="StoryId">Story id.</param>
/// <param name="StoryKey">The client's story key.</param>
/// <param name="IngestedAt">When stored.</param>
/// <param name="Text">Original text.</param>
/// <param name="Passages">Passages.</param>
/// <param name="Removed">Spans the text pipeline removed as boilerplate, with the reason.</param>
/// <param name="Findings">Findings its ingest raised.</param>
public sealed record DocumentResponse(
    string Id,
    string Source,
    string? Url,
    DateTimeOffset? Published,
    string? Title,
    long StoryId,
    string? StoryKey,
    DateTimeOffset IngestedAt,
    string Text,
    IReadOnlyList<PassageDto> Passages,
    IReadOnlyList<RemovedSpan> Removed,
    IReadOnlyList<Finding> Findings)
{
    /// <summary><c>html</c> when the document was extracted from a page (see <c>/api/documents/{id}/original</c>), else <c>text</c>.</summary>
    public string Format { get; init; } = "text";
}

/// <summary>Response of <c>GET /api/documents/{id}/overlap</c>.</summary>
/// <param name="Id">The document.</param>
/// <param name="Overlap">One entry per document it shares passages with, oriented so that A is this document.</param>
/// <param name="NearDuplicates">The passage pairs, oriented from this document.</param>
public sealed record OverlapResponse(string Id, IReadOnlyList<Core.Similarity.DocumentOverlap> Overlap, IReadOnlyList<NearDuplicateEdge> NearDuplicates);

/// <summary>Response of <c>GET /api/clusters</c>.</summary>
/// <param name="Clusters">Clusters on this page, by representative date.</param>
/// <param name="Page">Page from 1.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Matching clusters.</param>
public sealed record ClustersResponse(IReadOnlyList<Core.Similarity.PassageCluster> Clusters, int Page, int PageSize, int Total);

/// <summary>Body of <c>POST /api/review/{id}/assign</c>.</summary>
/// <param name="Assignee">Who takes the item; null or empty to unassign.</param>
public sealed record AssignRequest(string? Assignee);

/// <summary>Body of <c>POST /api/review/{id}/decision</c>.</summary>
/// <param name="Status">open, in-progress, confirmed, dismissed or needs-info.</param>
/// <param name="Note">Why.</param>
public sealed record DecisionRequest(string? Status, string? Note);
