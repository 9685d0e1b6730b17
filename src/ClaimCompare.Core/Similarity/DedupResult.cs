namespace ClaimCompare.Core.Similarity;

/// <summary>A passage of a document, located in the document's ORIGINAL text.</summary>
/// <param name="Document">The document id.</param>
/// <param name="Passage">The passage index (<see cref="Text.Passage.Index"/>).</param>
/// <param name="Start">Start in the original text (inclusive, UTF-16 code units).</param>
/// <param name="End">End in the original text (exclusive).</param>
public sealed record PassageSpan(string Document, int Passage, int Start, int End);

/// <summary>One passage of a cluster, scored against the cluster's representative.</summary>
/// <param name="Document">The document id.</param>
/// <param name="Passage">The passage index.</param>
/// <param name="Start">Start in the original text.</param>
/// <param name="End">End in the original text (exclusive).</param>
/// <param name="Text">The passage exactly as the source printed it.</param>
/// <param name="Jaccard">Exact shingle Jaccard against the representative (1 for the representative).</param>
/// <param name="Containment">Exact shingle containment against the representative.</param>
/// <param name="Fuzzy">Token-set ratio against the representative, in [0, 1].</param>
/// <param name="Kind">
/// The kind against the representative; when the member matches the representative only through other
/// members, the kind of its closest verified match in the cluster.
/// </param>
/// <param name="IsRepresentative">Whether this member is the representative.</param>
/// <param name="Diff">Word diff from the representative's text to this member's (empty for the representative or when diffs are off).</param>
public sealed record ClusterMember(
    string Document,
    int Passage,
    int Start,
    int End,
    string Text,
    double Jaccard,
    double Containment,
    double Fuzzy,
    MatchKind Kind,
    bool IsRepresentative,
    IReadOnlyList<DiffSegment> Diff);

/// <summary>Passages that are copies or rewrites of one another.</summary>
/// <param name="Id">Cluster number, from 1, in output order.</param>
/// <param name="Representative">The earliest passage: earliest document date (undated last), then document id, then passage index.</param>
/// <param name="Members">All members, representative first, then in the same order.</param>
public sealed record PassageCluster(int Id, PassageSpan Representative, IReadOnlyList<ClusterMember> Members);

/// <summary>A pair of near-duplicate passages from two different documents: a cluster member and its representative.</summary>
/// <param name="A">The passage of the document that sorts first (by id).</param>
/// <param name="B">The other passage.</param>
/// <param name="Jaccard">Exact shingle Jaccard.</param>
/// <param name="Containment">Exact shingle containment (shared / smaller).</param>
/// <param name="Fuzzy">Token-set ratio, in [0, 1].</param>
/// <param name="Kind">The kind of match.</param>
public sealed record PassagePair(PassageSpan A, PassageSpan B, double Jaccard, double Containment, double Fuzzy, MatchKind Kind);

/// <summary>How much two documents share.</summary>
/// <param name="A">The document id that sorts first.</param>
/// <param name="B">The other document id.</param>
/// <param name="SharedPassages">Passages matched one to one between the two documents.</param>
/// <param name="AShare">Share of A's passage characters in matched passages, in [0, 1].</param>
/// <param name="BShare">Share of B's passage characters in matched passages, in [0, 1].</param>
/// <param name="LikelyOrigin">The earlier document; with equal or unknown dates, the one that contains more of the other; null when nothing tells them apart.</param>
public sealed record DocumentOverlap(string A, string B, int SharedPassages, double AShare, double BShare, string? LikelyOrigin)
{
    /// <summary>Characters of A's matched passages.</summary>
    public int ASharedCharacters { get; init; }

    /// <summary>Characters of B's matched passages.</summary>
    public int BSharedCharacters { get; init; }

    /// <summary>Share of A's passages that are matched, in [0, 1].</summary>
    public double APassageShare { get; init; }

    /// <summary>Share of B's passages that are matched, in [0, 1].</summary>
    public double BPassageShare { get; init; }
}

/// <summary>A passage recognised as an outlet's boilerplate (sign-off, newsletter plug), excluded from syndication.</summary>
/// <param name="Outlet">The outlet it recurs in.</param>
/// <param name="Span">Where it is.</param>
/// <param name="Text">The passage as printed.</param>
/// <param name="Documents">In how many of the outlet's documents it (or a near copy) occurs.</param>
public sealed record BoilerplatePassage(string Outlet, PassageSpan Span, string Text, int Documents);

/// <summary>Counts and memory figures of one detection run.</summary>
/// <param name="Documents">Documents in.</param>
/// <param name="Passages">Passages in.</param>
/// <param name="IndexedPassages">Passages long enough to index, after exact duplicates were folded together.</param>
/// <param name="CopyCandidates">Candidate pairs from the copy index.</param>
/// <param name="RewriteCandidates">Candidate pairs from the rewrite index (including those the copy index also found).</param>
/// <param name="VerifiedPairs">Verified pairs, boilerplate included.</param>
/// <param name="BandTableBytes">Bytes of both indexes' band tables.</param>
/// <param name="SignatureBytes">Bytes of the signatures while they existed (they are dropped after indexing).</param>
/// <param name="ShingleBytes">Bytes of the stored shingle hashes (copy shingles and content words).</param>
/// <param name="CopyBanding">The copy index's bands × rows.</param>
/// <param name="RewriteBanding">The rewrite index's bands × rows.</param>
public sealed record DedupStatistics(
    int Documents,
    int Passages,
    int IndexedPassages,
    long CopyCandidates,
    long RewriteCandidates,
    long VerifiedPairs,
    long BandTableBytes,
    long SignatureBytes,
    long ShingleBytes,
    LshParameters CopyBanding,
    LshParameters RewriteBanding);

/// <summary>The result of near-duplicate detection over a set of documents; every list is in a deterministic order.</summary>
/// <remarks>
/// Everything here grows linearly with the passages: a passage printed by m documents is one cluster with m members,
/// m - 1 pairs (each member to the representative) and m - 1 overlap entries, never m(m - 1)/2. Two members of one
/// cluster are near-duplicates of each other through their representative; that pair is implied, not listed.
/// </remarks>
/// <param name="Clusters">Clusters in order of their representatives (document id, passage index).</param>
/// <param name="Pairs">
/// One pair per cluster member whose document differs from the representative's: the member and its representative,
/// scored against each other; by (A document, A passage, B document, B passage).
/// </param>
/// <param name="Overlap">Document pairs that share at least one passage through a cluster representative (a copy and the
/// document it was copied from), by (A, B).</param>
/// <param name="Boilerplate">Passages recognised as outlet boilerplate, by (document, passage).</param>
/// <param name="Statistics">Counts and memory figures.</param>
public sealed record DedupResult(
    IReadOnlyList<PassageCluster> Clusters,
    IReadOnlyList<PassagePair> Pairs,
    IReadOnlyList<DocumentOverlap> Overlap,
    IReadOnlyList<BoilerplatePassage> Boilerplate,
    DedupStatistics Statistics);
