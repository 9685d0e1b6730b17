using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The service's analysis on Core: passages from <see cref="TextPipeline"/>; near-duplicates from Core's MinHash
/// index (<see cref="MinHashPassageIndex"/>) verified by <see cref="PassageVerifier"/>; claims from
/// <see cref="ClaimExtractor"/>, aligned by <see cref="ClaimAligner"/> against the stored documents this one
/// shares passages with or shares the client's story key with.
/// </summary>
/// <remarks>
/// Incremental, so narrower than Core's batch <see cref="NearDuplicateDetector"/>: it finds copies (verbatim,
/// near-verbatim, edited, a changed figure included, since digits are masked) but not rewrites, and it learns
/// no outlet boilerplate, because both need statistics over the whole corpus. The story report runs Core's batch
/// detector over the story and has both.
/// Claims are re-extracted from the stored text rather than stored: extraction is deterministic and cheap,
/// and a newer extractor then applies to old documents too.
/// </remarks>
public sealed class CoreDocumentAnalyzer : IConcurrentDocumentAnalyzer, IDocumentPreparer
{
    /// <summary>At most this many stored copies are linked to one new passage; clusters still connect through them.</summary>
    public const int MaximumMatchesPerPassage = 16;

    /// <summary>At most this many index candidates are verified per passage: a bound on the cost of pathological input.</summary>
    public const int MaximumCandidatesPerPassage = 64;

    /// <summary>At most this many stored documents are aligned with a new one: the most linked first, then the story's newest.</summary>
    public const int MaximumAlignedDocuments = 24;

    /// <summary>Claims of this many stored documents are kept; a document's claims never change (its id is its content hash).</summary>
    public const int ClaimsCacheSize = 4096;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentClaims> _claims = new(StringComparer.Ordinal);
    private static readonly JsonSerializerOptions ClaimsJsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Prepared> _prepared = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IngestAnalysis, AnalysisState> _states = [];
    private readonly TextPipeline _pipeline = new();
    private readonly ClaimAligner _aligner = new(new ComparisonOptions { IncludeSingleSource = false });
    private readonly DedupOptions _options;
    private readonly Shingler _shingler;
    private readonly Shingler _contentShingler;
    private readonly MinHasher _hasher;
    private readonly PassageVerifier _verifier;

    /// <summary>Creates the analyzer with Core's default near-duplicate settings.</summary>
    public CoreDocumentAnalyzer()
        : this(DedupOptions.Default)
    {
    }

    /// <summary>Creates the analyzer with <paramref name="options"/>; the index must use the same copy scheme.</summary>
    /// <param name="options">Core's near-duplicate settings.</param>
    public CoreDocumentAnalyzer(DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        _contentShingler = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        _hasher = new MinHasher(options.CopyScheme);
        _verifier = new PassageVerifier(options);
        SignatureScheme = MinHashPassageIndex.SchemeName(options.CopyScheme);
    }

    /// <summary>The stored name of the signature scheme.</summary>
    public string SignatureScheme { get; }

    /// <inheritdoc />
    public AnalyzerCapabilities Capabilities { get; } = new("core-text-pipeline", "core-minhash-lsh+verifier (copies; no rewrites)", "core-claim-extractor+aligner");

    /// <inheritdoc />
    public Task PrepareAsync(SourceDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_prepared.Count >= ClaimsCacheSize)
        {
            // Only abandoned preparations (an ingest cancelled while waiting) pile up here.
            _prepared.Clear();
        }

