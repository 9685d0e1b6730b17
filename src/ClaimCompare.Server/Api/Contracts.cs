using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Api;

/// <summary>Body of <c>POST /api/documents</c>.</summary>
/// <param name="Source">The outlet (required).</param>
/// <param name="Url">The article's URL.</param>
/// <param name="Published">Publication time (ISO 8601).</param>
/// <param name="Title">Headline.</param>
/// <param name="Text">The article's plain text (required, not markup).</param>
/// <param name="Story">Optional client story key: documents with the same key form one story.</param>
public sealed record IngestRequest(string? Source, string? Url, DateTimeOffset? Published, string? Title, string? Text, string? Story);

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
    IReadOnlyList<Finding> Findings);

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
