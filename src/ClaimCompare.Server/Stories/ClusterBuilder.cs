using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Stories;

/// <summary>Groups verified near-duplicate edges into passage clusters (union-find) and measures document overlap.</summary>
internal static class ClusterBuilder
{
    /// <summary>Clusters over <paramref name="edges"/>, each with a deterministic representative (earliest date, then id, then passage).</summary>
    /// <remarks>
    /// A member's scores are those of its edge to the representative when one was verified, otherwise those of
    /// its strongest edge inside the cluster (the index verifies pairs it was asked about, not every pair).
    /// Shuffling the edges changes nothing: roots, members and order are all derived from sorted keys.
    /// </remarks>
    public static IReadOnlyList<PassageCluster> Build(IReadOnlyList<NearDuplicateEdge> edges, IReadOnlyDictionary<string, DocumentHeader> headers) =>
        [.. Group(edges, headers).Select(g => g.Materialize())];

    /// <summary>
    /// The clusters' membership only, numbered and ordered as <see cref="Build"/> numbers and orders them: cheap enough
    /// to filter and page a large store's clusters before the word diffs of one page are computed.
    /// </summary>
    public static IReadOnlyList<ClusterGroup> Group(IReadOnlyList<NearDuplicateEdge> edges, IReadOnlyDictionary<string, DocumentHeader> headers)
    {
        var parent = new Dictionary<(string, int), (string, int)>();
        var spans = new Dictionary<(string, int), SourceSpan>();
        var adjacency = new Dictionary<(string, int), List<NearDuplicateEdge>>();
        foreach (var edge in edges)
        {
            var a = (edge.Document, edge.Passage);
            var b = (edge.OtherDocument, edge.OtherPassage);
            spans[a] = edge.Span;
            spans[b] = edge.OtherSpan;
            Union(parent, a, b);
            Adjacent(adjacency, a).Add(edge);
            Adjacent(adjacency, b).Add(edge);
        }

        var groups = new Dictionary<(string, int), List<(string Document, int Passage)>>();
        foreach (var node in parent.Keys)
        {
            var root = Find(parent, node);
            if (!groups.TryGetValue(root, out var members))
            {
                groups[root] = members = [];
            }

            members.Add(node);
        }

        var clusters = new List<List<(string Document, int Passage)>>(groups.Count);
        foreach (var members in groups.Values)
        {
            members.Sort((x, y) => CompareMembers(x, y, headers));
            clusters.Add(members);
        }

        clusters.Sort((x, y) => CompareMembers(x[0], y[0], headers));
        var result = new List<ClusterGroup>(clusters.Count);
        for (var i = 0; i < clusters.Count; i++)
        {
            result.Add(new ClusterGroup(i + 1, clusters[i], spans, adjacency));
        }

        return result;
    }

    /// <summary>One cluster's members, representative first; <see cref="Materialize"/> adds scores and word diffs.</summary>
    internal sealed class ClusterGroup(
        int id,
        List<(string Document, int Passage)> members,
        Dictionary<(string, int), SourceSpan> spans,
        Dictionary<(string, int), List<NearDuplicateEdge>> adjacency)
    {
        /// <summary>The cluster's number in the full, ordered list.</summary>
        public int Id => id;

        /// <summary>Members (document, passage), representative first.</summary>
        public IReadOnlyList<(string Document, int Passage)> Members => members;

        /// <summary>The cluster as the API returns it, with every member's scores and its diff against the representative.</summary>
        public PassageCluster Materialize()
        {
            var representative = members[0];
            var representativeSpan = spans[representative];
            var reportMembers = new List<ClusterMember>(members.Count);
            foreach (var member in members)
            {
                var span = spans[member];
                if (member == representative)
                {
                    reportMembers.Add(new ClusterMember(member.Document, member.Passage, span.Start, span.End, span.Text, 1, 1, 1, MatchKind.Verbatim, true, []));
                    continue;
                }

                var edge = BestEdge(adjacency[member], member, representative);
                reportMembers.Add(new ClusterMember(member.Document, member.Passage, span.Start, span.End, span.Text,
                    edge?.Jaccard ?? 0, edge?.Containment ?? 0, edge?.Fuzzy ?? 0, ParseKind(edge?.Kind), false,
                    WordDiff.Compute(representativeSpan.Text, span.Text)) { Confidence = edge?.Confidence ?? 1 });
            }

            return new PassageCluster(id, new PassageSpan(representative.Document, representative.Passage, representativeSpan.Start, representativeSpan.End), reportMembers);
        }
    }

