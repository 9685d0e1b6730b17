using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Analysis;

/// <summary>
/// The service's analysis on Core: passages from <see cref="TextPipeline"/>; near-duplicates from two MinHash indexes,
/// copies (word shingles, the shared <see cref="IPassageIndex"/>) and rewrites (content words, an index of its own),
/// each candidate verified by <see cref="PassageVerifier"/> with the corpus word statistics
/// (<see cref="CorpusWordStatistics"/>: names and common words do not count towards a rewrite); claims from
/// <see cref="ClaimExtractor"/>, aligned by <see cref="ClaimAligner"/>, focused on the new document, against the
/// stored documents it shares passages or the client's story key with.
/// </summary>
/// <remarks>
/// Incremental, so it differs from Core's batch <see cref="NearDuplicateDetector"/> in two ways. The word statistics
/// grow with the store, so a word that becomes common later stops counting from then on (identical passages count
/// once, as the batch folds them). And a passage becomes its outlet's boilerplate, linking nothing, only from the
/// <see cref="DedupOptions.BoilerplateMinDocuments"/>th document of the outlet that prints it, so the first copies of
/// a sign-off line stay linked. Matches are extended to neighbouring sentences as in the batch. The story report runs
/// Core's batch detector over the story.
/// The rewrite index and the statistics are computed from passage text alone, rebuilt from the stored passages on
/// start (<see cref="IStatefulAnalyzer"/>), so a restarted service answers as before.
/// Claims are re-extracted from the stored text rather than stored: extraction is deterministic and cheap,
/// and a newer extractor then applies to old documents too.
/// </remarks>
public sealed class CoreDocumentAnalyzer : IConcurrentDocumentAnalyzer, IDocumentPreparer, IStatefulAnalyzer, IDisposable
{
    /// <summary>At most this many stored copies are linked to one new passage; clusters still connect through them.</summary>
    public const int MaximumMatchesPerPassage = 16;

    /// <summary>At most this many index candidates are verified per passage: a bound on the cost of pathological input.</summary>
    public const int MaximumCandidatesPerPassage = 64;

    /// <summary>At most this many stored documents are aligned with a new one: the most linked first, then the story's newest.</summary>
    public const int MaximumAlignedDocuments = 24;

    /// <summary>A stored document shares the new one's topic when this many new passages have a rewrite-index candidate in it.</summary>
    public const int MinimumTopicalPassages = 1;

    /// <summary>Claims of this many stored documents are kept; a document's claims never change (its id is its content hash).</summary>
    public const int ClaimsCacheSize = 4096;

