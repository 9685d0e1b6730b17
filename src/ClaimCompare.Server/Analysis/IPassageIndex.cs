namespace ClaimCompare.Server.Analysis;

/// <summary>A stored passage as the index knows it.</summary>
/// <param name="Document">Document id.</param>
/// <param name="Passage">Passage index in the document.</param>
/// <param name="Start">Passage start in the document's original text.</param>
/// <param name="End">Passage end (exclusive).</param>
/// <param name="Scheme">Signature scheme.</param>
/// <param name="Signature">The signature bytes.</param>
public sealed record IndexedPassage(string Document, int Passage, int Start, int End, string Scheme, byte[] Signature);

/// <summary>An in-memory near-duplicate index over passage signatures, rebuilt from the store on start.</summary>
/// <remarks>Thread-safe: queries may run while another thread inserts or deletes.</remarks>
public interface IPassageIndex
{
    /// <summary>The signature scheme this index accepts.</summary>
    string Scheme { get; }

    /// <summary>Number of indexed passages.</summary>
    int Count { get; }

    /// <summary>Adds a document's passages. Signatures of another scheme are rejected.</summary>
    /// <exception cref="ArgumentException">A signature's scheme is not <see cref="Scheme"/>.</exception>
    void Insert(IReadOnlyList<IndexedPassage> passages);

    /// <summary>Removes every passage of <paramref name="documentId"/>.</summary>
    /// <returns>Whether anything was removed.</returns>
    bool Delete(string documentId);

    /// <summary>Candidate passages for <paramref name="signature"/>, in document then passage order.</summary>
    IReadOnlyList<IndexedPassage> Query(ReadOnlySpan<byte> signature);
}
