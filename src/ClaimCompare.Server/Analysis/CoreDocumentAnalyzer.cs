using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Postgres;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The service's analysis on Core: passages from <see cref="TextPipeline"/>; near-duplicates from Core's one
/// <see cref="NearDuplicateEngine"/> (the same engine the CLI's batch commands feed every document), which holds every
/// stored passage and is queried with each new document; claims from <see cref="ClaimExtractor"/>, aligned by
/// <see cref="ClaimAligner"/>, focused on the new document, against the stored documents it shares passages or the
/// client's story key with.
/// </summary>
/// <remarks>
/// A thin adapter: the engine's links become <see cref="NearDuplicateEdge"/>s (with each stored passage's text as
/// stored), the engine is kept in step with the store (<see cref="IStatefulAnalyzer"/>: inserted after each commit,
/// by this instance or, through the change feed, another; deleted after each delete; filled from the store on start),
/// and a query made outside the ingest lock is revised under it with the verifications it already made.
/// How incremental answers differ from one batch over the same documents is in <see cref="NearDuplicateEngine"/>'s remarks.
/// Claims are re-extracted from the stored text rather than stored: extraction is deterministic and cheap,
/// and a newer extractor then applies to old documents too.
/// </remarks>
public sealed class CoreDocumentAnalyzer : IConcurrentDocumentAnalyzer, IDocumentPreparer, ISharedStateAnalyzer, IDisposable
{
    /// <summary>At most this many stored copies are linked to one new passage; clusters still connect through them.</summary>
    public const int MaximumMatchesPerPassage = NearDuplicateEngine.MaximumMatchesPerPassage;

    /// <summary>At most this many index candidates (of each table) are verified per passage: a bound on the cost of pathological input.</summary>
    public const int MaximumCandidatesPerPassage = NearDuplicateEngine.MaximumCandidatesPerPassage;

    /// <summary>At most this many stored documents are aligned with a new one: the most linked first, then the story's newest.</summary>
    public const int MaximumAlignedDocuments = 24;

    /// <summary>A stored document shares the new one's topic when this many new passages have a rewrite-index candidate in it.</summary>
    public const int MinimumTopicalPassages = 1;

    /// <summary>Claims of this many stored documents are kept; a document's claims never change (its id is its content hash).</summary>
    public const int ClaimsCacheSize = 4096;

    private static readonly JsonSerializerOptions ClaimsJsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentClaims> _claims = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Prepared> _prepared = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IngestAnalysis, AnalysisState> _states = [];
    private readonly TextPipeline _pipeline = new();
    private readonly ClaimAligner _aligner = new(new ComparisonOptions { IncludeSingleSource = false });
    private readonly NearDuplicateEngine _engine;
    private readonly InMemoryNearDuplicateState? _ownState;
    private readonly MinHasher _hasher;
    private readonly int _storyWindowHours;
    private readonly bool _alignByTopic;

    /// <summary>Creates the analyzer with Core's default near-duplicate settings.</summary>
    public CoreDocumentAnalyzer()
        : this(DedupOptions.Default)
    {
    }

    /// <summary>Creates the analyzer with Core's default near-duplicate settings and the service's story window.</summary>
    /// <param name="service">The service settings (<see cref="Hosting.ServiceOptions.StoryWindowHours"/>).</param>
    public CoreDocumentAnalyzer(Microsoft.Extensions.Options.IOptions<Hosting.ServiceOptions> service)
        : this(DedupOptions.Default with { RewriteThreshold = service?.Value.RewriteThreshold }, service?.Value.StoryWindowHours ?? throw new ArgumentNullException(nameof(service)), service.Value.AlignByTopic)
    {
    }

    /// <summary>
    /// Creates the analyzer for the service's settings over <paramref name="store"/>: on PostgreSQL the engine's state is
    /// the database's (<see cref="PostgresNearDuplicateState"/>), shared by every instance; elsewhere it is in memory.
    /// </summary>
    /// <param name="service">The service settings.</param>
    /// <param name="store">The store.</param>
    public CoreDocumentAnalyzer(Microsoft.Extensions.Options.IOptions<Hosting.ServiceOptions> service, IClaimStore store)
        : this(Options(service), SharedState(Options(service), store, service.Value.AlignByTopic), service.Value.StoryWindowHours, service.Value.AlignByTopic)
    {
    }

    private static DedupOptions Options(Microsoft.Extensions.Options.IOptions<Hosting.ServiceOptions> service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return DedupOptions.Default with { RewriteThreshold = service.Value.RewriteThreshold };
    }

