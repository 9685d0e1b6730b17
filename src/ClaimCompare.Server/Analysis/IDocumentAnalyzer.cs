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

/// <summary>Read access an analyzer gets to what is already stored.</summary>
public interface IAnalysisContext
{
    /// <summary>The near-duplicate index over every stored passage signature.</summary>
    IPassageIndex Index { get; }

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