    /// <summary>Pairwise overlap between the documents the edges connect.</summary>
    public static IReadOnlyList<DocumentOverlap> Overlap(
        IReadOnlyList<NearDuplicateEdge> edges, IReadOnlyDictionary<string, StoredDocument> documents)
    {
        var result = new List<DocumentOverlap>();
        foreach (var pair in edges
            .Select(e => string.CompareOrdinal(e.Document, e.OtherDocument) <= 0 ? e : e.Reverse())
            .GroupBy(e => (e.Document, e.OtherDocument))
            .OrderBy(g => g.Key.Document, StringComparer.Ordinal)
            .ThenBy(g => g.Key.OtherDocument, StringComparer.Ordinal))
        {
            if (!documents.TryGetValue(pair.Key.Document, out var a) || !documents.TryGetValue(pair.Key.OtherDocument, out var b))
            {
                continue;
            }

            var aPassages = pair.Select(e => e.Passage).ToHashSet();
            var bPassages = pair.Select(e => e.OtherPassage).ToHashSet();
            result.Add(new DocumentOverlap(a.Id, b.Id, Math.Min(aPassages.Count, bPassages.Count),
                Share(a, aPassages), Share(b, bPassages), LikelyOrigin(a, b))
            {
                APassageShare = a.Passages.Count == 0 ? 0 : Math.Round((double)aPassages.Count / a.Passages.Count, 4),
                BPassageShare = b.Passages.Count == 0 ? 0 : Math.Round((double)bPassages.Count / b.Passages.Count, 4),
            });
        }

        return result;
    }

    private static double Share(StoredDocument document, HashSet<int> passages)
    {
        long total = 0;
        long shared = 0;
        foreach (var passage in document.Passages)
        {
            total += passage.Length;
            if (passages.Contains(passage.Index))
            {
                shared += passage.Length;
            }
        }

        return total == 0 ? 0 : Math.Round((double)shared / total, 4);
    }

    /// <summary>The earlier document is the likely origin of shared text; undecidable when the times are equal.</summary>
    private static string? LikelyOrigin(StoredDocument a, StoredDocument b)
    {
        var ta = a.Published ?? a.IngestedAt;
        var tb = b.Published ?? b.IngestedAt;
        return ta < tb ? a.Id : tb < ta ? b.Id : null;
    }

    /// <summary>The stored wire name of a match kind back as Core's enum.</summary>
    private static MatchKind ParseKind(string? kind) => kind switch
    {
        "verbatim" => MatchKind.Verbatim,
        "near-verbatim" => MatchKind.NearVerbatim,
        "edited" => MatchKind.Edited,
        _ => MatchKind.Rewrite,
    };

    private static List<NearDuplicateEdge> Adjacent(Dictionary<(string, int), List<NearDuplicateEdge>> adjacency, (string, int) node)
    {
        if (!adjacency.TryGetValue(node, out var list))
        {
            adjacency[node] = list = [];
        }

        return list;
    }

    private static NearDuplicateEdge? BestEdge(List<NearDuplicateEdge> edges, (string, int) member, (string, int) representative)
    {
        NearDuplicateEdge? best = null;
        foreach (var edge in edges)
        {
            var a = (edge.Document, edge.Passage);
            var b = (edge.OtherDocument, edge.OtherPassage);
            if ((a == member && b == representative) || (b == member && a == representative))
            {
                return edge;
            }

            if ((a == member || b == member) && (best is null || edge.Jaccard > best.Jaccard))
            {
                best = edge;
            }
        }

        return best;
    }

    private static int CompareMembers((string Document, int Passage) x, (string Document, int Passage) y, IReadOnlyDictionary<string, DocumentHeader> headers)
    {
        var dx = headers.TryGetValue(x.Document, out var hx) ? hx.Published : null;
        var dy = headers.TryGetValue(y.Document, out var hy) ? hy.Published : null;
        var byDate = (dx, dy) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => dx.Value.CompareTo(dy.Value),
        };
        if (byDate != 0)
        {
            return byDate;
        }

        var byDocument = string.CompareOrdinal(x.Document, y.Document);
        return byDocument != 0 ? byDocument : x.Passage.CompareTo(y.Passage);
    }

    private static (string, int) Find(Dictionary<(string, int), (string, int)> parent, (string, int) node)
    {
        var root = node;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[node] != root)
        {
            var next = parent[node];
            parent[node] = root;
            node = next;
        }

        return root;
    }

    private static void Union(Dictionary<(string, int), (string, int)> parent, (string, int) a, (string, int) b)
    {
        parent.TryAdd(a, a);
        parent.TryAdd(b, b);
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra == rb)
        {
            return;
        }

        // The smaller key becomes the root, so the result does not depend on edge order.
        var (lo, hi) = Compare(ra, rb) <= 0 ? (ra, rb) : (rb, ra);
        parent[hi] = lo;
    }

    private static int Compare((string Document, int Passage) x, (string Document, int Passage) y)
    {
        var byDocument = string.CompareOrdinal(x.Document, y.Document);
        return byDocument != 0 ? byDocument : x.Passage.CompareTo(y.Passage);
    }
}