    private static PostgresNearDuplicateState? SharedState(DedupOptions options, IClaimStore store, bool alignByTopic) =>
        (store ?? throw new ArgumentNullException(nameof(store))) is ISharedStoreCoordination shared ? shared.CreateNearDuplicateState(options, alignByTopic) : null;

    /// <summary>Creates the analyzer with <paramref name="options"/> and an engine state in memory.</summary>
    /// <param name="options">Core's near-duplicate settings.</param>
    /// <param name="storyWindowHours">Documents further apart in publication are not aligned for sharing a topic alone.</param>
    /// <param name="alignByTopic">Whether to align with stored documents on the same topic that share no passage (<see cref="Hosting.ServiceOptions.AlignByTopic"/>).</param>
    public CoreDocumentAnalyzer(DedupOptions options, int storyWindowHours = 72, bool alignByTopic = false)
        : this(options, null, storyWindowHours, alignByTopic)
    {
    }

    /// <summary>Creates the analyzer over an engine state of the caller's (e.g. a database's); null for one in memory.</summary>
    /// <param name="options">Core's near-duplicate settings.</param>
    /// <param name="state">The engine's state; null for a new <see cref="InMemoryNearDuplicateState"/>.</param>
    /// <param name="storyWindowHours">Documents further apart in publication are not aligned for sharing a topic alone.</param>
    /// <param name="alignByTopic">Whether to align with stored documents on the same topic that share no passage.</param>
    public CoreDocumentAnalyzer(DedupOptions options, INearDuplicateState? state, int storyWindowHours = 72, bool alignByTopic = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storyWindowHours = storyWindowHours;
        _alignByTopic = alignByTopic;
        _ownState = state is null ? new InMemoryNearDuplicateState(options) : null;
        _engine = new NearDuplicateEngine(options, state ?? _ownState, indexTopics: alignByTopic);
        _hasher = new MinHasher(options.CopyScheme);
        SignatureScheme = SchemeName(options.CopyScheme);
    }

    /// <summary>The stored name of the signature scheme.</summary>
    public string SignatureScheme { get; }

    /// <summary>The near-duplicate engine this analyzer queries and keeps in step with the store.</summary>
    public NearDuplicateEngine Engine => _engine;

    /// <inheritdoc />
    public AnalyzerCapabilities Capabilities { get; } = new("core-text-pipeline", "core-near-duplicate-engine (minhash-lsh+verifier, copies and rewrites)", "core-claim-extractor+aligner");

    /// <summary>The stored name of a scheme: Core's description of hash family, seed, k, shingles and normaliser.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>A stable string.</returns>
    public static string SchemeName(SignatureScheme scheme) => "minhash/" + scheme;

    /// <inheritdoc />
    public Task PrepareAsync(SourceDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();
        if (_prepared.Count >= ClaimsCacheSize)
        {
            // Only abandoned preparations (an ingest cancelled while waiting) pile up here.
            _prepared.Clear();
        }

        _prepared[document.Id] = Prepare(document, cancellationToken);
        return Task.CompletedTask;
    }

