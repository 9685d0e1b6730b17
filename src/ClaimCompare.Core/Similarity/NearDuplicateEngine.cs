using System.Runtime.InteropServices;
using System.Text;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// The one near-duplicate engine: documents are inserted and deleted one at a time or in batches, and a passage (or a
/// whole new document) is queried for its candidates and verified links. The batch <see cref="NearDuplicateDetector"/>
/// inserts every document into one and lists its candidate pairs in bulk; the service inserts each document as it is
/// stored and queries each new one against what is there.
/// </summary>
/// <remarks>
/// <para>
/// <b>Insert.</b> Every passage is fingerprinted (<see cref="PassageFingerprint"/>, word evidence); a passage of at
/// least <see cref="DedupOptions.MinTokens"/> tokens joins the group of identical copies with its copy shingles, and
/// only a group's first member (its representative) is indexed, so a sentence printed a thousand times costs one
/// entry per band. The word statistics (<see cref="CorpusWordStatistics"/>) count every passage's capitalisation and
/// each group's content words once; then the informative words (neither names nor common) of the inserted passages
/// are judged with the statistics that include the batch, and the representatives enter the copy table (copy
/// shingles) and the rewrite table (informative words, when at least <see cref="DedupOptions.RewriteMinSharedWords"/>).
/// A batch of every document at once is therefore exactly the batch detector's indexing.
/// </para>
/// <para>
/// <b>Delete.</b> The inverse: statistics uncounted, representatives taken out of the tables; a group that keeps
/// members gets its next member as representative, indexed with the statistics as they are then.
/// </para>
/// <para>
/// <b>Query.</b> Candidates from both tables (groups expanded to their members), the first
/// <see cref="MaximumCandidatesPerPassage"/> of each by (document, passage), each verified exactly by
/// <see cref="PassageVerifier"/> with the current statistics, at most <see cref="MaximumMatchesPerPassage"/> links
/// kept. <see cref="QueryDocument"/> adds the batch's two document-level rules incrementally: a passage its outlet
/// already printed in enough other documents is boilerplate and links nothing, and verified links are extended to
/// neighbouring sentences (<see cref="PassageVerifier.VerifyNeighbour"/>).
/// </para>
/// <para>
/// <b>Where it differs from one batch.</b> The statistics at a query are those of the documents inserted so far, so
/// a word that becomes common later stops counting from then on, and the rewrite signature of a stored passage keeps
/// the informative words of its insert; the boilerplate rule applies from the outlet's
/// <see cref="DedupOptions.BoilerplateMinDocuments"/>th document on.
/// </para>
/// <para>
/// <b>State.</b> Everything the engine knows lives in its <see cref="INearDuplicateState"/> (in memory by default), and
/// <see cref="Snapshot"/> / <see cref="Restore"/> write and read it.
/// </para>
/// <para>
/// <b>Concurrency.</b> Queries may run on any number of threads, also while one thread inserts or deletes; writes must
/// be serialised by the caller.
/// </para>
/// </remarks>
public sealed class NearDuplicateEngine
{
    /// <summary>At most this many candidates of each table are verified per queried passage: a bound on hostile input.</summary>
    public const int MaximumCandidatesPerPassage = 64;

    /// <summary>At most this many stored passages are linked to one queried passage; clusters still connect through them.</summary>
    public const int MaximumMatchesPerPassage = 16;

    private const string SnapshotMagic = "CCNDE01";
    private const int SignatureChunk = 8192;

    private readonly Shingler _shingler;
    private readonly Shingler _contentShingler;
    private readonly MinHasher _copyHasher;
    private readonly MinHasher _rewriteHasher;
    private readonly int _maxDegreeOfParallelism;
    private readonly bool _indexTopics;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Thresholds and schemes; <see cref="DedupOptions.Default"/> when null.</param>
    /// <param name="state">Where the engine keeps what it knows; a new <see cref="InMemoryNearDuplicateState"/> when null.</param>
    /// <param name="maxDegreeOfParallelism">Threads for fingerprinting and signatures; -1 (the default) for all cores.</param>
    /// <param name="indexTopics">
    /// Whether to keep the <see cref="LshTable.Topics"/> table (all content words, names included), whose candidates
    /// <see cref="DocumentMatches.Topical"/> counts: documents about the same things that share no passage.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public NearDuplicateEngine(DedupOptions? options = null, INearDuplicateState? state = null, int maxDegreeOfParallelism = -1, bool indexTopics = false)
    {
        _indexTopics = indexTopics;
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 or a positive number.");
        }

