using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Storage;

/// <summary>A stored article with its metadata, original text and passages.</summary>
/// <param name="Id">Document id, derived from <paramref name="ContentHash"/>.</param>
/// <param name="ContentHash">Hex SHA-256 of source, url and normalised text: the identity used for idempotent ingest.</param>
/// <param name="Source">The outlet.</param>
/// <param name="Url">Where the article was published, if known.</param>
/// <param name="Published">Publication time, if known.</param>
/// <param name="Title">Headline, if known.</param>
/// <param name="Text">The original text; every span indexes into it.</param>
/// <param name="StoryId">The story the document belongs to.</param>
/// <param name="IngestedAt">When the service stored it.</param>
/// <param name="Passages">Passages in document order.</param>
public sealed record StoredDocument(
    string Id,
    string ContentHash,
    string Source,
    string? Url,
    DateTimeOffset? Published,
    string? Title,
    string Text,
    long StoryId,
    DateTimeOffset IngestedAt,
    IReadOnlyList<Passage> Passages)
{
    /// <summary>The client's story key, when it sent one.</summary>
    public string? StoryKey { get; init; }

    /// <summary>Spans the text pipeline removed as boilerplate, in order of position.</summary>
    public IReadOnlyList<RemovedSpan> Removed { get; init; } = [];

    /// <summary>The document as the text pipeline presented it, for reports.</summary>
    /// <returns>A processed document over the stored passages and removed spans.</returns>
    public ProcessedDocument ToProcessedDocument() => new(Id, Text, Passages, Removed)
    {
        Path = Url,
        Date = Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null,
        Outlet = Source,
    };
}

/// <summary>The signature of one passage, as computed by the analyzer's scheme.</summary>
/// <param name="Passage">Passage index in its document.</param>
/// <param name="Scheme">The signature scheme (hash family, parameters, version); signatures of different schemes never compare.</param>
/// <param name="Signature">The signature bytes.</param>
public sealed record PassageSignature(int Passage, string Scheme, byte[] Signature);

/// <summary>A stored signature with the passage span it belongs to; used to rebuild the index on start.</summary>
/// <param name="Document">Document id.</param>
/// <param name="Passage">Passage index.</param>
/// <param name="Start">Passage start in the original text.</param>
/// <param name="End">Passage end (exclusive).</param>
/// <param name="Scheme">Signature scheme.</param>
/// <param name="Signature">Signature bytes.</param>
public sealed record StoredSignature(string Document, int Passage, int Start, int End, string Scheme, byte[] Signature);

/// <summary>A stored passage with its normalised text; used to rebuild indexes that are computed from the text on start.</summary>
/// <param name="Document">Document id.</param>
/// <param name="Passage">The passage (index, paragraph, kind, span, normalised text; <see cref="Passage.Text"/> is the normalised text too).</param>
public sealed record StoredPassage(string Document, Passage Passage);

/// <summary>A verified near-duplicate pair of passages in two documents.</summary>
/// <param name="Document">First document (for a new ingest: the new document).</param>
/// <param name="Passage">Passage index in <paramref name="Document"/>.</param>
/// <param name="Span">The passage's span and raw text in <paramref name="Document"/>.</param>
/// <param name="OtherDocument">Second document.</param>
/// <param name="OtherPassage">Passage index in <paramref name="OtherDocument"/>.</param>
/// <param name="OtherSpan">The passage's span and raw text in <paramref name="OtherDocument"/>.</param>
/// <param name="Jaccard">Exact Jaccard similarity, in [0, 1].</param>
/// <param name="Containment">Containment of the smaller passage in the other, in [0, 1].</param>
/// <param name="Fuzzy">Fuzzy similarity, in [0, 1].</param>
/// <param name="Kind">verbatim, near-verbatim, edited or rewrite.</param>
/// <remarks><see cref="Confidence"/> is 1 for copies and the calibrated rewrite probability for rewrites (1 for edges stored before it was kept).</remarks>
public sealed record NearDuplicateEdge(
    string Document,
    int Passage,
    SourceSpan Span,
    string OtherDocument,
    int OtherPassage,
    SourceSpan OtherSpan,
    double Jaccard,
    double Containment,
    double Fuzzy,
    string Kind)
{
    /// <summary>How sure the match is, in [0, 1]: 1 for copies, the calibrated rewrite probability for a rewrite.</summary>
    public double Confidence { get; init; } = 1;

    /// <summary>The same edge seen from the other document.</summary>
    /// <returns>The reversed edge.</returns>
    public NearDuplicateEdge Reverse() =>
        new(OtherDocument, OtherPassage, OtherSpan, Document, Passage, Span, Jaccard, Containment, Fuzzy, Kind) { Confidence = Confidence };
}

/// <summary>Which story a new document joins.</summary>
/// <param name="StoryId">An existing story, or null.</param>
/// <param name="Key">The client's story key; the story with this key is reused or created when <paramref name="StoryId"/> is null.</param>
/// <param name="Title">Title for a new story.</param>
public sealed record StoryTarget(long? StoryId, string? Key, string? Title);

