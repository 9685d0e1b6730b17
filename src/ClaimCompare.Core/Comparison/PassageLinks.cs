namespace ClaimCompare.Core.Comparison;

/// <summary>
/// Which passages of different documents are near-duplicates of each other: the strongest evidence
/// that two claims speak of the same thing.
/// </summary>
public sealed class PassageLinks
{
    private readonly HashSet<(string, int, string, int)> _pairs = [];

    /// <summary>An empty set of links.</summary>
    public static PassageLinks None { get; } = new();

    /// <summary>Number of links.</summary>
    public int Count => _pairs.Count;

    /// <summary>Records that passage <paramref name="passageA"/> of <paramref name="documentA"/> and passage
    /// <paramref name="passageB"/> of <paramref name="documentB"/> are near-duplicates.</summary>
    public void Add(string documentA, int passageA, string documentB, int passageB)
    {
        ArgumentNullException.ThrowIfNull(documentA);
        ArgumentNullException.ThrowIfNull(documentB);
        _pairs.Add(Key(documentA, passageA, documentB, passageB));
    }

    /// <summary>Whether the two passages were linked, in either order.</summary>
    public bool AreLinked(string documentA, int passageA, string documentB, int passageB) =>
        _pairs.Count > 0 && _pairs.Contains(Key(documentA, passageA, documentB, passageB));

    private static (string, int, string, int) Key(string documentA, int passageA, string documentB, int passageB) =>
        string.CompareOrdinal(documentA, documentB) < 0 || (documentA == documentB && passageA <= passageB)
            ? (documentA, passageA, documentB, passageB)
            : (documentB, passageB, documentA, passageA);
}
