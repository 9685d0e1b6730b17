using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>The two band tables of the near-duplicate engine.</summary>
public enum LshTable
{
    /// <summary>Copies: MinHash of the copy shingles (<see cref="DedupOptions.CopyScheme"/>).</summary>
    Copies,

    /// <summary>Rewrites: MinHash of the informative content words (<see cref="DedupOptions.RewriteScheme"/>).</summary>
    Rewrites,

    /// <summary>Topics: MinHash of all content words, names included (kept only when the engine is asked to find documents on the same topic).</summary>
    Topics,
}

/// <summary>A document the engine holds.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Outlet">Its outlet, when known (the boilerplate rule compares outlets).</param>
/// <param name="Date">Its date, when known.</param>
public sealed record EngineDocument(string Id, string? Outlet, DateOnly? Date);

/// <summary>A passage the engine holds, with its fingerprint.</summary>
/// <param name="Id">The engine's passage id (see <see cref="INearDuplicateState"/>).</param>
/// <param name="Document">The id of its document.</param>
/// <param name="Passage">The passage: index, span and text in its document.</param>
/// <param name="Fingerprint">Its fingerprint (a function of <see cref="Passage.Normalized"/> alone).</param>
/// <param name="Group">
/// Its group of identical copies (equal copy shingles), or -1 for a passage too short to index; the first member of a
/// group is its representative, the only one in the band tables.
/// </param>
public sealed record EnginePassage(int Id, string Document, Passage Passage, PassageFingerprint Fingerprint, int Group);

/// <summary>A passage removed with its document.</summary>
/// <param name="Passage">The passage.</param>
/// <param name="WasRepresentative">Whether it was its group's representative before the removal.</param>
/// <param name="NewRepresentative">When it was, and its group keeps members: the id of the group's new representative; else -1.</param>
public sealed record RemovedPassage(EnginePassage Passage, bool WasRepresentative, int NewRepresentative);

/// <summary>
/// The state of a <see cref="NearDuplicateEngine"/>: documents and passages with their fingerprints, groups of identical
/// copies, the two LSH band tables and the corpus word statistics.
/// </summary>
/// <remarks>
/// <para>
/// The engine decides what to store (it keeps every rule); the state only stores and answers lookups, so a
/// database can hold it. Each operation is a lookup a table with an index answers: a bucket by (table, band, band
/// key), a passage (and its fingerprint) by id or by (document, passage index), a document by id, a group by the
/// hash of its copy shingles, and the counts of a few words. Band keys are <see cref="LshIndex.ComputeBandKeys"/> of a
/// signature, so any implementation buckets exactly as the in-memory one does.
/// </para>
/// <para>
/// Passage ids are assigned by the state, consecutively within one <see cref="AddDocuments"/> call, and never reused.
/// Writers are serialised by the engine's caller (one writer at a time); readers may run during a write and must see
/// each write's documents either whole or not at all.
/// </para>
/// </remarks>
public interface INearDuplicateState
{
    /// <summary>Documents held.</summary>
    int DocumentCount { get; }

    /// <summary>Passages held.</summary>
    int PassageCount { get; }

    /// <summary>The corpus word statistics (names and common words), read and updated by the engine.</summary>
    ICorpusWordStatistics Words { get; }

    /// <summary>A held document, or null.</summary>
    EngineDocument? GetDocument(string id);

    /// <summary>Every held document, in the order they were added.</summary>
    IReadOnlyList<EngineDocument> GetDocuments();

    /// <summary>The passages of a held document, in passage order; empty when it is not held.</summary>
    IReadOnlyList<EnginePassage> GetPassages(string documentId);

    /// <summary>A passage by id, or null when it was removed or never existed.</summary>
    EnginePassage? GetPassage(int id);

    /// <summary>A passage by document and passage index, or null.</summary>
    EnginePassage? FindPassage(string documentId, int passageIndex);

    /// <summary>
    /// Adds documents and their passages (each list in passage order), assigning consecutive ids in the order given;
    /// each passage joins the group of identical copies whose members' copy shingles equal its own (a new group
    /// when none does), or none when it is too short to index.
    /// </summary>
    /// <param name="documents">The documents, none already held.</param>
    /// <param name="passages">Per document, its passages with their fingerprints and whether each is indexable.</param>
    /// <returns>Per passage, in the order given (documents then passages): its id, its group (-1 for none) and whether it founded the group.</returns>
    IReadOnlyList<(int Id, int Group, bool NewGroup)> AddDocuments(
        IReadOnlyList<EngineDocument> documents, IReadOnlyList<IReadOnlyList<(Passage Passage, PassageFingerprint Fingerprint, bool Indexable)>> passages);

    /// <summary>
    /// Removes a document and its passages, and its passages from their groups. A group keeps its other members;
    /// its first remaining member becomes its representative.
    /// </summary>
    /// <returns>The removed passages, in passage order; null when the document was not held.</returns>
    IReadOnlyList<RemovedPassage>? RemoveDocument(string id);