        options ??= DedupOptions.Default;
        options.Validate();
        Options = options;
        State = state ?? new InMemoryNearDuplicateState(options);
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _shingler = new Shingler(options.CopyScheme.Shingles, options.NormalizerVersion);
        _contentShingler = new Shingler(options.RewriteScheme.Shingles, options.NormalizerVersion);
        _copyHasher = new MinHasher(options.CopyScheme);
        _rewriteHasher = new MinHasher(options.RewriteScheme);
        Verifier = new PassageVerifier(options, State.Words.IsName, State.Words.IsCommon);
    }

    /// <summary>The options.</summary>
    public DedupOptions Options { get; }

    /// <summary>The state.</summary>
    public INearDuplicateState State { get; }

    /// <summary>The verifier, judging with the state's word statistics.</summary>
    public PassageVerifier Verifier { get; }

    /// <summary>Fingerprints a document's passages: work on the document alone, safe on any thread, no state touched.</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Checked between passages.</param>
    /// <returns>The prepared document, to query or insert.</returns>
    public PreparedDocument Prepare(ProcessedDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ordered = new List<Passage>(document.Passages);
        ordered.Sort(static (x, y) => x.Index.CompareTo(y.Index));
        var prepared = new PreparedPassage[ordered.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepared[i] = PreparePassage(ordered[i]);
        }

        return new PreparedDocument(new EngineDocument(document.Id, document.Outlet, document.Date), prepared);
    }

    /// <summary>Fingerprints one passage.</summary>
    /// <param name="passage">The passage.</param>
    /// <returns>The prepared passage.</returns>
    public PreparedPassage PreparePassage(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var evidence = PassageWordEvidence.Create(passage.Normalized, passage.Kind, _shingler, _contentShingler, out var fingerprint);
        return new PreparedPassage(passage, fingerprint, evidence, fingerprint.TokenCount >= Options.MinTokens && fingerprint.Shingles.Count > 0);
    }

    /// <summary>The copy signature of a prepared passage (computed once).</summary>
    private MinHashSignature CopySignature(PreparedPassage passage) => passage.CopySignature ??= _copyHasher.ComputeSignature(passage.Fingerprint.Shingles);

    /// <summary>Inserts one document.</summary>
    /// <param name="document">A document not yet held.</param>
    /// <returns>What was indexed.</returns>
    /// <exception cref="ArgumentException">The document is already held.</exception>
    public EngineInsertSummary Insert(ProcessedDocument document) => Insert(Prepare(document));

    /// <summary>Inserts one prepared document.</summary>
    /// <param name="document">A document not yet held, prepared by this engine.</param>
    /// <returns>What was indexed.</returns>
    /// <exception cref="ArgumentException">The document is already held.</exception>
    public EngineInsertSummary Insert(PreparedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return InsertPrepared([document], null, CancellationToken.None);
    }

    /// <summary>Inserts documents as one batch: fingerprints in parallel, then statistics, then the band tables.</summary>
    /// <param name="documents">Documents not yet held, with distinct ids, inserted in the order given.</param>
    /// <param name="cancellationToken">Checked while fingerprinting (nothing is inserted when cancelled there).</param>
    /// <returns>What was indexed.</returns>
    /// <exception cref="ArgumentException">A document is already held, or two have the same id.</exception>
    public EngineInsertSummary InsertRange(IReadOnlyList<ProcessedDocument> documents, CancellationToken cancellationToken = default) =>
        InsertRange(documents, null, cancellationToken);

    /// <summary>As <see cref="InsertRange(IReadOnlyList{ProcessedDocument}, CancellationToken)"/>, reporting stage ends to <paramref name="stage"/>.</summary>
    internal EngineInsertSummary InsertRange(IReadOnlyList<ProcessedDocument> documents, Action<string>? stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var parallel = Parallel(cancellationToken);
        var prepared = new PreparedDocument[documents.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<(int Document, Passage Passage)>();
        for (var d = 0; d < documents.Count; d++)
        {
            var document = documents[d] ?? throw new ArgumentException("A document is null.", nameof(documents));
            if (!ids.Add(document.Id))
            {
                throw new ArgumentException($"Document id '{document.Id}' occurs more than once.", nameof(documents));
            }

            var ordered = new List<Passage>(document.Passages);
            ordered.Sort(static (x, y) => x.Index.CompareTo(y.Index));
            foreach (var passage in ordered)
            {
                all.Add((d, passage));
            }
        }

        // A passage printed word for word by many documents is fingerprinted once; its copies share the fingerprint
        // and the word evidence (both are functions of the normalised text and kind alone).
        var firstCopy = new int[all.Count];
        var seen = new Dictionary<(string Text, PassageKind Kind), int>(all.Count);
        for (var p = 0; p < all.Count; p++)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, (all[p].Passage.Normalized, all[p].Passage.Kind), out var exists);
            if (!exists)
            {
                slot = p;
            }

            firstCopy[p] = slot;
        }

        var passages = new PreparedPassage[all.Count];
        System.Threading.Tasks.Parallel.For(0, all.Count, parallel, p =>
        {
            if (firstCopy[p] == p)
            {
                passages[p] = PreparePassage(all[p].Passage);
            }
        });
        for (var p = 0; p < all.Count; p++)
        {
            if (firstCopy[p] != p)
            {
                var first = passages[firstCopy[p]];
                passages[p] = new PreparedPassage(all[p].Passage, first.Fingerprint, first.Evidence, first.Indexable);
            }
        }

        var start = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            var end = start;
            while (end < all.Count && all[end].Document == d)
            {
                end++;
            }

            prepared[d] = new PreparedDocument(new EngineDocument(documents[d].Id, documents[d].Outlet, documents[d].Date), passages[start..end]);
            start = end;
        }

        stage?.Invoke("fingerprints");
        return InsertPrepared(prepared, stage, cancellationToken);
    }

    private ParallelOptions Parallel(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _maxDegreeOfParallelism, CancellationToken = cancellationToken, TaskScheduler = Reporting.CpuAccount.SchedulerFor() };

    private EngineInsertSummary InsertPrepared(PreparedDocument[] documents, Action<string>? stage, CancellationToken cancellationToken)
    {
        var parallel = Parallel(cancellationToken);
        var engineDocuments = new EngineDocument[documents.Length];
        var lists = new IReadOnlyList<(Passage, PassageFingerprint, bool)>[documents.Length];
        var flat = new List<PreparedPassage>();
        for (var d = 0; d < documents.Length; d++)
        {
            engineDocuments[d] = documents[d].Document;
            var list = new (Passage, PassageFingerprint, bool)[documents[d].Passages.Count];
            for (var i = 0; i < list.Length; i++)
            {
                var passage = documents[d].Passages[i];
                list[i] = (passage.Passage, passage.Fingerprint, passage.Indexable);
                flat.Add(passage);
            }

            lists[d] = list;
        }

        var added = State.AddDocuments(engineDocuments, lists);

        // Names learn from every sentence; common words count each group of identical copies once, so a sentence
        // syndicated a thousand times does not make its own words common.
        var words = State.Words;
        for (var p = 0; p < flat.Count; p++)
        {
            words.Add(flat[p].Evidence, countPassage: added[p].NewGroup);
        }

        // Copies prepared together share one fingerprint object: its informative words are computed once.
        var owners = new List<PassageFingerprint>(flat.Count);
        var distinct = new HashSet<PassageFingerprint>(flat.Count, ReferenceEqualityComparer.Instance);
        foreach (var passage in flat)
        {
            if (distinct.Add(passage.Fingerprint))
            {
                owners.Add(passage.Fingerprint);
            }
        }

        System.Threading.Tasks.Parallel.For(0, owners.Count, parallel, p => owners[p].InformativeWords = words.InformativeWords(owners[p].ContentWords.Hashes));
        var representatives = new List<int>();
        for (var p = 0; p < flat.Count; p++)
        {
            if (added[p].NewGroup)
            {
                representatives.Add(p);
            }
        }

        long bytes = IndexSignatures(LshTable.Copies, _copyHasher, representatives, added, p => flat[p].Fingerprint.Shingles.Hashes, parallel);
        if (Options.DetectRewrites)
        {
            // A passage with fewer informative words than a rewrite must share can never verify as one, and small sets
            // collide by chance most: leave them out of the rewrite table.
            var minimum = Options.RewriteMinSharedWords;
            bytes += IndexSignatures(LshTable.Rewrites, _rewriteHasher, representatives, added,
                p => flat[p].Fingerprint.InformativeWords is { } informative && informative.Length >= minimum ? informative : default, parallel);
        }

        if (_indexTopics)
        {
            IndexTopics(representatives, added, flat, parallel);
        }

        stage?.Invoke("signatures+index");
        return new EngineInsertSummary(flat.Count, representatives.Count, bytes);
    }

    private delegate ReadOnlySpan<ulong> HashSelector(int passage);

    private void IndexTopics(List<int> representatives, IReadOnlyList<(int Id, int Group, bool NewGroup)> added, List<PreparedPassage> flat, ParallelOptions parallel)
    {
        var minimum = Options.RewriteMinSharedWords;
        IndexSignatures(LshTable.Topics, _rewriteHasher, representatives, added,
            p => flat[p].Fingerprint.ContentWords.Count >= minimum ? flat[p].Fingerprint.ContentWords.Hashes : default, parallel);
    }

    private long IndexSignatures(
        LshTable table, MinHasher hasher, List<int> representatives, IReadOnlyList<(int Id, int Group, bool NewGroup)> added, HashSelector select, ParallelOptions parallel)
    {
        var k = hasher.Scheme.Permutations;
        long bytes = 0;
        var ids = new List<int>(Math.Min(SignatureChunk, representatives.Count));
        var values = new uint[Math.Min(SignatureChunk, representatives.Count) * k];
        for (var start = 0; start < representatives.Count; start += SignatureChunk)
        {
            var count = Math.Min(SignatureChunk, representatives.Count - start);
            var slots = new bool[count];
            System.Threading.Tasks.Parallel.For(0, count, parallel, i =>
            {
                var hashes = select(representatives[start + i]);
                if (!hashes.IsEmpty)
                {
                    hasher.ComputeSignature(hashes, values.AsSpan(i * k, k));
                    slots[i] = true;
                }
            });

            // Compact the non-empty signatures to the front, keeping their order.
            ids.Clear();
            for (var i = 0; i < count; i++)
            {
                if (slots[i])
                {
                    if (ids.Count != i)
                    {
                        values.AsSpan(i * k, k).CopyTo(values.AsSpan(ids.Count * k, k));
                    }

                    ids.Add(added[representatives[start + i]].Id);
                }
            }

            State.AddSignatures(table, CollectionsMarshal.AsSpan(ids), values.AsSpan(0, ids.Count * k));
            bytes += (long)ids.Count * k * sizeof(uint);
        }

        return bytes;
    }

    /// <summary>Deletes a document: its passages, what the statistics counted of them and their band-table entries.</summary>
    /// <param name="documentId">The document id.</param>
    /// <returns>Whether the document was held.</returns>
    public bool Delete(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var removed = State.RemoveDocument(documentId);
        if (removed is null)
        {
            return false;
        }

        var words = State.Words;
        foreach (var (passage, wasRepresentative, newRepresentative) in removed)
        {
            // The evidence is a function of the passage text: recomputed, it is what was counted.
            var evidence = PassageWordEvidence.Create(passage.Passage.Normalized, passage.Passage.Kind, _shingler, _contentShingler, out _);
            words.Remove(evidence, countPassage: wasRepresentative);
            if (!wasRepresentative)
            {
                continue;
            }

            State.RemoveSignature(LshTable.Copies, passage.Id);
            State.RemoveSignature(LshTable.Rewrites, passage.Id);
            State.RemoveSignature(LshTable.Topics, passage.Id);
            if (newRepresentative >= 0 && State.GetPassage(newRepresentative) is { } next)
            {
                // The group lives on: its next member is counted and indexed in its place.
                var nextEvidence = PassageWordEvidence.Create(next.Passage.Normalized, next.Passage.Kind, _shingler, _contentShingler, out _);
                words.Remove(nextEvidence, countPassage: false);
                words.Add(nextEvidence, countPassage: true);
                Index(next);
            }
        }

        return true;
    }

    /// <summary>Indexes a passage that became its group's representative, with the statistics as they are now.</summary>
    private void Index(EnginePassage passage)
    {
        var k = Options.CopyScheme.Permutations;
        var values = new uint[k];
        _copyHasher.ComputeSignature(passage.Fingerprint.Shingles.Hashes, values);
        State.AddSignatures(LshTable.Copies, [passage.Id], values);
        var informative = State.Words.InformativeWords(passage.Fingerprint.ContentWords.Hashes);
        passage.Fingerprint.InformativeWords = informative;
        if (Options.DetectRewrites && informative.Length >= Options.RewriteMinSharedWords)
        {
            var rewrite = new uint[Options.RewriteScheme.Permutations];
            _rewriteHasher.ComputeSignature(informative, rewrite);
            State.AddSignatures(LshTable.Rewrites, [passage.Id], rewrite);
        }

        if (_indexTopics && passage.Fingerprint.ContentWords.Count >= Options.RewriteMinSharedWords)
        {
            var topic = new uint[Options.RewriteScheme.Permutations];
            _rewriteHasher.ComputeSignature(passage.Fingerprint.ContentWords.Hashes, topic);
            State.AddSignatures(LshTable.Topics, [passage.Id], topic);
        }
    }

    /// <summary>
    /// The candidates of one passage and the verified links among them: the first <see cref="MaximumCandidatesPerPassage"/>
    /// copy candidates, then as many rewrite candidates, by (document, passage), verified in that order until
    /// <see cref="MaximumMatchesPerPassage"/> links are found.
    /// </summary>
    /// <param name="passage">A passage prepared by this engine (<see cref="PreparePassage"/>).</param>
    /// <param name="excludeDocument">A document whose passages are not candidates (the queried passage's own), or null.</param>
    /// <returns>The candidates and the links; empty for a passage too short to index.</returns>
    public PassageMatches Query(PreparedPassage passage, string? excludeDocument = null) => Query(passage, excludeDocument, null);

    private PassageMatches Query(PreparedPassage passage, string? excludeDocument, Dictionary<(int, int), NearDuplicateLink?>? memo)
    {
        ArgumentNullException.ThrowIfNull(passage);
        if (!passage.Indexable)
        {
            return new PassageMatches([], [], []);
        }

        IReadOnlyList<EnginePassage> topics = [];
        if (_indexTopics && passage.Fingerprint.ContentWords.Count >= Options.RewriteMinSharedWords)
        {
            var ids = new List<int>();
            State.QueryCandidates(LshTable.Topics, _rewriteHasher.ComputeSignature(passage.Fingerprint.ContentWords), ids);
            topics = Expand(ids, excludeDocument);
        }

        var candidates = new List<int>();
        State.QueryCandidates(LshTable.Copies, CopySignature(passage), candidates);
        var copies = Expand(candidates, excludeDocument);
        IReadOnlyList<EnginePassage> rewrites = [];
        if (Options.DetectRewrites)
        {
            var informative = State.Words.InformativeWords(passage.Fingerprint.ContentWords.Hashes);
            if (informative.Length >= Options.RewriteMinSharedWords)
            {
                var values = new uint[Options.RewriteScheme.Permutations];
                _rewriteHasher.ComputeSignature(informative, values);
                State.QueryCandidates(LshTable.Rewrites, new MinHashSignature(Options.RewriteScheme, values), candidates);
                rewrites = Expand(candidates, excludeDocument);
            }
        }

        var links = new List<NearDuplicateLink>();
        var seen = new HashSet<int>();
        foreach (var list in (ReadOnlySpan<IReadOnlyList<EnginePassage>>)[copies, rewrites])
        {
            foreach (var other in list)
            {
                if (links.Count == MaximumMatchesPerPassage)
                {
                    break;
                }

                if (!seen.Add(other.Id))
                {
                    continue;
                }

                NearDuplicateLink? link;
                if (memo is null || !memo.TryGetValue((passage.Passage.Index, other.Id), out link))
                {
                    link = Verifier.Verify(passage.Fingerprint, other.Fingerprint, out var scores) is { } kind
                        ? new NearDuplicateLink(passage.Passage.Index, other, kind, scores)
                        : null;
                    memo?.Add((passage.Passage.Index, other.Id), link);
                }

                if (link is not null)
                {
                    links.Add(link);
                }
            }
        }

        return new PassageMatches(copies, rewrites, links) { TopicCandidates = topics };
    }

    /// <summary>The members of the candidate representatives' groups, outside <paramref name="excludeDocument"/>, the first <see cref="MaximumCandidatesPerPassage"/> by (document, passage).</summary>
    private List<EnginePassage> Expand(List<int> representatives, string? excludeDocument)
    {
        var passages = new List<EnginePassage>();
        foreach (var id in representatives)
        {
            if (State.GetPassage(id) is not { } representative)
            {
                continue;
            }

            foreach (var member in State.GetGroupMembers(representative.Group))
            {
                if (State.GetPassage(member) is { } passage && !string.Equals(passage.Document, excludeDocument, StringComparison.Ordinal))
                {
                    passages.Add(passage);
                }
            }
        }

        passages.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Document, b.Document);
            return c != 0 ? c : a.Passage.Index.CompareTo(b.Passage.Index);
        });
        if (passages.Count > MaximumCandidatesPerPassage)
        {
            passages.RemoveRange(MaximumCandidatesPerPassage, passages.Count - MaximumCandidatesPerPassage);
        }

        return passages;
    }

    /// <summary>
    /// Queries every passage of a document not held (a new one) against the held documents, with the boilerplate rule
    /// and the neighbour rule applied: the links an insert of it would make.
    /// </summary>
    /// <param name="document">The document, prepared by this engine.</param>
    /// <param name="memo">Verification outcomes of an earlier query of the same document, reused (a query revised after more inserts); null for none.</param>
    /// <param name="cancellationToken">Checked between passages.</param>
    /// <returns>Links in passage order (then neighbour links in the order found), boilerplate passages, and topical documents.</returns>
    public DocumentMatches QueryDocument(PreparedDocument document, NearDuplicateQueryMemo? memo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        memo ??= new NearDuplicateQueryMemo();
        var id = document.Document.Id;
        var outlet = document.Document.Outlet;
        var links = new List<NearDuplicateLink>();
        var boilerplate = new HashSet<int>();
        var topical = new Dictionary<string, int>(StringComparer.Ordinal);
        var sameOutlet = new HashSet<string>(StringComparer.Ordinal);
        var outlets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var passage in document.Passages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var matches = Query(passage, id, memo.Verified);
            string? previous = null;
            foreach (var candidate in matches.TopicCandidates)
            {
                // Count each document once per passage: its passages on the same things.
                if (!string.Equals(candidate.Document, previous, StringComparison.Ordinal))
                {
                    topical[candidate.Document] = topical.GetValueOrDefault(candidate.Document) + 1;
                }

                previous = candidate.Document;
            }

            // The boilerplate rule, incrementally: a passage the outlet already printed in enough other documents is its
            // sign-off or standing text, not syndication, and links nothing.
            sameOutlet.Clear();
            foreach (var link in matches.Links)
            {
                if (outlet is { Length: > 0 } && string.Equals(OutletOf(link.Other.Document, outlets), outlet, StringComparison.OrdinalIgnoreCase))
                {
                    sameOutlet.Add(link.Other.Document);
                }
            }

            if (sameOutlet.Count + 1 >= Options.BoilerplateMinDocuments)
            {
                boilerplate.Add(passage.Passage.Index);
                continue;
            }

            links.AddRange(matches.Links);
        }

        if (Options.ExtendToNeighbours)
        {
            ExtendToNeighbours(document, links, boilerplate, memo.Neighbours);
        }

        return new DocumentMatches(links, boilerplate, topical);
    }

    private string? OutletOf(string document, Dictionary<string, string?> outlets)
    {
        if (!outlets.TryGetValue(document, out var outlet))
        {
            outlets[document] = outlet = State.GetDocument(document)?.Outlet;
        }

        return outlet;
    }

    /// <summary>
    /// The neighbour rule: the passages before and after both ends of a link are compared by
    /// <see cref="PassageVerifier.VerifyNeighbour"/>, and what verifies is extended in turn, because a rewritten report
    /// keeps its order while its sentences drift further from the original than a lone rewrite may.
    /// </summary>
    private void ExtendToNeighbours(PreparedDocument document, List<NearDuplicateLink> links, HashSet<int> boilerplate, Dictionary<(int, string, int), NearDuplicateLink?> memo)
    {
        var own = new Dictionary<int, PreparedPassage>();
        foreach (var passage in document.Passages)
        {
            if (passage.Indexable)
            {
                own[passage.Passage.Index] = passage;
            }
        }

        var known = new HashSet<(int, string, int)>();
        foreach (var link in links)
        {
            known.Add((link.Passage, link.Other.Document, link.Other.Passage.Index));
        }

        var pending = new Queue<NearDuplicateLink>(links);
        while (pending.TryDequeue(out var link))
        {
            foreach (var delta in (ReadOnlySpan<int>)[-1, 1])
            {
                var (a, b) = (link.Passage + delta, link.Other.Passage.Index + delta);
                if (!own.TryGetValue(a, out var mine) || boilerplate.Contains(a) || !known.Add((a, link.Other.Document, b)))
                {
                    continue;
                }

                if (!memo.TryGetValue((a, link.Other.Document, b), out var found))
                {
                    found = null;
                    if (State.FindPassage(link.Other.Document, b) is { } theirs && theirs.Fingerprint.TokenCount >= Options.MinTokens
                        && Verifier.VerifyNeighbour(mine.Fingerprint, theirs.Fingerprint, out var scores) is { } kind)
                    {
                        found = new NearDuplicateLink(a, theirs, kind, scores);
                    }

                    memo[(a, link.Other.Document, b)] = found;
                }

                if (found is not null)
                {
                    links.Add(found);
                    pending.Enqueue(found);
                }
            }
        }
    }

    /// <summary>
    /// Writes the state: every document and passage in insertion order, with the informative words each passage was
    /// indexed with (the one thing that depends on the order of inserts); everything else is a function of these.
    /// </summary>
    /// <param name="stream">A writable stream, left open.</param>
    /// <remarks>Take no writes meanwhile: a snapshot is of one state.</remarks>
    public void Snapshot(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(SnapshotMagic);
        writer.Write(SchemeKey(Options));
        var documents = State.GetDocuments();
        writer.Write(documents.Count);
        foreach (var document in documents)
        {
            writer.Write(document.Id);
            writer.Write(document.Outlet ?? string.Empty);
            writer.Write(document.Outlet is not null);
            writer.Write(document.Date?.DayNumber ?? -1);
            var passages = State.GetPassages(document.Id);
            writer.Write(passages.Count);
            foreach (var entry in passages)
            {
                var passage = entry.Passage;
                writer.Write(passage.Index);
                writer.Write(passage.Paragraph);
                writer.Write((int)passage.Kind);
                writer.Write(passage.Start);
                writer.Write(passage.End);
                writer.Write(passage.Text);
                writer.Write(passage.Normalized);
                var informative = entry.Fingerprint.InformativeWords;
                writer.Write(informative?.Length ?? -1);
                foreach (var word in informative ?? [])
                {
                    writer.Write(word);
                }
            }
        }
    }

    /// <summary>Reads a state written by <see cref="Snapshot"/> into this engine, whose state must be empty.</summary>
    /// <param name="stream">A readable stream at the start of a snapshot, left open.</param>
    /// <exception cref="InvalidOperationException">The state is not empty.</exception>
    /// <exception cref="InvalidDataException">The stream holds no snapshot.</exception>
    /// <exception cref="SchemeMismatchException">The snapshot was written under other schemes or thresholds.</exception>
    public void Restore(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (State.PassageCount != 0 || State.DocumentCount != 0)
        {
            throw new InvalidOperationException("Restore needs an empty state.");
        }

        var documents = new List<PreparedDocument>();
        var informativeWords = new List<ulong[]?>();
        using (var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true))
        {
            try
            {
                if (reader.ReadString() != SnapshotMagic)
                {
                    throw new InvalidDataException("Not a near-duplicate engine snapshot.");
                }

                var key = reader.ReadString();
                if (!string.Equals(key, SchemeKey(Options), StringComparison.Ordinal))
                {
                    throw new SchemeMismatchException($"The snapshot was written under '{key}', not '{SchemeKey(Options)}'.");
                }

                var count = reader.ReadInt32();
                var texts = new List<(int Document, Passage Passage)>();
                var headers = new List<EngineDocument>(count);
                for (var d = 0; d < count; d++)
                {
                    var id = reader.ReadString();
                    var outlet = reader.ReadString();
                    var hasOutlet = reader.ReadBoolean();
                    var day = reader.ReadInt32();
                    headers.Add(new EngineDocument(id, hasOutlet ? outlet : null, day < 0 ? null : DateOnly.FromDayNumber(day)));
                    var passages = reader.ReadInt32();
                    for (var i = 0; i < passages; i++)
                    {
                        var passage = new Passage(reader.ReadInt32(), reader.ReadInt32(), (PassageKind)reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadString(), reader.ReadString());
                        texts.Add((d, passage));
                        var length = reader.ReadInt32();
                        var words = length < 0 ? null : new ulong[length];
                        for (var w = 0; w < length; w++)
                        {
                            words![w] = reader.ReadUInt64();
                        }

                        informativeWords.Add(words);
                    }
                }

                var prepared = new PreparedPassage[texts.Count];
                System.Threading.Tasks.Parallel.For(0, texts.Count, Parallel(CancellationToken.None), p => prepared[p] = PreparePassage(texts[p].Passage));
                var start = 0;
                for (var d = 0; d < headers.Count; d++)
                {
                    var end = start;
                    while (end < texts.Count && texts[end].Document == d)
                    {
                        end++;
                    }

                    documents.Add(new PreparedDocument(headers[d], prepared[start..end]));
                    start = end;
                }
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException("The snapshot is truncated.", e);
            }
        }

        var engineDocuments = new EngineDocument[documents.Count];
        var lists = new IReadOnlyList<(Passage, PassageFingerprint, bool)>[documents.Count];
        var flat = new List<PreparedPassage>();
        for (var d = 0; d < documents.Count; d++)
        {
            engineDocuments[d] = documents[d].Document;
            lists[d] = [.. documents[d].Passages.Select(p => (p.Passage, p.Fingerprint, p.Indexable))];
            flat.AddRange(documents[d].Passages);
        }

        var added = State.AddDocuments(engineDocuments, lists);
        var representatives = new List<int>();
        for (var p = 0; p < flat.Count; p++)
        {
            State.Words.Add(flat[p].Evidence, countPassage: added[p].NewGroup);
            flat[p].Fingerprint.InformativeWords = informativeWords[p];
            if (added[p].NewGroup)
            {
                representatives.Add(p);
            }
        }

        var parallel = Parallel(CancellationToken.None);
        IndexSignatures(LshTable.Copies, _copyHasher, representatives, added, p => flat[p].Fingerprint.Shingles.Hashes, parallel);
        if (Options.DetectRewrites)
        {
            var minimum = Options.RewriteMinSharedWords;
            IndexSignatures(LshTable.Rewrites, _rewriteHasher, representatives, added,
                p => flat[p].Fingerprint.InformativeWords is { } informative && informative.Length >= minimum ? informative : default, parallel);
        }

        if (_indexTopics)
        {
            IndexTopics(representatives, added, flat, parallel);
        }
    }

    /// <summary>What must match for a snapshot to be read: the schemes, bandings and word-statistics rules.</summary>
    private static string SchemeKey(DedupOptions options) =>
        $"{options.CopyScheme}|{options.RewriteScheme}|{InMemoryNearDuplicateState.CopyBanding(options)}|{InMemoryNearDuplicateState.RewriteBanding(options)}"
        + $"|{options.MinTokens}|{options.DetectRewrites}|{options.RewriteMinSharedWords}|{options.CommonWordShare}|{options.CommonWordMinPassages}|{options.CommonWordMaxPassages}|{options.NameCapitalizedShare}";
}