    /// <summary>Fingerprints of this many stored passages are kept; a passage's text never changes (its document id is its content hash).</summary>
    public const int FingerprintCacheSize = 65536;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DocumentClaims> _claims = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), PassageFingerprint> _fingerprints = new();

    // Stored passages per distinct content-word set; written under the ingest lock only.
    private readonly Dictionary<ulong, int> _copies = [];
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
    private readonly MinHasher _rewriteHasher;
    private readonly PassageVerifier _verifier;
    private readonly CorpusWordStatistics _words;
    private readonly int _storyWindowHours;
    private readonly bool _alignByTopic;
    private readonly MinHashPassageIndex _rewriteIndex;

    /// <summary>Creates the analyzer with Core's default near-duplicate settings.</summary>
    public CoreDocumentAnalyzer()
        : this(DedupOptions.Default)
    {
    }

    /// <summary>Creates the analyzer with Core's default near-duplicate settings and the service's story window.</summary>
    /// <param name="service">The service settings (<see cref="ServiceOptions.StoryWindowHours"/>).</param>
    public CoreDocumentAnalyzer(Microsoft.Extensions.Options.IOptions<Hosting.ServiceOptions> service)
        : this(DedupOptions.Default with { RewriteThreshold = service?.Value.RewriteThreshold }, service?.Value.StoryWindowHours ?? throw new ArgumentNullException(nameof(service)), service.Value.AlignByTopic)
    {
    }

    /// <summary>Creates the analyzer with <paramref name="options"/>; the index must use the same copy scheme.</summary>
    /// <param name="options">Core's near-duplicate settings.</param>
    /// <param name="storyWindowHours">Documents further apart in publication are not aligned for sharing a topic alone.</param>
    /// <param name="alignByTopic">Whether to align with stored documents on the same topic that share no passage (<see cref="Hosting.ServiceOptions.AlignByTopic"/>).</param>
    public CoreDocumentAnalyzer(DedupOptions options, int storyWindowHours = 72, bool alignByTopic = false)
    {
        _storyWindowHours = storyWindowHours;
        _alignByTopic = alignByTopic;
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        _contentShingler = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        _hasher = new MinHasher(options.CopyScheme);
        _rewriteHasher = new MinHasher(options.RewriteScheme);
        _words = new CorpusWordStatistics(options);
        _verifier = new PassageVerifier(options, _words.IsName, _words.IsCommon);
        _rewriteIndex = new MinHashPassageIndex(options.RewriteScheme, LshParameters.Optimal(
            options.RewriteCandidateThreshold, options.RewriteScheme.Permutations, maxBands: options.RewriteMaxBands, minRows: options.RewriteMinRows));
        SignatureScheme = MinHashPassageIndex.SchemeName(options.CopyScheme);
    }

    /// <summary>The stored name of the signature scheme.</summary>
    public string SignatureScheme { get; }

    /// <inheritdoc />
    public AnalyzerCapabilities Capabilities { get; } = new("core-text-pipeline", "core-minhash-lsh+verifier (copies and rewrites)", "core-claim-extractor+aligner");

    /// <summary>Passages in the rewrite index.</summary>
    public int RewriteIndexCount => _rewriteIndex.Count;

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
        var processed = _pipeline.Process(document, cancellationToken);
        var indexed = new List<IndexedFingerprint>(processed.Passages.Count);
        foreach (var passage in processed.Passages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Fingerprint(passage) is { } entry)
            {
                indexed.Add(entry);
            }
        }

        return new Prepared(document.Text, processed, indexed, ClaimExtractor.Extract(processed, cancellationToken));
    }

    /// <summary>
    /// A passage's fingerprint, word evidence and signatures; null for a passage too short to index. A function of the
    /// passage text alone, so the live state and the state rebuilt from the store on start are the same.
    /// </summary>
    private IndexedFingerprint? Fingerprint(Passage passage)
    {
        var evidence = PassageWordEvidence.Create(passage.Normalized, passage.Kind, _shingler, _contentShingler, out var fingerprint);
        if (fingerprint.TokenCount < _options.MinTokens || fingerprint.Shingles.Count == 0)
        {
            return null;
        }

        // Fewer content words than a rewrite must share can never verify as one: such passages stay out of the rewrite index.
        var rewrite = fingerprint.ContentWords.Count >= _options.RewriteMinSharedWords && _options.DetectRewrites
            ? MinHashPassageIndex.ToBytes(_rewriteHasher.ComputeSignature(fingerprint.ContentWords))
            : null;
        return new IndexedFingerprint(passage, fingerprint, evidence, MinHashPassageIndex.ToBytes(_hasher.ComputeSignature(fingerprint.Shingles)), rewrite);
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
    public async Task RebuildAsync(IAsyncEnumerable<StoredPassage> passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var batch = new List<(string Document, Passage Passage)>(4096);
        await foreach (var stored in passages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add((stored.Document, stored.Passage));
            if (batch.Count == batch.Capacity)
            {
                AddPassages(batch);
                batch.Clear();
            }
        }

        AddPassages(batch);
    }

    /// <inheritdoc />
    public void Committed(IngestAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        // Under the ingest lock: an analysis of ours already fingerprinted its passages outside it.
        if (_states.TryGetValue(analysis, out var state))
        {
            Add(analysis.Document.Id, state.Prepared.Indexed);
            return;
        }

        AddPassages([.. analysis.Document.Passages.Select(p => (analysis.Document.Id, p))]);
    }

    /// <inheritdoc />
    public void Deleted(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _rewriteIndex.Delete(document.Id);
        foreach (var passage in document.Passages)
        {
            // The stored passage's normalised text is what was fingerprinted when the document was added.
            if (Fingerprint(passage) is { } entry)
            {
                _words.Remove(entry.Evidence, countPassage: Uncount(entry.Evidence));
            }
        }
    }

    /// <summary>
    /// Records one more stored passage with these content words; true for the first, which alone counts towards common
    /// words: as in the batch, where identical passages are folded first, a wire sentence stored a hundred times does
    /// not make its own words common. Call under the ingest lock (or during the rebuild).
    /// </summary>
    private bool Count(PassageWordEvidence evidence)
    {
        ref var copies = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_copies, ContentKey(evidence), out _);
        return ++copies == 1;
    }

    /// <summary>Records one stored passage with these content words fewer; true when it was the last, whose words then stop counting.</summary>
    private bool Uncount(PassageWordEvidence evidence)
    {
        var key = ContentKey(evidence);
        if (!_copies.TryGetValue(key, out var copies) || copies <= 1)
        {
            _copies.Remove(key);
            return true;
        }

        _copies[key] = copies - 1;
        return false;
    }

    private static ulong ContentKey(PassageWordEvidence evidence) =>
        System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(evidence.ContentWords));

    /// <summary>Counts the passages' words and indexes their content words; fingerprints in parallel, adds in order.</summary>
    private void AddPassages(List<(string Document, Passage Passage)> passages)
    {
        var entries = new IndexedFingerprint?[passages.Count];
        Parallel.For(0, passages.Count, i => entries[i] = Fingerprint(passages[i].Passage));
        var rewrites = new List<IndexedPassage>(passages.Count);
        for (var i = 0; i < passages.Count; i++)
        {
            if (entries[i] is { } entry)
            {
                Add(passages[i].Document, entry, rewrites);
            }
        }

        _rewriteIndex.Insert(rewrites);
    }

    /// <summary>Counts one document's fingerprinted passages and indexes their content words.</summary>
    private void Add(string document, List<IndexedFingerprint> entries)
    {
        var rewrites = new List<IndexedPassage>(entries.Count);
        foreach (var entry in entries)
        {
            Add(document, entry, rewrites);
        }

        _rewriteIndex.Insert(rewrites);
    }

    private void Add(string document, IndexedFingerprint entry, List<IndexedPassage> rewrites)
    {
        _words.Add(entry.Evidence, countPassage: Count(entry.Evidence));
        if (entry.RewriteSignature is { } signature)
        {
            rewrites.Add(new IndexedPassage(document, entry.Passage.Index, entry.Passage.Start, entry.Passage.End, _rewriteIndex.Scheme, signature));
        }
    }

    /// <summary>Verified near-duplicates of the prepared passages among the indexed ones, in index order, within the caps.</summary>
    private async Task<List<NearDuplicateEdge>> MatchAsync(AnalysisState state, IAnalysisContext context, CancellationToken cancellationToken)
    {
        var id = state.Prepared.Document.Id;
        var outlet = state.Prepared.Document.Outlet;
        var edges = new List<NearDuplicateEdge>();
        var seen = new HashSet<(string, int)>();
        var found = new List<NearDuplicateEdge>();
        var sameOutlet = new HashSet<string>(StringComparer.Ordinal);
        state.Boilerplate.Clear();
        state.Topical.Clear();
        foreach (var (passage, fingerprint, _, signature, rewriteSignature) in state.Prepared.Indexed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            seen.Clear();
            found.Clear();
            // Copy candidates first, then rewrite candidates (content words): each verified once by the same rules.
            var copies = context.Index.Query(signature).Take(MaximumCandidatesPerPassage);
            var rewrites = rewriteSignature is null ? [] : _rewriteIndex.Query(rewriteSignature).Take(MaximumCandidatesPerPassage).ToList();
            if (_alignByTopic)
            {
                CountTopical(state, id, rewrites);
            }

            foreach (var hit in copies.Concat(rewrites))
            {
                if (string.Equals(hit.Document, id, StringComparison.Ordinal) || !seen.Add((hit.Document, hit.Passage)))
                {
                    continue;
                }

                if (!state.Verified.TryGetValue((passage.Index, hit.Document, hit.Passage), out var edge))
                {
                    edge = await VerifyAsync(state, passage, fingerprint, hit, context, cancellationToken).ConfigureAwait(false);
                    state.Verified[(passage.Index, hit.Document, hit.Passage)] = edge;
                }

                if (edge is not null)
                {
                    found.Add(edge);
                    if (found.Count == MaximumMatchesPerPassage)
                    {
                        break;
                    }
                }
            }

            // Core's boilerplate rule, incrementally: a passage the outlet already printed in enough other documents is
            // its sign-off or standing text, not syndication, and links nothing.
            sameOutlet.Clear();
            foreach (var edge in found)
            {
                if (outlet is { Length: > 0 } && state.Stored.GetValueOrDefault(edge.OtherDocument) is { } other
                    && string.Equals(other.Outlet, outlet, StringComparison.OrdinalIgnoreCase))
                {
                    sameOutlet.Add(edge.OtherDocument);
                }
            }

            if (sameOutlet.Count + 1 >= _options.BoilerplateMinDocuments)
            {
                state.Boilerplate.Add(passage.Index);
                continue;
            }

            edges.AddRange(found);
        }

        if (_options.ExtendToNeighbours && _options.DetectRewrites)
        {
            ExtendToNeighbours(state, edges);
        }

        return edges;
    }

    /// <summary>
    /// Core's neighbour rule, as the batch detector applies it: the sentences before and after a verified pair are
    /// compared by <see cref="PassageVerifier.VerifyNeighbour"/>, and what verifies is extended in turn, because a
    /// rewritten report keeps its order while its sentences drift further from the original than a lone rewrite may.
    /// </summary>
    private void ExtendToNeighbours(AnalysisState state, List<NearDuplicateEdge> edges)
    {
        var own = new Dictionary<int, IndexedFingerprint>();
        foreach (var entry in state.Prepared.Indexed)
        {
            own[entry.Passage.Index] = entry;
        }

        var known = new HashSet<(int, string, int)>();
        foreach (var edge in edges)
        {
            known.Add((edge.Passage, edge.OtherDocument, edge.OtherPassage));
        }

        var pending = new Queue<NearDuplicateEdge>(edges);
        while (pending.TryDequeue(out var edge))
        {
            foreach (var delta in (ReadOnlySpan<int>)[-1, 1])
            {
                var (a, b) = (edge.Passage + delta, edge.OtherPassage + delta);
                if (!own.TryGetValue(a, out var mine) || state.Boilerplate.Contains(a) || !known.Add((a, edge.OtherDocument, b))
                    || !state.Stored.TryGetValue(edge.OtherDocument, out var other) || other is null || PassageAt(other, b) is not { } theirs)
                {
                    continue;
                }

                if (!state.Neighbours.TryGetValue((a, edge.OtherDocument, b), out var found))
                {
                    found = null;
                    var fingerprint = StoredFingerprint(edge.OtherDocument, theirs);
                    if (fingerprint.TokenCount >= _options.MinTokens && _verifier.VerifyNeighbour(mine.Fingerprint, fingerprint, out var scores) is { } kind)
                    {
                        found = Edge(state, mine.Passage, edge.OtherDocument, theirs, kind, scores);
                    }

                    state.Neighbours[(a, edge.OtherDocument, b)] = found;
                }

                if (found is not null)
                {
                    edges.Add(found);
                    pending.Enqueue(found);
                }
            }
        }
    }

    private async Task<NearDuplicateEdge?> VerifyAsync(
        AnalysisState state, Passage passage, PassageFingerprint fingerprint, IndexedPassage hit, IAnalysisContext context, CancellationToken cancellationToken)
    {
        if (!state.Stored.TryGetValue(hit.Document, out var other))
        {
            state.Stored[hit.Document] = other = (await LoadAsync(hit.Document, context, cancellationToken).ConfigureAwait(false))?.Source;
        }

        var otherPassage = other is null ? null : PassageAt(other, hit.Passage);
        if (otherPassage is null)
        {
            return null;
        }

        var otherFingerprint = StoredFingerprint(hit.Document, otherPassage);
        if (_verifier.Verify(fingerprint, otherFingerprint, out var scores) is not { } kind)
        {
            return null;
        }

        return Edge(state, passage, hit.Document, otherPassage, kind, scores);
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

    /// <summary>A stored passage's fingerprint, from a bounded cache: wire copy is verified against every later copy of it.</summary>
    private PassageFingerprint StoredFingerprint(string document, Passage passage)
    {
        if (_fingerprints.TryGetValue((document, passage.Index), out var cached))
        {
            return cached;
        }

        if (_fingerprints.Count >= FingerprintCacheSize)
        {
            _fingerprints.Clear();
        }

        var fingerprint = PassageFingerprint.Create(passage.Normalized, _shingler, _contentShingler);
        _fingerprints.TryAdd((document, passage.Index), fingerprint);
        return fingerprint;
    }

    private static NearDuplicateEdge Edge(AnalysisState state, Passage passage, string otherDocument, Passage otherPassage, MatchKind kind, PairScores scores) =>
        new(state.Prepared.Document.Id, passage.Index, new SourceSpan(passage.Start, passage.End, passage.Text),
            otherDocument, otherPassage.Index, new SourceSpan(otherPassage.Start, otherPassage.End, otherPassage.Text),
            Math.Round(scores.Jaccard, 4), Math.Round(scores.Containment, 4), Math.Round(scores.Fuzzy, 4), kind.ToWireName())
        {
            Confidence = Math.Round(kind == MatchKind.Rewrite ? scores.Confidence : 1, 4),
        };

    /// <summary>Counts, per stored document, the new passages it has a rewrite-index candidate for: sentences about the same things.</summary>
    private static void CountTopical(AnalysisState state, string id, List<IndexedPassage> candidates)
    {
        string? previous = null;
        foreach (var hit in candidates)
        {
            // Candidates come in document order: count each document once per new passage.
            if (!string.Equals(hit.Document, id, StringComparison.Ordinal) && !string.Equals(hit.Document, previous, StringComparison.Ordinal))
            {
                state.Topical[hit.Document] = state.Topical.GetValueOrDefault(hit.Document) + 1;
            }

            previous = hit.Document;
        }
    }

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
        var signatures = new List<PassageSignature>(prepared.Indexed.Count);
        foreach (var (passage, _, _, signature, _) in prepared.Indexed)
        {
            signatures.Add(new PassageSignature(passage.Index, SignatureScheme, signature));
        }

        return new IngestAnalysis(processed, signatures, edges, findings)
        {
            // Stored for clients and audits; alignment re-extracts instead, so a newer extractor applies to old documents.
            ClaimsJson = prepared.ClaimsJson,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _rewriteIndex.Dispose();

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

    private sealed record IndexedFingerprint(Passage Passage, PassageFingerprint Fingerprint, PassageWordEvidence Evidence, byte[] Signature, byte[]? RewriteSignature);

    private sealed record Prepared(string Text, ProcessedDocument Document, List<IndexedFingerprint> Indexed, DocumentClaims Claims)
    {
        public string ClaimsJson { get; } = JsonSerializer.Serialize(new { Claims.Figures, Claims.Quotes, Claims.People }, ClaimsJsonOptions);
    }

    /// <summary>What an analysis learnt, kept so that a revision under the lock redoes only what changed.</summary>
    private sealed class AnalysisState(Prepared prepared)
    {
        public Prepared Prepared { get; } = prepared;

        /// <summary>Verification outcome per (new passage, stored document, stored passage); null when not a match.</summary>
        public Dictionary<(int, string, int), NearDuplicateEdge?> Verified { get; } = [];

        /// <summary>Neighbour-rule outcome per (new passage, stored document, stored passage); null when not a match.</summary>
        public Dictionary<(int, string, int), NearDuplicateEdge?> Neighbours { get; } = [];

        /// <summary>Per stored document, the new passages with a rewrite-index candidate in it (last matching).</summary>
        public Dictionary<string, int> Topical { get; } = new(StringComparer.Ordinal);

        /// <summary>Passages of the new document found to be its outlet's boilerplate in the last matching.</summary>
        public HashSet<int> Boilerplate { get; } = [];

        /// <summary>Stored documents loaded for verification.</summary>
        public Dictionary<string, ProcessedDocument?> Stored { get; } = new(StringComparer.Ordinal);

        /// <summary>Ids of the related documents the findings were aligned with.</summary>
        public string[] Related { get; set; } = [];
    }
}
