using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>The extraction layer's facade: figures, quotes and people of a document in one call.</summary>
public static class ClaimExtractor
{
    /// <summary>Extracts the figures, quotes and people of one document; names are canonical within it.</summary>
    /// <param name="document">A processed document whose passages index its original text.</param>
    /// <returns>The document's claims; never throws on odd text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static DocumentClaims Extract(ProcessedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var people = PersonRoleExtractor.Extract(document);
        var quotes = QuoteExtractor.Extract(document, people);
        var figures = FigureExtractor.Extract(document);
        return new DocumentClaims(document.Id, figures, quotes, people) { Source = document };
    }

    /// <summary>Extracts every document and merges people's names across the documents that belong together
    /// with a <see cref="PersonRegistry"/>.</summary>
    /// <param name="documents">The documents.</param>
    /// <param name="groups">Which documents belong together (one story, or linked by near-duplicate passages); names
    /// are merged only within a group. Null: every document keeps its own names (names are never merged across
    /// documents by surname alone).</param>
    /// <returns>One <see cref="DocumentClaims"/> per document, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    public static IReadOnlyList<DocumentClaims> ExtractAll(IEnumerable<ProcessedDocument> documents, DocumentGroups? groups = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var claims = new List<DocumentClaims>();
        foreach (var d in documents)
        {
            claims.Add(Extract(d));
        }

        return PersonRegistry.Unify(claims, groups ?? new DocumentGroups());
    }
}