/// <summary>A document prepared by <see cref="NearDuplicateEngine.Prepare"/>: its passages fingerprinted, in passage order.</summary>
/// <param name="Document">The document.</param>
/// <param name="Passages">Its passages, in passage order.</param>
public sealed record PreparedDocument(EngineDocument Document, IReadOnlyList<PreparedPassage> Passages);

/// <summary>A passage prepared by <see cref="NearDuplicateEngine.PreparePassage"/>.</summary>
/// <param name="Passage">The passage.</param>
/// <param name="Fingerprint">Its fingerprint.</param>
/// <param name="Evidence">Its word evidence for the statistics.</param>
/// <param name="Indexable">Whether it is long enough to index (<see cref="DedupOptions.MinTokens"/> tokens and a shingle).</param>
public sealed record PreparedPassage(Passage Passage, PassageFingerprint Fingerprint, PassageWordEvidence Evidence, bool Indexable)
{
    /// <summary>The copy signature, once computed.</summary>
    internal MinHashSignature? CopySignature { get; set; }
}

/// <summary>A verified link from a queried passage to a held one.</summary>
/// <param name="Passage">The queried passage's index in its document.</param>
/// <param name="Other">The held passage.</param>
/// <param name="Kind">How close they are.</param>
/// <param name="Scores">The verifier's scores; <see cref="PairScores.Confidence"/> is the rewrite model's for a rewrite.</param>
public sealed record NearDuplicateLink(int Passage, EnginePassage Other, MatchKind Kind, PairScores Scores);

