using System.Runtime.InteropServices;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// Finds passages that documents share (verbatim copies, copies with a changed figure, edited copies and
/// rewrites), groups them into clusters, learns each outlet's boilerplate and measures how much each pair of
/// documents shares.
/// </summary>
/// <remarks>
/// <para>
/// The pipeline: fingerprint every passage (<see cref="PassageFingerprint"/>); fold passages with identical
/// copy shingles together so a sentence syndicated a thousand times is indexed once; index the rest in two LSH
/// indexes (copies: word shingles at <see cref="DedupOptions.Threshold"/>; rewrites: content words, names and
/// corpus-common words removed (<see cref="CorpusWordStatistics"/>), at <see cref="DedupOptions.RewriteCandidateThreshold"/>); verify every candidate
/// exactly (<see cref="PassageVerifier"/>); mark as boilerplate whatever recurs in
/// <see cref="DedupOptions.BoilerplateMinDocuments"/> documents of one outlet; check the neighbours of every
/// verified pair with the looser neighbour rule (<see cref="DedupOptions.ExtendToNeighbours"/>), since a rewritten
/// report keeps its sentence order; cluster the rest by union-find.
/// </para>
/// <para>
/// The output does not depend on the order of the input: documents are processed in ordinal id order and
/// passages in index order, parallel stages write to per-item slots, and every list is sorted before it is
/// returned. Instances hold no state between calls and are safe to share between threads.
/// </para>
/// </remarks>
public sealed class NearDuplicateDetector
{
    private const int SignatureChunk = 8192;

    private readonly int _maxDegreeOfParallelism;