/// <summary>Everything one ingest writes, in one transaction.</summary>
/// <param name="Id">Document id.</param>
/// <param name="ContentHash">Content hash (idempotency key).</param>
/// <param name="Source">The outlet.</param>
/// <param name="Url">Article URL.</param>
/// <param name="Published">Publication time.</param>
/// <param name="Title">Headline.</param>
/// <param name="Text">Original text.</param>
/// <param name="Passages">Passages from the text pipeline.</param>
/// <param name="Signatures">One signature per indexed passage.</param>
/// <param name="NearDuplicates">Verified edges from this document to stored ones.</param>
/// <param name="Findings">Findings the analysis raised.</param>
/// <param name="Story">The story to join.</param>
/// <param name="Actor">Who ingested it (recorded in the review audit trail).</param>
public sealed record NewDocument(
    string Id,
    string ContentHash,
    string Source,
    string? Url,
    DateTimeOffset? Published,
    string? Title,
    string Text,
    IReadOnlyList<Passage> Passages,
    IReadOnlyList<PassageSignature> Signatures,
    IReadOnlyList<NearDuplicateEdge> NearDuplicates,
    IReadOnlyList<Finding> Findings,
    StoryTarget Story,
    string Actor)
{
    /// <summary>The client's story key, if any.</summary>
    public string? StoryKey { get; init; }

    /// <summary>Extracted claims, serialised by the analyzer (opaque to the store), or null.</summary>
    public string? ClaimsJson { get; init; }

    /// <summary>Spans the text pipeline removed as boilerplate.</summary>
    public IReadOnlyList<RemovedSpan> Removed { get; init; } = [];

    /// <summary>The page the text was extracted from, when the article arrived as HTML; stored beside the document.</summary>
    public DocumentOriginal? Original { get; init; }

    /// <summary>The feed item's identity (its link or id) when the document came from a feed, for idempotent feed ingest.</summary>
    public string? ItemKey { get; init; }

    /// <summary>
    /// The near-duplicate engine's rows for this document, staged by <see cref="Postgres.PostgresNearDuplicateState.Stage"/>,
    /// written in the document's own transaction (PostgreSQL only; null elsewhere).
    /// </summary>
    public Postgres.NearDuplicateStateWrite? EngineState { get; init; }
}

/// <summary>What an article was extracted from: the page's mark-up and where each paragraph of the text came from.</summary>
/// <param name="Format"><c>html</c> (a page, or a feed item's HTML content).</param>
/// <param name="Markup">The mark-up as received (decoded).</param>
/// <param name="BlocksJson">The paragraphs of the document text with the offset of the element each came from in
/// <paramref name="Markup"/>: a JSON array of <c>{"start", "end", "element", "source"}</c>.</param>
public sealed record DocumentOriginal(string Format, string Markup, string? BlocksJson);

/// <summary>What an ingest did.</summary>
/// <param name="DocumentId">The document id (the existing one for a duplicate).</param>
/// <param name="StoryId">The story it belongs to.</param>
/// <param name="Duplicate">True when the same article was already stored: nothing was written.</param>
/// <param name="CreatedReviewItems">Review items this ingest opened.</param>
/// <param name="UpdatedReviewItems">Existing review items it added evidence to (their status unchanged).</param>
public sealed record IngestOutcome(
    string DocumentId,
    long StoryId,
    bool Duplicate,
    IReadOnlyList<long> CreatedReviewItems,
    IReadOnlyList<long> UpdatedReviewItems)
{
    /// <summary>The change feed's row of this ingest (<see cref="ISharedStoreCoordination"/> stores), null elsewhere or for a duplicate.</summary>
    public long? ChangeSequence { get; init; }
}

/// <summary>A stored finding with the document that raised it.</summary>
/// <param name="Id">Finding id.</param>
/// <param name="Document">The document whose ingest raised it.</param>
/// <param name="StoryId">Its story.</param>
/// <param name="Finding">The finding.</param>
public sealed record StoredFinding(long Id, string Document, long StoryId, Finding Finding);

/// <summary>Claims stored for a document, as the analyzer serialised them.</summary>
/// <param name="Document">Document id.</param>
/// <param name="ClaimsJson">The analyzer's JSON.</param>
public sealed record StoredClaims(string Document, string ClaimsJson);

/// <summary>A story: the documents about one event.</summary>
/// <param name="Id">Story id.</param>
/// <param name="Key">The client's story key, or null for an automatically grouped story.</param>
/// <param name="Title">The first document's title.</param>
/// <param name="CreatedAt">When the story was created.</param>
/// <param name="Documents">Number of documents.</param>
/// <param name="FirstPublished">Earliest publication time among its documents.</param>
/// <param name="LastPublished">Latest publication time among its documents.</param>
/// <param name="Sources">Distinct outlets, sorted.</param>
public sealed record StorySummary(
    long Id,
    string? Key,
    string? Title,
    DateTimeOffset CreatedAt,
    int Documents,
    DateTimeOffset? FirstPublished,
    DateTimeOffset? LastPublished,
    IReadOnlyList<string> Sources);

/// <summary>A document's story and date, for grouping decisions.</summary>
/// <param name="Document">Document id.</param>
/// <param name="StoryId">Its story.</param>
/// <param name="Published">Its publication time, if known.</param>
/// <param name="IngestedAt">When it was stored.</param>
public sealed record DocumentStory(string Document, long StoryId, DateTimeOffset? Published, DateTimeOffset IngestedAt);

/// <summary>A document's metadata, without text and passages.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Source">The outlet.</param>
/// <param name="Published">Publication time.</param>
/// <param name="StoryId">Story id.</param>
public sealed record DocumentHeader(string Id, string Source, DateTimeOffset? Published, long StoryId)
{
    /// <summary>Where the article was published, if known.</summary>
    public string? Url { get; init; }

    /// <summary>Headline, if known.</summary>
    public string? Title { get; init; }
}

/// <summary>A page of results.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Page size.</param>
/// <param name="Total">Total matching items.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
