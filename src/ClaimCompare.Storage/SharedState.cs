using ClaimCompare.Core.Text;

namespace ClaimCompare.Storage;

/// <summary>
/// The ASP.NET DataProtection key ring (what signs and encrypts sign-in and antiforgery cookies), kept in the database
/// so that every service instance on it uses the same keys: a cookie issued by one instance is honoured by the others.
/// </summary>
/// <remarks>Synchronous, as DataProtection's <c>IXmlRepository</c> is; it is called rarely (start-up, key rotation).</remarks>
public interface IKeyRingStore
{
    /// <summary>Every stored key element's XML, oldest first.</summary>
    /// <returns>The elements.</returns>
    IReadOnlyList<string> ReadKeyElements();

    /// <summary>Stores one key element under its unique name; a name already stored is left as it is.</summary>
    /// <param name="name">The element's friendly name (DataProtection's <c>key-{id}</c>).</param>
    /// <param name="xml">The element.</param>
    void StoreKeyElement(string name, string xml);
}

/// <summary>
/// What lets several service instances share one database: an ingest lock that holds across processes, and an ordered
/// feed of the documents stored and deleted, so that each instance brings its in-memory index up to date with what
/// the others committed before it analyses under the lock.
/// </summary>
/// <remarks>
/// Every ingest and delete writes one feed row in its own transaction. Writers that hold <see cref="AcquireIngestLockAsync"/>
/// while they write commit their rows in sequence order, so a reader holding the lock that has applied every row up to
/// <c>n</c> misses nothing when it next reads the rows after <c>n</c>.
/// </remarks>
public interface ISharedStoreCoordination
{
    /// <summary>
    /// Takes the database-wide ingest lock (one per schema) and holds it until the result is disposed. It is tied to a
    /// database session, so a process that dies (kill -9 included) releases it with its connection.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The lock; dispose to release.</returns>
    Task<IAsyncDisposable> AcquireIngestLockAsync(CancellationToken cancellationToken);

    /// <summary>The sequence number of the newest feed row (0 when none).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number.</returns>
    Task<long> GetLastChangeAsync(CancellationToken cancellationToken);

    /// <summary>The feed rows after <paramref name="after"/>, in sequence order.</summary>
    /// <param name="after">The last row already applied.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows.</returns>
    Task<IReadOnlyList<StoreChange>> ReadChangesAsync(long after, CancellationToken cancellationToken);

    /// <summary>The stored signatures of the given documents with their passage spans, in document and passage order.</summary>
    /// <param name="documentIds">The documents.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signatures.</returns>
    Task<IReadOnlyList<StoredSignature>> GetSignaturesAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken);

    /// <summary>Deletes a document as <see cref="IClaimStore.DeleteDocumentAsync"/> does, writing the engine's staged removal in the same transaction.</summary>
    /// <param name="id">The document id.</param>
    /// <param name="engineState">The engine's rows to remove with it (staged by the engine state's <c>Stage</c>), or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a document was deleted.</returns>
    Task<bool> DeleteDocumentAsync(string id, Postgres.NearDuplicateStateWrite? engineState, CancellationToken cancellationToken);

    /// <summary>The near-duplicate engine's state in this database, for the given options (one per process: it caches).</summary>
    /// <param name="options">The engine's options.</param>
    /// <param name="indexTopics">Whether the engine keeps its topic table.</param>
    /// <returns>The state.</returns>
    Postgres.PostgresNearDuplicateState CreateNearDuplicateState(ClaimCompare.Core.Similarity.DedupOptions options, bool indexTopics);
}

/// <summary>One row of the change feed.</summary>
/// <param name="Sequence">Its position; increasing.</param>
/// <param name="Document">The document stored or deleted.</param>
/// <param name="StoryKey">The client's story key the document was stored with, if any.</param>
/// <param name="Deleted">Whether it was deleted (else stored).</param>
/// <param name="DeletedPassages">For a delete: the document's passages as they were stored (index, paragraph, kind, span and normalised text, which also stands in for the raw text, as in <see cref="IClaimStore.ReadPassagesAsync"/>).</param>
public sealed record StoreChange(long Sequence, string Document, string? StoryKey, bool Deleted, IReadOnlyList<Passage>? DeletedPassages);
