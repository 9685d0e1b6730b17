namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Which passages of different documents are near-duplicates of each other: the strongest evidence
/// that two claims speak of the same thing.
/// </summary>
/// <remarks>
/// Links are transitive, as near-duplicate clusters are: passages are kept in disjoint sets, so a
/// cluster of n copies costs n entries, not n² pairs.
/// </remarks>
public sealed class PassageLinks
{
    private readonly Dictionary<(string Document, int Passage), int> _ids = [];
    private readonly List<int> _parent = [];

    /// <summary>An empty set of links.</summary>
    public static PassageLinks None => new();

    /// <summary>Number of linked passages.</summary>
    public int Count => _ids.Count;

    /// <summary>Records that passage <paramref name="passageA"/> of <paramref name="documentA"/> and passage
    /// <paramref name="passageB"/> of <paramref name="documentB"/> are near-duplicates.</summary>
    public void Add(string documentA, int passageA, string documentB, int passageB)
    {
        ArgumentNullException.ThrowIfNull(documentA);
        ArgumentNullException.ThrowIfNull(documentB);
        var a = Find(IdOf(documentA, passageA));
        var b = Find(IdOf(documentB, passageB));
        if (a != b)
        {
            _parent[Math.Max(a, b)] = Math.Min(a, b);
        }
    }

    /// <summary>Whether the two passages were linked, directly or through other passages.</summary>
    public bool AreLinked(string documentA, int passageA, string documentB, int passageB) =>
        _ids.Count > 0
        && _ids.TryGetValue((documentA, passageA), out var a)
        && _ids.TryGetValue((documentB, passageB), out var b)
        && Find(a) == Find(b);

    /// <summary>The set a passage belongs to: equal for two passages exactly when they are linked; -1 for a passage never linked.</summary>
    /// <param name="document">The document id.</param>
    /// <param name="passage">The passage index.</param>
    /// <returns>A non-negative set number, or -1. Stable until the next <see cref="Add"/>.</returns>
    public int RootOf(string document, int passage) =>
        _ids.Count > 0 && _ids.TryGetValue((document, passage), out var id) ? Find(id) : -1;

    private int IdOf(string document, int passage)
    {
        if (!_ids.TryGetValue((document, passage), out var id))
        {
            id = _parent.Count;
            _ids[(document, passage)] = id;
            _parent.Add(id);
        }

        return id;
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }
}