    /// <summary>Creates a detector.</summary>
    /// <param name="maxDegreeOfParallelism">Threads for the parallel stages; -1 (the default) for all cores.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public NearDuplicateDetector(int maxDegreeOfParallelism = -1)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 or a positive number.");
        }

        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>Receives the duration of each stage (for the benchmarks); null by default.</summary>
    internal Action<string, TimeSpan>? StageTimer { get; set; }

    /// <summary>Detects shared passages across <paramref name="documents"/>.</summary>
    /// <param name="documents">The documents; ids must be distinct.</param>
    /// <param name="options">Thresholds; <see cref="DedupOptions.Default"/> when null.</param>
    /// <returns>Clusters, pairs, document overlap and boilerplate, in a deterministic order.</returns>
    /// <exception cref="ArgumentException">Two documents have the same id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DedupResult Detect(IReadOnlyList<ProcessedDocument> documents, DedupOptions? options = null) =>
        Detect(documents, options, CancellationToken.None);

    /// <summary>Detects shared passages across <paramref name="documents"/>, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="documents">The documents; ids must be distinct.</param>
    /// <param name="options">Thresholds; <see cref="DedupOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked between stages and inside every loop over passages, candidates or edges.</param>
    /// <returns>Clusters, pairs, document overlap and boilerplate, in a deterministic order.</returns>
    /// <exception cref="ArgumentException">Two documents have the same id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DedupResult Detect(IReadOnlyList<ProcessedDocument> documents, DedupOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= DedupOptions.Default;
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism, CancellationToken = cancellationToken, TaskScheduler = CpuAccount.SchedulerFor() };
        var sorted = Canonicalize(documents);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var timer = StageTimer;
        using var state = new InMemoryNearDuplicateState(options);
        var engine = new NearDuplicateEngine(options, state, _maxDegreeOfParallelism);
        var inserted = engine.InsertRange(sorted, name =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            timer?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }, cancellationToken);
        var run = new Run(sorted, options, parallel, timer, engine, state, clock);
        return run.Execute(inserted);
    }

    private static ProcessedDocument[] Canonicalize(IReadOnlyList<ProcessedDocument> documents)
    {
        var sorted = new ProcessedDocument[documents.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = documents[i] ?? throw new ArgumentException("A document is null.", nameof(documents));
        }

        Array.Sort(sorted, static (x, y) => string.CompareOrdinal(x.Id, y.Id));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].Id, sorted[i].Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Document id '{sorted[i].Id}' occurs more than once.", nameof(documents));
            }
        }

        return sorted;
    }

    /// <summary>The state of one detection.</summary>
    private sealed class Run
    {
        private readonly ProcessedDocument[] _documents;
        private readonly DedupOptions _options;
        private readonly ParallelOptions _parallel;
        private readonly int[] _documentOf;
        private readonly Passage[] _passages;
        private readonly PassageFingerprint[] _fingerprints;
        private readonly int[] _documentOrder;
        private readonly Action<string, TimeSpan>? _timer;
        private readonly System.Diagnostics.Stopwatch _clock;
        private readonly InMemoryNearDuplicateState _state;
        private readonly PassageVerifier _verifier;
        private Verdicts _verdicts;

        /// <summary>Reads the engine's state after every document was inserted, in <paramref name="documents"/>' order, into a fresh state.</summary>
        public Run(ProcessedDocument[] documents, DedupOptions options, ParallelOptions parallel, Action<string, TimeSpan>? timer,
            NearDuplicateEngine engine, InMemoryNearDuplicateState state, System.Diagnostics.Stopwatch clock)
        {
            _timer = timer;
            _clock = clock;
            _documents = documents;
            _options = options;
            _parallel = parallel;
            _state = state;
            _verifier = engine.Verifier;

            // A fresh state numbers passages from 0 in insertion order: documents in id order, passages in index order.
            var slots = state.Passages;
            _passages = new Passage[slots.Count];
            _fingerprints = new PassageFingerprint[slots.Count];
            _documentOf = new int[slots.Count];
            var next = 0;
            for (var d = 0; d < documents.Length; d++)
            {
                for (var i = 0; i < documents[d].Passages.Count; i++, next++)
                {
                    var entry = slots[next]!;
                    _passages[next] = entry.Passage;
                    _fingerprints[next] = entry.Fingerprint;
                    _documentOf[next] = d;
                }
            }

            // Representative order: earliest date (undated last), then id (documents are already in id order).
            _documentOrder = new int[documents.Length];
            var byDate = new int[documents.Length];
            for (var d = 0; d < byDate.Length; d++)
            {
                byDate[d] = d;
            }

            Array.Sort(byDate, (x, y) =>
            {
                var dx = documents[x].Date;
                var dy = documents[y].Date;
                if (dx.HasValue != dy.HasValue)
                {
                    return dx.HasValue ? -1 : 1;
                }

                var c = dx.HasValue ? dx.Value.CompareTo(dy!.Value) : 0;
                return c != 0 ? c : x.CompareTo(y);
            });
            for (var rank = 0; rank < byDate.Length; rank++)
            {
                _documentOrder[byDate[rank]] = rank;
            }
        }

        public DedupResult Execute(EngineInsertSummary inserted)
        {
            // Identical passages were folded by the engine: one representative per group of identical copy shingles.
            var (groupOf, representatives, members) = Groups();
            var copyIndex = _state.Copies;
            var rewriteIndex = _state.Rewrites;
            long signatureBytes = inserted.SignatureBytes;
            var copyCandidates = copyIndex.CandidatePairs(_options.MaxBucketSize);
            var rewriteCandidates = _options.DetectRewrites ? rewriteIndex.CandidatePairs(_options.MaxBucketSize) : [];
            var candidates = MergeDistinct(copyCandidates, rewriteCandidates);
            Stage("candidates");
            var verified = VerifyCandidates(candidates);

            Stage("verify");
            var boilerplate = FindBoilerplate(groupOf, members, verified, out var boilerplateList);
            var edges = ExpandEdges(groupOf, members, verified, boilerplate);
            if (_options.ExtendToNeighbours)
            {
                ExtendToNeighbours(edges, boilerplate);
            }

            Stage("boilerplate+expand+extend");
            _verdicts = _verdicts with { GroupOf = groupOf, Members = members };
            var clusters = BuildClusters(edges, boilerplate, out var toRepresentative);
            _verdicts = default;
            var pairs = BuildPairs(toRepresentative);
            Stage("clusters");
            var overlap = BuildOverlap(toRepresentative);

            Stage("overlap");
            // Identical passages share one fingerprint object (the engine fingerprints each text once): count it once.
            long shingleBytes = 0;
            var counted = new HashSet<PassageFingerprint>(_fingerprints.Length, ReferenceEqualityComparer.Instance);
            foreach (var fingerprint in _fingerprints)
            {
                shingleBytes += counted.Add(fingerprint) ? fingerprint.ShingleBytes : 0;
            }

            var statistics = new DedupStatistics(
                _documents.Length,
                _passages.Length,
                representatives.Count,
                copyCandidates.Count,
                rewriteCandidates.Count,
                edges.Count,
                copyIndex.BandTableBytes + rewriteIndex.BandTableBytes,
                signatureBytes,
                shingleBytes,
                copyIndex.Parameters,
                rewriteIndex.Parameters);
            return new DedupResult(clusters, pairs, overlap, boilerplateList, statistics);
        }

        private void Stage(string name)
        {
            _parallel.CancellationToken.ThrowIfCancellationRequested();
            _timer?.Invoke(name, _clock.Elapsed);
            _clock.Restart();
        }

        /// <summary>Each passage's group of identical copies (-1 for one too short to index), each group's representative and members.</summary>
        private (int[] GroupOf, List<int> Representatives, List<int>[] Members) Groups()
        {
            var groupOf = new int[_passages.Length];
            var slots = _state.Passages;
            for (var p = 0; p < groupOf.Length; p++)
            {
                groupOf[p] = slots[p]!.Group;
            }

            var groups = _state.Groups;
            var representatives = new List<int>(groups.Count);
            var members = new List<int>[groups.Count];
            for (var g = 0; g < groups.Count; g++)
            {
                members[g] = groups[g]!;
                representatives.Add(members[g][0]);
            }

            return (groupOf, representatives, members);
        }

        private static List<ulong> MergeDistinct(List<ulong> a, List<ulong> b)
        {
            var result = new List<ulong>(a.Count + b.Count);
            int i = 0, j = 0;
            while (i < a.Count || j < b.Count)
            {
                var next = j == b.Count || (i < a.Count && a[i] <= b[j]) ? a[i++] : b[j++];
                if (result.Count == 0 || result[^1] != next)
                {
                    result.Add(next);
                }
            }

            return result;
        }

        private List<Edge> VerifyCandidates(List<ulong> candidates)
        {
            var kinds = new MatchKind?[candidates.Count];
            var scores = new PairScores[candidates.Count];
            Parallel.For(0, candidates.Count, _parallel, i =>
            {
                // Pairs within one document are verified too: their groups of identical copies may span others.
                var a = (int)(candidates[i] >> 32);
                var b = (int)(uint)candidates[i];
                kinds[i] = _verifier.Verify(_fingerprints[a], _fingerprints[b], out scores[i]);
            });

            // Kept for the cluster step, which scores members against their representative: most of those pairs are here.
            _verdicts = new Verdicts(candidates, kinds, scores, [], []);
            var edges = new List<Edge>();
            for (var i = 0; i < candidates.Count; i++)
            {
                if (kinds[i] is { } kind)
                {
                    edges.Add(new Edge((int)(candidates[i] >> 32), (int)(uint)candidates[i], kind, scores[i]));
                }
            }

            return edges;
        }

        /// <summary>
        /// Turns identical groups and the verified edges between their representatives into a sparse graph over passages
        /// that are not boilerplate: each member of a group is linked to its group's anchor (the first member; members in
        /// the anchor's own document to the first member of another document), and each verified edge links the anchors of
        /// its two groups. A passage printed by m documents costs m - 1 edges, never m(m - 1)/2, and the graph has the same
        /// connected components as the all-pairs expansion.
        /// </summary>
        private List<Edge> ExpandEdges(int[] groupOf, List<int>[] members, List<Edge> verified, bool[] boilerplate)
        {
            var anchors = new (int First, int Other)[members.Length];
            var groupEdges = new List<Edge>?[members.Length];
            Parallel.For(0, members.Length, _parallel, g =>
            {
                var list = members[g];
                int first = -1, other = -1;
                foreach (var p in list)
                {
                    if (boilerplate[p])
                    {
                        continue;
                    }

                    if (first < 0)
                    {
                        first = p;
                    }
                    else if (other < 0 && _documentOf[p] != _documentOf[first])
                    {
                        other = p;
                    }
                }

                anchors[g] = (first, other);
                if (list.Count < 2 || first < 0)
                {
                    return;
                }

                List<Edge>? local = null;
                foreach (var p in list)
                {
                    if (p == first || p == other || boilerplate[p])
                    {
                        continue;
                    }

                    var anchor = _documentOf[p] != _documentOf[first] ? first : other;
                    if (anchor >= 0)
                    {
                        (local ??= []).Add(IdenticalEdge(anchor, p));
                    }
                }

                if (other >= 0)
                {
                    (local ??= []).Add(IdenticalEdge(first, other));
                }

                groupEdges[g] = local;
            });

            var edges = new List<Edge>();
            foreach (var local in groupEdges)
            {
                if (local is not null)
                {
                    edges.AddRange(local);
                }
            }

            foreach (var edge in verified)
            {
                var (a1, a2) = anchors[groupOf[edge.A]];
                var (b1, b2) = anchors[groupOf[edge.B]];
                var (a, b) = Across(a1, a2, b1, b2);
                if (a >= 0)
                {
                    edges.Add(a < b ? edge with { A = a, B = b } : edge with { A = b, B = a });
                }
            }

            _parallel.CancellationToken.ThrowIfCancellationRequested();
            edges.Sort(static (x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
            return edges;
        }

        /// <summary>Two passages of different documents, one from each group's anchors, preferring the first anchors; (-1, -1) when there are none.</summary>
        private (int A, int B) Across(int a1, int a2, int b1, int b2)
        {
            foreach (var a in (ReadOnlySpan<int>)[a1, a2])
            {
                foreach (var b in (ReadOnlySpan<int>)[b1, b2])
                {
                    if (a >= 0 && b >= 0 && _documentOf[a] != _documentOf[b])
                    {
                        return (a, b);
                    }
                }
            }

            return (-1, -1);
        }

        /// <summary>An edge between two passages with identical copy shingles: verbatim when the folded texts agree, else only digits differ.</summary>
        private Edge IdenticalEdge(int x, int y)
        {
            var (a, b) = x < y ? (x, y) : (y, x);
            var same = string.Equals(_fingerprints[a].FoldedText, _fingerprints[b].FoldedText, StringComparison.Ordinal);
            var fuzzy = same ? 1 : _verifier.CopyScores(_fingerprints[a], _fingerprints[b]).Fuzzy;
            return new Edge(a, b, same ? MatchKind.Verbatim : MatchKind.NearVerbatim, new PairScores(1, 1, fuzzy, fuzzy, 0, 1) { Confidence = 1 });
        }

        /// <summary>Checks the passages before and after both ends of every edge, repeatedly, adding the matches.</summary>
        private void ExtendToNeighbours(List<Edge> edges, bool[] boilerplate)
        {
            var known = new HashSet<ulong>(edges.Count);
            foreach (var edge in edges)
            {
                known.Add(((ulong)(uint)edge.A << 32) | (uint)edge.B);
            }

            var pending = new Queue<Edge>(edges);
            while (pending.Count > 0)
            {
                if ((pending.Count & 1023) == 0)
                {
                    _parallel.CancellationToken.ThrowIfCancellationRequested();
                }

                var edge = pending.Dequeue();
                foreach (var delta in (ReadOnlySpan<int>)[-1, 1])
                {
                    int a = edge.A + delta, b = edge.B + delta;
                    if (a < 0 || b < 0 || a >= _passages.Length || b >= _passages.Length
                        || _documentOf[a] != _documentOf[edge.A] || _documentOf[b] != _documentOf[edge.B]
                        || _fingerprints[a].TokenCount < _options.MinTokens || _fingerprints[b].TokenCount < _options.MinTokens
                        || boilerplate[a] || boilerplate[b]
                        || !known.Add(((ulong)(uint)a << 32) | (uint)b))
                    {
                        continue;
                    }

                    if (_verifier.VerifyNeighbour(_fingerprints[a], _fingerprints[b], out var scores) is { } kind)
                    {
                        var found = new Edge(a, b, kind, scores);
                        edges.Add(found);
                        pending.Enqueue(found);
                    }
                }
            }

            edges.Sort(static (x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        }

        /// <summary>
        /// Marks the passages whose group of copies (identical groups joined by verified edges) reaches
        /// <see cref="DedupOptions.BoilerplateMinDocuments"/> documents of their own outlet.
        /// </summary>
        private bool[] FindBoilerplate(int[] groupOf, List<int>[] members, List<Edge> verified, out List<BoilerplatePassage> list)
        {
            var union = new UnionFind(members.Length);
            foreach (var edge in verified)
            {
                union.Union(groupOf[edge.A], groupOf[edge.B]);
            }

            var documents = new Dictionary<(int Root, string Outlet), HashSet<int>>();
            for (var p = 0; p < _passages.Length; p++)
            {
                var outlet = _documents[_documentOf[p]].Outlet;
                if (groupOf[p] >= 0 && !string.IsNullOrEmpty(outlet))
                {
                    ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(documents, (union.Find(groupOf[p]), outlet), out _);
                    (set ??= []).Add(_documentOf[p]);
                }
            }

            var boilerplate = new bool[_passages.Length];
            list = [];
            for (var p = 0; p < _passages.Length; p++)
            {
                var outlet = _documents[_documentOf[p]].Outlet;
                if (groupOf[p] < 0 || string.IsNullOrEmpty(outlet))
                {
                    continue;
                }

                var count = documents[(union.Find(groupOf[p]), outlet)].Count;
                if (count >= _options.BoilerplateMinDocuments)
                {
                    boilerplate[p] = true;
                    list.Add(new BoilerplatePassage(outlet, Span(p), _passages[p].Text, count));
                }
            }

            return boilerplate;
        }

        /// <summary>Connected components (as passage lists in passage order) that span at least two documents.</summary>
        private List<List<int>> Components(UnionFind union, List<Edge> edges, bool[]? excluded)
        {
            var byRoot = new Dictionary<int, List<int>>();
            var seen = new HashSet<int>();
            foreach (var edge in edges)
            {
                foreach (var p in (ReadOnlySpan<int>)[edge.A, edge.B])
                {
                    if ((excluded is null || !excluded[p]) && seen.Add(p))
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(byRoot, union.Find(p), out _) ??= [];
                        byRoot[union.Find(p)].Add(p);
                    }
                }
            }

            var components = new List<List<int>>();
            foreach (var component in byRoot.Values)
            {
                component.Sort();
                var documents = new HashSet<int>();
                foreach (var p in component)
                {
                    documents.Add(_documentOf[p]);
                }

                if (documents.Count >= 2)
                {
                    components.Add(component);
                }
            }

            components.Sort(static (x, y) => x[0].CompareTo(y[0]));
            return components;
        }

        /// <summary>One pair per cluster member in another document than its representative: the pair to the representative.</summary>
        private List<PassagePair> BuildPairs(List<Edge> toRepresentative)
        {
            var pairs = new List<PassagePair>(toRepresentative.Count);
            foreach (var edge in toRepresentative)
            {
                var (a, b) = string.CompareOrdinal(_documents[_documentOf[edge.A]].Id, _documents[_documentOf[edge.B]].Id) <= 0 ? (edge.A, edge.B) : (edge.B, edge.A);
                pairs.Add(new PassagePair(Span(a), Span(b), edge.Scores.Jaccard, edge.Scores.Containment, edge.Scores.Fuzzy, edge.Kind) { Confidence = edge.Scores.Confidence });
            }

            pairs.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.A.Document, y.A.Document);
                if (c == 0)
                {
                    c = x.A.Passage.CompareTo(y.A.Passage);
                }

                if (c == 0)
                {
                    c = string.CompareOrdinal(x.B.Document, y.B.Document);
                }

                return c != 0 ? c : x.B.Passage.CompareTo(y.B.Passage);
            });
            return pairs;
        }

        /// <summary>
        /// Clusters from the connected components of the edge graph; each member is scored against its representative,
        /// once per distinct text (a sentence printed by a thousand documents is verified and diffed once).
        /// </summary>
        /// <param name="edges">The sparse graph.</param>
        /// <param name="boilerplate">Passages left out.</param>
        /// <param name="toRepresentative">Receives one edge per member in another document than its representative, scored against it.</param>
        private List<PassageCluster> BuildClusters(List<Edge> edges, bool[] boilerplate, out List<Edge> toRepresentative)
        {
            var union = new UnionFind(_passages.Length);
            var closest = new Dictionary<int, (MatchKind Kind, double Confidence)>();
            var kept = new List<Edge>();
            foreach (var edge in edges)
            {
                if (boilerplate[edge.A] || boilerplate[edge.B])
                {
                    continue;
                }

                kept.Add(edge);
                union.Union(edge.A, edge.B);
                foreach (var p in (ReadOnlySpan<int>)[edge.A, edge.B])
                {
                    if (!closest.TryGetValue(p, out var best) || edge.Kind < best.Kind || (edge.Kind == best.Kind && edge.Scores.Confidence > best.Confidence))
                    {
                        closest[p] = (edge.Kind, edge.Scores.Confidence);
                    }
                }
            }

            var components = Components(union, kept, boilerplate);
            var clusters = new List<(int Representative, List<int> Members)>();
            foreach (var component in components)
            {
                component.Sort(ComparePassages);
                clusters.Add((component[0], component));
            }

            clusters.Sort((x, y) => x.Representative.CompareTo(y.Representative));
            var result = new PassageCluster[clusters.Count];
            var pairs = new List<Edge>[clusters.Count];
            Parallel.For(0, clusters.Count, _parallel, c =>
            {
                var (representative, members) = clusters[c];
                var list = new List<ClusterMember>(members.Count);
                var local = new List<Edge>(members.Count - 1);
                var scored = new Dictionary<string, (MatchKind? Kind, double Confidence, PairScores Scores, IReadOnlyList<DiffSegment> Diff)>(StringComparer.Ordinal);
                foreach (var p in members)
                {
                    var member = Member(representative, p, closest, scored);
                    list.Add(member);
                    if (p != representative && _documentOf[p] != _documentOf[representative])
                    {
                        local.Add(new Edge(representative, p, member.Kind, new PairScores(member.Jaccard, member.Containment, member.Fuzzy, member.Fuzzy, 0, 0) { Confidence = member.Confidence }));
                    }
                }

                result[c] = new PassageCluster(c + 1, Span(representative), list);
                pairs[c] = local;
            });

            toRepresentative = [];
            foreach (var local in pairs)
            {
                toRepresentative.AddRange(local);
            }

            return [.. result];
        }

        private ClusterMember Member(int representative, int p, Dictionary<int, (MatchKind Kind, double Confidence)> closest, Dictionary<string, (MatchKind? Kind, double Confidence, PairScores Scores, IReadOnlyList<DiffSegment> Diff)> scored)
        {
            var passage = _passages[p];
            var document = _documents[_documentOf[p]].Id;
            if (p == representative)
            {
                return new ClusterMember(document, passage.Index, passage.Start, passage.End, passage.Text, 1, 1, 1, MatchKind.Verbatim, true, []);
            }

            if (!scored.TryGetValue(passage.Normalized, out var known))
            {
                if (!_verdicts.TryGet(representative, p, _fingerprints, out var verified, out var scores))
                {
                    verified = _verifier.Verify(_fingerprints[representative], _fingerprints[p], out scores);
                }

                var verifiedConfidence = scores.Confidence;
                if (verified is null || (verified != MatchKind.Verbatim && scores.Fuzzy == 0))
                {
                    // A member shows its Jaccard, containment and token-set ratio: the rewrite features are not needed.
                    scores = _verifier.CopyScores(_fingerprints[representative], _fingerprints[p]);
                }

                var representativeText = _passages[representative].Normalized;
                IReadOnlyList<DiffSegment> diff = !_options.IncludeDiffs ? []
                    : string.Equals(representativeText, passage.Normalized, StringComparison.Ordinal) ? [new DiffSegment(DiffKind.Equal, representativeText, 0)]
                    : WordDiff.Compute(representativeText, passage.Normalized);
                known = (verified, verifiedConfidence, scores, diff);
                scored[passage.Normalized] = known;
            }

            // Not verified against the representative (matched through others): the kind and confidence of its closest edge.
            var (kind, confidence) = known.Kind is { } direct ? (direct, known.Confidence) : closest[p];
            return new ClusterMember(document, passage.Index, passage.Start, passage.End, passage.Text, known.Scores.Jaccard, known.Scores.Containment, known.Scores.Fuzzy, kind, false, known.Diff) { Confidence = confidence };
        }

        /// <summary>Document overlap over the pairs to cluster representatives, matched one to one per document pair.</summary>
        private List<DocumentOverlap> BuildOverlap(List<Edge> toRepresentative)
        {
            var byDocuments = new Dictionary<(int, int), List<Edge>>();
            foreach (var edge in toRepresentative)
            {
                var (da, db) = (_documentOf[edge.A], _documentOf[edge.B]);
                var normalized = da < db ? edge : edge with { A = edge.B, B = edge.A };
                var key = (Math.Min(da, db), Math.Max(da, db));
                CollectionsMarshal.GetValueRefOrAddDefault(byDocuments, key, out _) ??= [];
                byDocuments[key].Add(normalized);
            }

            var overlap = new List<DocumentOverlap>();
            foreach (var ((da, db), list) in byDocuments)
            {
                // One-to-one: closest kinds first, then higher Jaccard, then passage order.
                list.Sort(static (x, y) =>
                {
                    var c = x.Kind.CompareTo(y.Kind);
                    if (c == 0)
                    {
                        c = y.Scores.Jaccard.CompareTo(x.Scores.Jaccard);
                    }

                    if (c == 0)
                    {
                        c = x.A.CompareTo(y.A);
                    }

                    return c != 0 ? c : x.B.CompareTo(y.B);
                });
                var usedA = new HashSet<int>();
                var usedB = new HashSet<int>();
                int shared = 0, charsA = 0, charsB = 0;
                foreach (var edge in list)
                {
                    if (usedA.Contains(edge.A) || usedB.Contains(edge.B))
                    {
                        continue;
                    }

                    usedA.Add(edge.A);
                    usedB.Add(edge.B);
                    shared++;
                    charsA += _passages[edge.A].Length;
                    charsB += _passages[edge.B].Length;
                }

                var (totalA, countA) = Totals(da);
                var (totalB, countB) = Totals(db);
                var shareA = totalA == 0 ? 0 : (double)charsA / totalA;
                var shareB = totalB == 0 ? 0 : (double)charsB / totalB;
                overlap.Add(new DocumentOverlap(_documents[da].Id, _documents[db].Id, shared, shareA, shareB, LikelyOrigin(da, db, shareA, shareB))
                {
                    ASharedCharacters = charsA,
                    BSharedCharacters = charsB,
                    APassageShare = countA == 0 ? 0 : (double)shared / countA,
                    BPassageShare = countB == 0 ? 0 : (double)shared / countB,
                });
            }

            overlap.Sort(static (x, y) =>
            {
                var c = string.CompareOrdinal(x.A, y.A);
                return c != 0 ? c : string.CompareOrdinal(x.B, y.B);
            });
            return overlap;
        }

        private (int Characters, int Passages) Totals(int document)
        {
            var characters = 0;
            foreach (var passage in _documents[document].Passages)
            {
                characters += passage.Length;
            }

            return (characters, _documents[document].Passages.Count);
        }

        private string? LikelyOrigin(int a, int b, double shareA, double shareB)
        {
            var dateA = _documents[a].Date;
            var dateB = _documents[b].Date;
            if (dateA.HasValue && dateB.HasValue && dateA.Value != dateB.Value)
            {
                return dateA.Value < dateB.Value ? _documents[a].Id : _documents[b].Id;
            }

            // The origin contains the copy: the document whose counterpart is more fully shared.
            if (shareA != shareB)
            {
                return shareB > shareA ? _documents[a].Id : _documents[b].Id;
            }

            return null;
        }

        private int ComparePassages(int x, int y)
        {
            var c = _documentOrder[_documentOf[x]].CompareTo(_documentOrder[_documentOf[y]]);
            return c != 0 ? c : _passages[x].Index.CompareTo(_passages[y].Index);
        }

        private PassageSpan Span(int p)
        {
            var passage = _passages[p];
            return new PassageSpan(_documents[_documentOf[p]].Id, passage.Index, passage.Start, passage.End);
        }
    }

    private readonly record struct Edge(int A, int B, MatchKind Kind, PairScores Scores);

    /// <summary>
    /// The candidate stage's verdicts (candidate pairs of group representatives, sorted, with each pair's kind and
    /// scores), for the pairs the cluster step would verify again.
    /// </summary>
    private readonly record struct Verdicts(List<ulong> Candidates, MatchKind?[] Kinds, PairScores[] Scores, int[] GroupOf, List<int>[] Members)
    {
        /// <summary>
        /// What <see cref="PassageVerifier.Verify"/> of <paramref name="x"/> and <paramref name="y"/> gives, when the candidate
        /// stage verified the same two texts: the representatives of their groups of identical copies, sharing their
        /// fingerprints (a fingerprint is one per distinct text). A pair verified the other way round counts only when
        /// it is a copy, whose rules are symmetric; the rewrite decision need not be.
        /// </summary>
        public bool TryGet(int x, int y, PassageFingerprint[] fingerprints, out MatchKind? kind, out PairScores scores)
        {
            kind = null;
            scores = default;
            if (Candidates is null || GroupOf[x] < 0 || GroupOf[y] < 0)
            {
                return false;
            }

            var (gx, gy) = (Members[GroupOf[x]][0], Members[GroupOf[y]][0]);
            if (gx == gy || !ReferenceEquals(fingerprints[gx], fingerprints[x]) || !ReferenceEquals(fingerprints[gy], fingerprints[y]))
            {
                return false;
            }

            var i = Candidates.BinarySearch(gx < gy ? ((ulong)(uint)gx << 32) | (uint)gy : ((ulong)(uint)gy << 32) | (uint)gx);
            if (i < 0 || (gx > gy && Kinds[i] is not (MatchKind.Verbatim or MatchKind.NearVerbatim or MatchKind.Edited)))
            {
                return false;
            }

            (kind, scores) = (Kinds[i], Scores[i]);
            return true;
        }
    }
}