    /// <summary>The members of a group of identical copies, representative first, then in id order.</summary>
    IReadOnlyList<int> GetGroupMembers(int group);

    /// <summary>Adds signatures to a band table; <paramref name="values"/> holds k values per id.</summary>
    void AddSignatures(LshTable table, ReadOnlySpan<int> ids, ReadOnlySpan<uint> values);

    /// <summary>Removes a passage from a band table; false when it was not there.</summary>
    bool RemoveSignature(LshTable table, int id);

    /// <summary>The ids sharing at least one band with <paramref name="signature"/> in <paramref name="table"/>, ascending and distinct.</summary>
    /// <param name="table">The table.</param>
    /// <param name="signature">A signature of the table's scheme.</param>
    /// <param name="results">Cleared, then filled.</param>
    void QueryCandidates(LshTable table, MinHashSignature signature, List<int> results);

    /// <summary>
    /// The candidates of <paramref name="signature"/> in <paramref name="table"/> expanded to their groups' members:
    /// <see cref="QueryCandidates"/> then <see cref="ExpandCandidates"/> (a database answers both in one statement).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="signature">A signature of the table's scheme.</param>
    /// <param name="excludeDocument">A document whose passages are left out, or null.</param>
    /// <param name="limit">At most this many passages are returned.</param>
    /// <returns>The passages, by (document ordinal, passage index).</returns>
    List<EnginePassage> QueryMembers(LshTable table, MinHashSignature signature, string? excludeDocument, int limit)
    {
        var representatives = new List<int>();
        QueryCandidates(table, signature, representatives);
        return ExpandCandidates(representatives, excludeDocument, limit);
    }

    /// <summary>Several <see cref="QueryMembers"/> at once (a database answers them in one round trip).</summary>
    /// <param name="queries">The tables and signatures.</param>
    /// <param name="excludeDocument">A document whose passages are left out, or null.</param>
    /// <param name="limit">At most this many passages per query.</param>
    /// <returns>Per query, in order, its passages.</returns>
    IReadOnlyList<List<EnginePassage>> QueryMembersBatch(IReadOnlyList<(LshTable Table, MinHashSignature Signature)> queries, string? excludeDocument, int limit)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var answers = new List<EnginePassage>[queries.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = QueryMembers(queries[i].Table, queries[i].Signature, excludeDocument, limit);
        }

        return answers;
    }

    /// <summary>
    /// The members of the groups of <paramref name="representatives"/> (candidates from <see cref="QueryCandidates"/>),
    /// outside <paramref name="excludeDocument"/>, the first <paramref name="limit"/> by (document, passage index).
    /// </summary>
    /// <remarks>
    /// The default implementation asks <see cref="GetPassage"/> and <see cref="GetGroupMembers"/> for each; a database
    /// answers it in one statement, sorted and limited there.
    /// </remarks>
    /// <param name="representatives">Candidate representatives' ids.</param>
    /// <param name="excludeDocument">A document whose passages are left out, or null.</param>
    /// <param name="limit">At most this many passages are returned.</param>
    /// <returns>The passages, by (document ordinal, passage index).</returns>
    List<EnginePassage> ExpandCandidates(IReadOnlyList<int> representatives, string? excludeDocument, int limit)
    {
        ArgumentNullException.ThrowIfNull(representatives);
        var passages = new List<EnginePassage>();
        foreach (var id in representatives)
        {
            if (GetPassage(id) is not { } representative)
            {
                continue;
            }

            foreach (var member in GetGroupMembers(representative.Group))
            {
                if (GetPassage(member) is { } passage && !string.Equals(passage.Document, excludeDocument, StringComparison.Ordinal))
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
        if (passages.Count > limit)
        {
            passages.RemoveRange(limit, passages.Count - limit);
        }

        return passages;
    }
}

/// <summary>The corpus word statistics as the near-duplicate engine reads and updates them.</summary>
/// <remarks><see cref="CorpusWordStatistics"/> is the in-memory implementation; see it for the rules.</remarks>
public interface ICorpusWordStatistics
{
    /// <summary>Passages counted towards common words.</summary>
    int PassageCount { get; }

    /// <summary>Counts a passage's evidence (its content words too when <paramref name="countPassage"/>).</summary>
    void Add(PassageWordEvidence evidence, bool countPassage = true);

    /// <summary>Uncounts what <see cref="Add"/> counted with the same arguments.</summary>
    void Remove(PassageWordEvidence evidence, bool countPassage = true);

    /// <summary>Whether a content word is a name.</summary>
    bool IsName(ulong word);

    /// <summary>Whether a content word is common.</summary>
    bool IsCommon(ulong word);

    /// <summary>The informative words among <paramref name="contentWords"/>, in their order, judged in one state.</summary>
    ulong[] InformativeWords(ReadOnlySpan<ulong> contentWords);
}