/// <summary>What a passage query found.</summary>
/// <param name="CopyCandidates">Copy-table candidates, by (document, passage), capped.</param>
/// <param name="RewriteCandidates">Rewrite-table candidates, by (document, passage), capped.</param>
/// <param name="Links">The verified links, copy candidates first.</param>
public sealed record PassageMatches(IReadOnlyList<EnginePassage> CopyCandidates, IReadOnlyList<EnginePassage> RewriteCandidates, IReadOnlyList<NearDuplicateLink> Links)
{
    /// <summary>Topic-table candidates (all content words), by (document, passage), capped; empty unless the engine indexes topics.</summary>
    public IReadOnlyList<EnginePassage> TopicCandidates { get; init; } = [];
}

/// <summary>What a document query found.</summary>
/// <param name="Links">Verified links, in passage order, then neighbour links in the order found.</param>
/// <param name="Boilerplate">Indexes of the passages found to be their outlet's boilerplate (they link nothing).</param>
/// <param name="Topical">Per held document, how many queried passages have a topic-table candidate in it (empty unless the engine indexes topics).</param>
public sealed record DocumentMatches(IReadOnlyList<NearDuplicateLink> Links, IReadOnlySet<int> Boilerplate, IReadOnlyDictionary<string, int> Topical);

/// <summary>What an insert indexed.</summary>
/// <param name="Passages">Passages inserted.</param>
/// <param name="Representatives">Of them, representatives of new groups of identical copies (indexed).</param>
/// <param name="SignatureBytes">Bytes of the signatures computed.</param>
public sealed record EngineInsertSummary(int Passages, int Representatives, long SignatureBytes);

/// <summary>Verification outcomes of a document query, kept so that a revised query verifies only what is new.</summary>
public sealed class NearDuplicateQueryMemo
{
    internal Dictionary<(int, int), NearDuplicateLink?> Verified { get; } = [];

    internal Dictionary<(int, string, int), NearDuplicateLink?> Neighbours { get; } = [];
}