    private Prepared Prepare(SourceDocument document, CancellationToken cancellationToken = default)
    {
        // Counted to the ingest's CPU budget (set by the ingest service); synchronous, so the scope stays on this thread.
        using var cpu = CpuAccount.Current?.Enter();
        var processed = _pipeline.Process(document, cancellationToken);
        var engine = _engine.Prepare(processed, cancellationToken);
        var signatures = new List<PassageSignature>(engine.Passages.Count);
        foreach (var passage in engine.Passages)
        {
            if (passage.Indexable)
            {
                // Stored with the document (the store's signature table), as Core's copy scheme computes them.
                var signature = _hasher.ComputeSignature(passage.Fingerprint.Shingles);
                signatures.Add(new PassageSignature(passage.Passage.Index, SignatureScheme, MemoryMarshal.AsBytes(signature.Values).ToArray()));
            }
        }

        return new Prepared(document.Text, processed, engine, signatures, ClaimExtractor.Extract(processed, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var prepared = _prepared.TryRemove(document.Id, out var ready) && ReferenceEquals(ready.Text, document.Text) ? ready : Prepare(document, cancellationToken);
        var state = new AnalysisState(prepared);
        var edges = await MatchAsync(state, context, cancellationToken).ConfigureAwait(false);
        var related = await RelatedAsync(state, edges, context, cancellationToken).ConfigureAwait(false);
        var analysis = Finish(state, edges, related, cancellationToken);

        // Content-addressed: the id is the content hash, so caching before the commit is safe even if it fails.
        _claims.TryAdd(document.Id, prepared.Claims);
        _states.AddOrUpdate(analysis, state);
        return analysis;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The engine is queried again as it now is (cheap: candidates already verified are remembered), so the caps on
    /// candidates and matches apply exactly as under the lock; alignment runs again only when its inputs changed:
    /// other near-duplicates, or other related documents (new story members among them). A deletion since the
    /// analysis, or an analysis this instance did not make, means analysing afresh.
    /// </remarks>
    public async Task<IngestAnalysis> ReviseAsync(
        SourceDocument document, IngestAnalysis analysis, IReadOnlyList<CommittedChange> changes, IAnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(context);
        if (!_states.TryGetValue(analysis, out var state) || !ReferenceEquals(state.Prepared.Text, document.Text) || changes.Any(c => c.Deleted))
        {
            return await AnalyzeAsync(document, context, cancellationToken).ConfigureAwait(false);
        }

        var edges = await MatchAsync(state, context, cancellationToken).ConfigureAwait(false);
        var related = await RelatedAsync(state, edges, context, cancellationToken).ConfigureAwait(false);
        if (edges.SequenceEqual(analysis.NearDuplicates) && related.Select(r => r.Document).SequenceEqual(state.Related, StringComparer.Ordinal))
        {
            return analysis;
        }

        var revised = Finish(state, edges, related, cancellationToken);
        _states.AddOrUpdate(revised, state);
        return revised;
    }

    /// <inheritdoc />
    public async Task RebuildAsync(IAsyncEnumerable<StoredDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // One batch per few thousand documents: fingerprinted in parallel, indexed with the statistics that include them.
        var batch = new List<ProcessedDocument>(1024);
        await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (_engine.State.GetDocument(document.Id) is not null)
            {
                continue;
            }

            batch.Add(document.ToProcessedDocument());
            if (batch.Count == batch.Capacity)
            {
                _engine.InsertRange(batch, cancellationToken);
                batch.Clear();
            }
        }

        _engine.InsertRange(batch, cancellationToken);
    }

    /// <inheritdoc />
    public void Committed(IngestAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        // Under the ingest lock: an analysis of ours already fingerprinted its passages outside it.
        if (_engine.State.GetDocument(analysis.Document.Id) is not null)
        {
            return;
        }

        if (_states.TryGetValue(analysis, out var state))
        {
            _engine.Insert(state.Prepared.Engine);
            return;
        }

        _engine.Insert(analysis.Document);
    }

    /// <inheritdoc />
    public void Deleted(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _engine.Delete(document.Id);
    }

    /// <summary>The engine's state in the shared database, or null when it is in memory.</summary>
    public PostgresNearDuplicateState? Shared => _engine.State as PostgresNearDuplicateState;

    /// <inheritdoc />
    public bool SharesState => Shared is not null;

    /// <inheritdoc />
    public NearDuplicateStateWrite StageInsert(IngestAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var shared = Shared ?? throw new InvalidOperationException("The engine's state is in memory.");

        // An analysis of ours already fingerprinted its passages outside the lock. The state reads what the insert needs in
        // one round trip, and stages nothing when the document is held (the same article sent twice at once: the first
        // committed it; the store will answer this one as a duplicate).
        var prepared = _states.TryGetValue(analysis, out var state) ? state.Prepared.Engine : _engine.Prepare(analysis.Document);
        return shared.StageInsert(prepared, () => _engine.Insert(prepared));
    }

    /// <inheritdoc />
    public NearDuplicateStateWrite StageDelete(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var shared = Shared ?? throw new InvalidOperationException("The engine's state is in memory.");
        return shared.Stage(() => _engine.Delete(documentId));
    }

    /// <inheritdoc />
    public void OthersCommitted(bool deletions) => Shared?.Invalidate(deletions);

    /// <inheritdoc />
    public async Task<int> EnsureHeldAsync(IReadOnlyCollection<string>? documentIds, IClaimStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var shared = Shared ?? throw new InvalidOperationException("The engine's state is in memory.");
        IReadOnlyList<string> missing;
        if (documentIds is null)
        {
            await shared.EnsureSchemeAsync(cancellationToken).ConfigureAwait(false);
            missing = await shared.GetMissingDocumentsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var held = await shared.GetHeldDocumentsAsync(documentIds, cancellationToken).ConfigureAwait(false);
            missing = [.. documentIds.Where(id => !held.Contains(id))];
        }

        // In batches, each committed on its own: fingerprinted in parallel, indexed with the statistics that include them.
        var batch = new List<ProcessedDocument>(256);
        var filled = 0;
        foreach (var id in missing)
        {
            if (await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false) is not { } document)
            {
                continue;
            }

            batch.Add(document.ToProcessedDocument());
            if (batch.Count == batch.Capacity)
            {
                await shared.WriteAsync(() => _engine.InsertRange(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
                filled += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await shared.WriteAsync(() => _engine.InsertRange(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
            filled += batch.Count;
        }

        return filled;
    }

    /// <summary>Verified near-duplicates of the prepared passages among the held ones, with the engine's rules and caps.</summary>
    private async Task<List<NearDuplicateEdge>> MatchAsync(AnalysisState state, IAnalysisContext context, CancellationToken cancellationToken)
    {
        DocumentMatches matches;
        using (CpuAccount.Current?.Enter())
        {
            matches = _engine.QueryDocument(state.Prepared.Engine, state.Memo, cancellationToken);
        }

        state.Topical = matches.Topical;
        var edges = new List<NearDuplicateEdge>(matches.Links.Count);
        foreach (var link in matches.Links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await StoredPassageAsync(state, link.Other, context, cancellationToken).ConfigureAwait(false) is not { } other)
            {
                continue; // deleted meanwhile: the revision under the lock analyses afresh
            }

            var passage = state.Prepared.Engine.Passages.First(p => p.Passage.Index == link.Passage).Passage;
            edges.Add(Edge(state, passage, link.Other.Document, other, link.Kind, link.Scores));
        }

        return edges;
    }

    /// <summary>A held passage as stored (its raw text: the engine may hold only the normalised one after a restart).</summary>
    private static async Task<Passage?> StoredPassageAsync(AnalysisState state, EnginePassage held, IAnalysisContext context, CancellationToken cancellationToken)
    {
        if (!state.Stored.TryGetValue(held.Document, out var other))
        {
            state.Stored[held.Document] = other = (await context.GetDocumentAsync(held.Document, cancellationToken).ConfigureAwait(false))?.ToProcessedDocument();
        }

        return other is null ? null : PassageAt(other, held.Passage.Index);
    }

    /// <summary>The passage with index <paramref name="index"/>: passages are stored in index order, so usually at that position.</summary>
    private static Passage? PassageAt(ProcessedDocument document, int index)
    {
        var passages = document.Passages;
        if (index >= 0 && index < passages.Count && passages[index].Index == index)
        {
            return passages[index];
        }

        foreach (var passage in passages)
        {
            if (passage.Index == index)
            {
                return passage;
            }
        }

        return null;
    }

    private static NearDuplicateEdge Edge(AnalysisState state, Passage passage, string otherDocument, Passage otherPassage, MatchKind kind, PairScores scores) =>
        new(state.Prepared.Document.Id, passage.Index, new SourceSpan(passage.Start, passage.End, passage.Text),
            otherDocument, otherPassage.Index, new SourceSpan(otherPassage.Start, otherPassage.End, otherPassage.Text),
            Math.Round(scores.Jaccard, 4), Math.Round(scores.Containment, 4), Math.Round(scores.Fuzzy, 4), kind.ToWireName())
        {
            Confidence = Math.Round(kind == MatchKind.Rewrite ? scores.Confidence : 1, 4),
        };

    /// <summary>
    /// The stored documents to align the new one with, at most <see cref="MaximumAlignedDocuments"/>: the most linked
    /// first, then the story's newest, then, when aligning by topic is on, documents on the same topic within the
    /// story window (at least <see cref="MinimumTopicalPassages"/> of the new passages have a rewrite-index candidate
    /// in them, though none verified), so that two reports of one event that share no paragraph still have their
    /// claims aligned and join one story.
    /// </summary>
    private async Task<List<DocumentClaims>> RelatedAsync(AnalysisState state, List<NearDuplicateEdge> edges, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var related = new Dictionary<string, DocumentClaims>(StringComparer.Ordinal);
        foreach (var id in edges.GroupBy(e => e.OtherDocument, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key))
        {
            if (related.Count >= MaximumAlignedDocuments)
            {
                break;
            }

            if (await LoadAsync(id, context, cancellationToken).ConfigureAwait(false) is { } linked)
            {
                related[id] = linked;
            }
        }

        foreach (var member in (await context.GetStoryDocumentIdsAsync(cancellationToken).ConfigureAwait(false)).Reverse())
        {
            if (related.Count >= MaximumAlignedDocuments)
            {
                break;
            }

            if (!related.ContainsKey(member) && await LoadAsync(member, context, cancellationToken).ConfigureAwait(false) is { } sibling)
            {
                related[member] = sibling;
            }
        }

        foreach (var (id, _) in state.Topical.Where(t => _alignByTopic && t.Value >= MinimumTopicalPassages)
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            if (related.Count >= MaximumAlignedDocuments)
            {
                break;
            }

            if (!related.ContainsKey(id) && await LoadAsync(id, context, cancellationToken).ConfigureAwait(false) is { } topical
                && WithinWindow(state.Prepared.Document.Date, topical.Source?.Date))
            {
                related[id] = topical;
            }
        }

        return [.. related.Values.OrderBy(d => d.Document, StringComparer.Ordinal)];
    }

    /// <summary>Whether two publication dates are within the story window; an undated document is within any.</summary>
    private bool WithinWindow(DateOnly? a, DateOnly? b) =>
        a is not { } x || b is not { } y || Math.Abs(x.DayNumber - y.DayNumber) * 24 <= _storyWindowHours;

    /// <summary>Aligns the new document's claims with the related documents' and assembles the analysis.</summary>
    private IngestAnalysis Finish(AnalysisState state, List<NearDuplicateEdge> edges, List<DocumentClaims> related, CancellationToken cancellationToken)
    {
        using var cpu = CpuAccount.Current?.Enter();
        var prepared = state.Prepared;
        var processed = prepared.Document;
        var links = new PassageLinks();
        foreach (var edge in edges)
        {
            links.Add(edge.Document, edge.Passage, edge.OtherDocument, edge.OtherPassage);
        }

        // ExtractAll is Extract per document then PersonRegistry.Unify; only the per-document part is cached.
        var extracted = new List<DocumentClaims>(related.Count + 1) { prepared.Claims };
        extracted.AddRange(related);
        var claims = PersonRegistry.Unify(extracted);

        // Findings among stored documents alone were raised when the later of them was ingested: only those that
        // involve the new document are wanted, and the focused alignment compares nothing else.
        var findings = _aligner.Align(claims, links, processed.Id, cancellationToken);
        state.Related = [.. related.Select(r => r.Document)];
        return new IngestAnalysis(processed, prepared.Signatures, edges, findings)
        {
            // Stored for clients and audits; alignment re-extracts instead, so a newer extractor applies to old documents.
            ClaimsJson = prepared.ClaimsJson,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _ownState?.Dispose();

    /// <summary>A stored document's claims (with its processed document as their source), from the cache or the store.</summary>
    private async Task<DocumentClaims?> LoadAsync(string id, IAnalysisContext context, CancellationToken cancellationToken)
    {
        if (_claims.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (await context.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false) is not { } document)
        {
            return null;
        }

        if (_claims.Count >= ClaimsCacheSize)
        {
            _claims.Clear();
        }

        return _claims.GetOrAdd(id, ClaimExtractor.Extract(document.ToProcessedDocument(), cancellationToken));
    }

    private sealed record Prepared(string Text, ProcessedDocument Document, PreparedDocument Engine, List<PassageSignature> Signatures, DocumentClaims Claims)
    {
        public string ClaimsJson { get; } = JsonSerializer.Serialize(new { Claims.Figures, Claims.Quotes, Claims.People }, ClaimsJsonOptions);
    }

    /// <summary>What an analysis learnt, kept so that a revision under the lock redoes only what changed.</summary>
    private sealed class AnalysisState(Prepared prepared)
    {
        public Prepared Prepared { get; } = prepared;

        /// <summary>The engine's verification outcomes, reused by a revision.</summary>
        public NearDuplicateQueryMemo Memo { get; } = new();

        /// <summary>Per stored document, the new passages with a rewrite-table candidate in it (last query).</summary>
        public IReadOnlyDictionary<string, int> Topical { get; set; } = new Dictionary<string, int>();

        /// <summary>Stored documents loaded for the linked passages' text.</summary>
        public Dictionary<string, ProcessedDocument?> Stored { get; } = new(StringComparer.Ordinal);

        /// <summary>Ids of the related documents the findings were aligned with.</summary>
        public string[] Related { get; set; } = [];
    }
}