        _prepared[document.Id] = Prepare(document);
        return Task.CompletedTask;
    }

    private Prepared Prepare(SourceDocument document)
    {
        var processed = _pipeline.Process(document);
        var indexed = new List<(Passage, PassageFingerprint, byte[])>(processed.Passages.Count);
        foreach (var passage in processed.Passages)
        {
            var fingerprint = PassageFingerprint.Create(passage.Normalized, _shingler, _contentShingler);
            if (fingerprint.TokenCount >= _options.MinTokens && fingerprint.Shingles.Count > 0)
            {
                indexed.Add((passage, fingerprint, MinHashPassageIndex.ToBytes(_hasher.ComputeSignature(fingerprint.Shingles))));
            }
        }

        return new Prepared(document.Text, processed, indexed, ClaimExtractor.Extract(processed));
    }

    /// <inheritdoc />
    public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var prepared = _prepared.TryRemove(document.Id, out var ready) && ReferenceEquals(ready.Text, document.Text) ? ready : Prepare(document);
        var state = new AnalysisState(prepared);
        var edges = await MatchAsync(state, context, cancellationToken).ConfigureAwait(false);
        var related = await RelatedAsync(edges, context, cancellationToken).ConfigureAwait(false);
        var analysis = Finish(state, edges, related);

        // Content-addressed: the id is the content hash, so caching before the commit is safe even if it fails.
        _claims.TryAdd(document.Id, prepared.Claims);
        _states.AddOrUpdate(analysis, state);
        return analysis;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Matching runs again against the index as it now is (cheap: candidates already verified are remembered), so
    /// the caps on candidates and matches apply exactly as under the lock; alignment runs again only when its
    /// inputs changed: other near-duplicates, or other related documents (new story members among them).
    /// A deletion since the analysis, or an analysis this instance did not make, means analysing afresh.
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
        var related = await RelatedAsync(edges, context, cancellationToken).ConfigureAwait(false);
        if (edges.SequenceEqual(analysis.NearDuplicates) && related.Select(r => r.Document).SequenceEqual(state.Related, StringComparer.Ordinal))
        {
            return analysis;
        }

        var revised = Finish(state, edges, related);
        _states.AddOrUpdate(revised, state);
        return revised;
    }

    /// <summary>Verified near-duplicates of the prepared passages among the indexed ones, in index order, within the caps.</summary>
    private async Task<List<NearDuplicateEdge>> MatchAsync(AnalysisState state, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var id = state.Prepared.Document.Id;
        var edges = new List<NearDuplicateEdge>();
        foreach (var (passage, fingerprint, signature) in state.Prepared.Indexed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var matches = 0;
            foreach (var hit in context.Index.Query(signature).Take(MaximumCandidatesPerPassage))
            {
                if (string.Equals(hit.Document, id, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!state.Verified.TryGetValue((passage.Index, hit.Document, hit.Passage), out var edge))
                {
                    edge = await VerifyAsync(state, passage, fingerprint, hit, context, cancellationToken).ConfigureAwait(false);
                    state.Verified[(passage.Index, hit.Document, hit.Passage)] = edge;
                }

                if (edge is null)
                {
                    continue;
                }

                edges.Add(edge);
                if (++matches == MaximumMatchesPerPassage)
                {
                    break;
                }
            }
        }

        return edges;
    }

    private async Task<NearDuplicateEdge?> VerifyAsync(
        AnalysisState state, Passage passage, PassageFingerprint fingerprint, IndexedPassage hit, IAnalysisContext context, CancellationToken cancellationToken)
    {
        if (!state.Stored.TryGetValue(hit.Document, out var other))
        {
            state.Stored[hit.Document] = other = (await LoadAsync(hit.Document, context, cancellationToken).ConfigureAwait(false))?.Source;
        }

        var otherPassage = other?.Passages.FirstOrDefault(p => p.Index == hit.Passage);
        if (otherPassage is null)
        {
            return null;
        }

        var otherFingerprint = PassageFingerprint.Create(otherPassage.Normalized, _shingler, _contentShingler);
        if (_verifier.Verify(fingerprint, otherFingerprint, out var scores) is not { } kind)
        {
            return null;
        }

        var id = state.Prepared.Document.Id;
        return new NearDuplicateEdge(
            id, passage.Index, new SourceSpan(passage.Start, passage.End, passage.Text),
            hit.Document, hit.Passage, new SourceSpan(otherPassage.Start, otherPassage.End, otherPassage.Text),
            Math.Round(scores.Jaccard, 4), Math.Round(scores.Containment, 4), Math.Round(scores.Fuzzy, 4), kind.ToWireName());
    }

    /// <summary>The stored documents to align the new one with: the most linked first, then the story's newest, at most <see cref="MaximumAlignedDocuments"/>.</summary>
    private async Task<List<DocumentClaims>> RelatedAsync(List<NearDuplicateEdge> edges, IAnalysisContext context, CancellationToken cancellationToken)
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

        return [.. related.Values.OrderBy(d => d.Document, StringComparer.Ordinal)];
    }

    /// <summary>Aligns the new document's claims with the related documents' and assembles the analysis.</summary>
    private IngestAnalysis Finish(AnalysisState state, List<NearDuplicateEdge> edges, List<DocumentClaims> related)
    {
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
        var findings = _aligner.Align(claims, links, processed.Id);
        state.Related = [.. related.Select(r => r.Document)];
        var signatures = new List<PassageSignature>(prepared.Indexed.Count);
        foreach (var (passage, _, signature) in prepared.Indexed)
        {
            signatures.Add(new PassageSignature(passage.Index, SignatureScheme, signature));
        }

        return new IngestAnalysis(processed, signatures, edges, findings)
        {
            // Stored for clients and audits; alignment re-extracts instead, so a newer extractor applies to old documents.
            ClaimsJson = prepared.ClaimsJson,
        };
    }

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

        return _claims.GetOrAdd(id, ClaimExtractor.Extract(document.ToProcessedDocument()));
    }

    private sealed record Prepared(
        string Text, ProcessedDocument Document, List<(Passage Passage, PassageFingerprint Fingerprint, byte[] Signature)> Indexed, DocumentClaims Claims)
    {
        public string ClaimsJson { get; } = JsonSerializer.Serialize(new { Claims.Figures, Claims.Quotes, Claims.People }, ClaimsJsonOptions);
    }

    /// <summary>What an analysis learnt, kept so that a revision under the lock redoes only what changed.</summary>
    private sealed class AnalysisState(Prepared prepared)
    {
        public Prepared Prepared { get; } = prepared;

        /// <summary>Verification outcome per (new passage, stored document, stored passage); null when not a match.</summary>
        public Dictionary<(int, string, int), NearDuplicateEdge?> Verified { get; } = [];

        /// <summary>Stored documents loaded for verification.</summary>
        public Dictionary<string, ProcessedDocument?> Stored { get; } = new(StringComparer.Ordinal);

        /// <summary>Ids of the related documents the findings were aligned with.</summary>
        public string[] Related { get; set; } = [];
    }
}
