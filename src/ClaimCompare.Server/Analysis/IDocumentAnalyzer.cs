using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The one seam between the service and the analysis: turns a new document, seen against what is
/// already stored, into passages, signatures, verified near-duplicates and findings.
/// </summary>
/// <remarks>
/// The service calls it under the ingest lock, so the index it queries does not change during a call;
/// it stores the result in one transaction and only then inserts the signatures into the index.
/// Implementations must not write anything themselves.
/// </remarks>
public interface IDocumentAnalyzer
{
    /// <summary>What this analyzer really does, reported with every ingest so clients know what the results cover.</summary>
    AnalyzerCapabilities Capabilities { get; }

    /// <summary>Analyses <paramref name="document"/> against the stored documents.</summary>
    /// <param name="document">The new document; its id is final.</param>
    /// <param name="context">Read access to the index and the store.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The analysis; every span indexes into <paramref name="document"/>'s text or the stored document's text.</returns>
    Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Optional companion of <see cref="IDocumentAnalyzer"/>: work on the new document alone (text pipeline,
/// fingerprints, its own claims) that may run before the ingest lock, in parallel with other ingests.
/// </summary>
/// <remarks>The service calls it outside the lock; <see cref="IDocumentAnalyzer.AnalyzeAsync"/> must still work when it was not called.</remarks>
public interface IDocumentPreparer
{
    /// <summary>Does the document-local part of the analysis of <paramref name="document"/> ahead of time.</summary>
    Task PrepareAsync(SourceDocument document, CancellationToken cancellationToken);
}

/// <summary>
/// Optional extension of <see cref="IDocumentAnalyzer"/>: an analyzer whose <see cref="IDocumentAnalyzer.AnalyzeAsync"/>
/// may run outside the ingest lock, concurrently with other ingests, because it can bring its result up to date
/// with what was committed meanwhile.
/// </summary>
/// <remarks>
/// The service reads the ingest journal's version, calls <see cref="IDocumentAnalyzer.AnalyzeAsync"/> outside the
/// lock, then takes the lock and, when documents were committed or deleted since that version, calls
/// <see cref="ReviseAsync"/> with them. The revised analysis must be what <see cref="IDocumentAnalyzer.AnalyzeAsync"/>
/// would have returned under the lock. Implementations must tolerate having already seen some of those documents,
/// since the index is live during the unlocked analysis.
/// </remarks>
public interface IConcurrentDocumentAnalyzer : IDocumentAnalyzer
{
    /// <summary>Updates <paramref name="analysis"/> of <paramref name="document"/> for the documents committed or deleted since it ran.</summary>
    /// <param name="document">The new document.</param>
    /// <param name="analysis">The analysis made outside the lock.</param>
    /// <param name="changes">What was committed or deleted since, oldest first; never empty.</param>
    /// <param name="context">Read access to the index and the store, which no longer change during the call.</param>
    /// <param name="cancellationToken">Cancels the revision.</param>
    Task<IngestAnalysis> ReviseAsync(
        SourceDocument document, IngestAnalysis analysis, IReadOnlyList<CommittedChange> changes, IAnalysisContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Optional extension of <see cref="IDocumentAnalyzer"/>: an analyzer that keeps in-memory state over the stored set
/// over the stored set (the core analyzer's near-duplicate engine: band tables, fingerprints and word statistics).
/// </summary>
/// <remarks>
/// The service rebuilds the state from the store on start, before it accepts requests, and keeps it in step under the
/// ingest lock: <see cref="Committed"/> after a document's transaction committed, <see cref="Deleted"/> after a delete.
/// The state must be a function of the stored documents alone, so that a restarted service answers as before.
/// </remarks>
public interface IStatefulAnalyzer
{
    /// <summary>Adds stored documents (with their passages) to the state: every stored one on start, and those other instances stored.</summary>
    Task RebuildAsync(IAsyncEnumerable<StoredDocument> documents, CancellationToken cancellationToken);

    /// <summary>Adds a committed document, as analysed.</summary>
    void Committed(IngestAnalysis analysis);

    /// <summary>Removes a deleted document, as it was stored.</summary>
    void Deleted(StoredDocument document);
}

/// <summary>
/// Optional extension of <see cref="IStatefulAnalyzer"/>: an analyzer whose state can live in the shared database
/// (PostgreSQL), where every instance reads it and each write commits with its document.
/// </summary>
/// <remarks>
/// When <see cref="SharesState"/>, the service loads nothing on start (it only fills in stored documents the state lacks),
/// stages each insert and delete and gives the staged rows to the store's transaction, and, for what other instances
/// committed, only tells the analyzer to drop its caches (<see cref="OthersCommitted"/>) instead of replaying documents.
/// </remarks>
public interface ISharedStateAnalyzer : IStatefulAnalyzer
{
    /// <summary>Whether the state is in the shared database (else the <see cref="IStatefulAnalyzer"/> path applies).</summary>
    bool SharesState { get; }

    /// <summary>Under the ingest lock: stages the insert of an analysed document, for the store to write in its transaction.</summary>
    Storage.Postgres.NearDuplicateStateWrite StageInsert(IngestAnalysis analysis);

    /// <summary>Under the ingest lock: stages the removal of a document (empty when the state does not hold it).</summary>
    Storage.Postgres.NearDuplicateStateWrite StageDelete(string documentId);

    /// <summary>Under the ingest lock: other instances committed; cached reads of the state must not be older than now.</summary>
    /// <param name="deletions">Whether they deleted documents (else they only stored some).</param>
    void OthersCommitted(bool deletions);

    /// <summary>
    /// Under the ingest lock: makes sure the state holds every given stored document (all stored documents when null:
    /// on start), filling in those it lacks (stored before the state existed, or by a writer that bypassed the service).
    /// </summary>
    /// <returns>How many documents were filled in.</returns>
    Task<int> EnsureHeldAsync(IReadOnlyCollection<string>? documentIds, IClaimStore store, CancellationToken cancellationToken);
}

/// <summary>One committed change to the stored set, as the ingest journal records it.</summary>
/// <param name="Document">The document id.</param>
/// <param name="StoryKey">The client's story key it was ingested with, if any.</param>
/// <param name="Deleted">Whether the document was deleted rather than added.</param>
public sealed record CommittedChange(string Document, string? StoryKey, bool Deleted);

/// <summary>Read access an analyzer gets to what is already stored.</summary>
public interface IAnalysisContext
{
    /// <summary>A stored document with its passages (for exact verification of candidates and for claim alignment).</summary>
    Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken);

    /// <summary>The client's story key of the new document, if it sent one.</summary>
    string? StoryKey { get; }

    /// <summary>Ids of the stored documents of the story with the client's key (none without a key), oldest first.</summary>
    Task<IReadOnlyList<string>> GetStoryDocumentIdsAsync(CancellationToken cancellationToken);

    /// <summary>Stored claims of the given documents, as the analyzer serialised them at their ingest.</summary>
    Task<IReadOnlyList<StoredClaims>> GetClaimsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);
}

/// <summary>The result of analysing one new document.</summary>
/// <param name="Document">The document after the text pipeline: passages with spans in the original text.</param>
/// <param name="Signatures">Signatures of the passages to index (a passage may have none, e.g. too short).</param>
/// <param name="NearDuplicates">Verified near-duplicates between this document's passages and stored ones, with scores and spans.</param>
/// <param name="Findings">Findings raised by aligning this document's claims with stored ones.</param>
public sealed record IngestAnalysis(
    ProcessedDocument Document,
    IReadOnlyList<PassageSignature> Signatures,
    IReadOnlyList<NearDuplicateEdge> NearDuplicates,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The document's extracted claims, serialised by the analyzer for later alignment; null when it extracts none.</summary>
    public string? ClaimsJson { get; init; }
}

/// <summary>Names of the components behind each part of an analysis, or <c>unavailable</c>.</summary>
/// <param name="Passages">The passage splitter.</param>
/// <param name="NearDuplicates">The near-duplicate index and verifier.</param>
/// <param name="Claims">The claim extractor and aligner.</param>
public sealed record AnalyzerCapabilities(string Passages, string NearDuplicates, string Claims);
