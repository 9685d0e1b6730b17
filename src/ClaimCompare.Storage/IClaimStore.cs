using ClaimCompare.Core.Text;

namespace ClaimCompare.Storage;

/// <summary>
/// The persistent store: documents, passages, signatures, near-duplicate edges, claims, findings,
/// stories and the review queue with its audit trail.
/// </summary>
/// <remarks>
/// Writes are atomic per call: <see cref="IngestAsync"/> stores a document and everything derived
/// from it in one transaction, so a failure at any point leaves all of it or none.
/// </remarks>
public interface IClaimStore
{
    /// <summary>Creates or migrates the schema. Safe to call more than once and from several processes.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema version after migration.</returns>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Proves the store can still write: one real, harmless write committed to the database (for health checks and
    /// start-up). Throws what the write threw (a read-only file, a full disk).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Completes when the write was committed.</returns>
    Task ProbeWriteAsync(CancellationToken cancellationToken);

    /// <summary>The document stored under <paramref name="contentHash"/>, if any.</summary>
    Task<string?> FindByContentHashAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>The document stored for a feed item (by its link or id), or <see langword="null"/>.</summary>
    /// <remarks>The default answers that no item is stored: a store without feed items then re-ingests an item,
    /// and the content hash still makes an unchanged item a duplicate.</remarks>
    Task<string?> FindByItemKeyAsync(string itemKey, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>The page a document was extracted from, or <see langword="null"/> when it arrived as text.</summary>
    /// <remarks>The default answers that none is stored.</remarks>
    Task<DocumentOriginal?> GetOriginalAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult<DocumentOriginal?>(null);

    /// <summary>Stores a document with its passages, signatures, edges, claims, findings and review items in one transaction.</summary>
    /// <remarks>When the content hash is already stored, writes nothing and returns the existing id with <see cref="IngestOutcome.Duplicate"/> set.</remarks>
    Task<IngestOutcome> IngestAsync(NewDocument document, CancellationToken cancellationToken);

    /// <summary>The document with its passages, or null.</summary>
    Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes a document and everything derived from it; review items and their evidence stay for the audit trail.</summary>
    /// <returns>False when no such document exists.</returns>
    Task<bool> DeleteDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every stored signature with its passage span, in document and passage order.</summary>
    IAsyncEnumerable<StoredSignature> ReadSignaturesAsync(CancellationToken cancellationToken);

    /// <summary>Every stored passage, in document and passage order.</summary>
    IAsyncEnumerable<StoredPassage> ReadPassagesAsync(CancellationToken cancellationToken);

    /// <summary>Near-duplicate edges touching <paramref name="documentId"/>, oriented so that <see cref="NearDuplicateEdge.Document"/> is it.</summary>
    Task<IReadOnlyList<NearDuplicateEdge>> GetEdgesForDocumentAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>All near-duplicate edges, optionally only those among <paramref name="documentIds"/>.</summary>
    Task<IReadOnlyList<NearDuplicateEdge>> GetEdgesAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);

    /// <summary>Headers of the given documents (or of all, when null).</summary>
    Task<IReadOnlyList<DocumentHeader>> GetDocumentHeadersAsync(IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken);

    /// <summary>The stories and dates of the given documents.</summary>
    Task<IReadOnlyList<DocumentStory>> GetDocumentStoriesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>Stored claims of the given documents (those that have any).</summary>
    Task<IReadOnlyList<StoredClaims>> GetClaimsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>The id of the story with the client key <paramref name="key"/>, or null.</summary>
    Task<long?> FindStoryByKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stories, newest first.</summary>
    Task<PagedResult<StorySummary>> ListStoriesAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>One story, or null.</summary>
    Task<StorySummary?> GetStoryAsync(long id, CancellationToken cancellationToken);

    /// <summary>The story's documents with passages, in id order.</summary>
    Task<IReadOnlyList<StoredDocument>> GetStoryDocumentsAsync(long storyId, CancellationToken cancellationToken);

    /// <summary>Ids of the story's documents, oldest ingest first.</summary>
    Task<IReadOnlyList<string>> GetStoryDocumentIdsAsync(long storyId, CancellationToken cancellationToken);

    /// <summary>Findings raised within the story.</summary>
    Task<IReadOnlyList<StoredFinding>> GetStoryFindingsAsync(long storyId, CancellationToken cancellationToken);

    /// <summary>A page of the review queue, oldest first.</summary>
    Task<PagedResult<ReviewItem>> ListReviewItemsAsync(ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>How many items match <paramref name="query"/> in each status (its status filter and paging ignored).</summary>
    Task<IReadOnlyDictionary<string, int>> CountReviewItemsByStatusAsync(ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>The distinct outlets of the stored documents, sorted.</summary>
    Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken);

    /// <summary>The distinct assignees of review items, sorted.</summary>
    Task<IReadOnlyList<string>> ListAssigneesAsync(CancellationToken cancellationToken);

    /// <summary>The evidence of each of the given items (items without evidence are left out).</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<ReviewEvidence>>> GetReviewEvidenceAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken);

    /// <summary>One review item with evidence and audit trail, or null.</summary>
    Task<ReviewItemDetail?> GetReviewItemAsync(long id, CancellationToken cancellationToken);

    /// <summary>Assigns the item if its version is still <paramref name="expectedVersion"/>; records the change in the audit trail.</summary>
    Task<ReviewUpdate> AssignAsync(long id, string? assignee, long expectedVersion, string actor, CancellationToken cancellationToken);

    /// <summary>Records a decision if the item's version is still <paramref name="expectedVersion"/>; records the change in the audit trail.</summary>
    Task<ReviewUpdate> DecideAsync(long id, string status, string? note, long expectedVersion, string actor, CancellationToken cancellationToken);
}

/// <summary>Observes the write steps of an ingest transaction, inside the transaction.</summary>
/// <remarks>For diagnostics and fault-injection tests: an exception thrown here rolls the whole ingest back.</remarks>
public interface IIngestStepHook
{
    /// <summary>Called after each step of <see cref="IClaimStore.IngestAsync"/> has written its rows.</summary>
    /// <param name="stepName">document, passages, signatures, near-duplicates, findings or review-items.</param>
    void AfterStep(string stepName);
}

/// <summary>Builds text views of stored passages.</summary>
internal static class PassageText
{
    public static Passage Create(string text, int index, int paragraph, PassageKind kind, int start, int end, string normalized) =>
        new(index, paragraph, kind, start, end, text[start..end], normalized);
}
