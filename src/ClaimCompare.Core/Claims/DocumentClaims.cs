using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Everything the claim extractors found in one document.</summary>
/// <param name="Document">The document's id.</param>
/// <param name="Figures">Figures in text order.</param>
/// <param name="Quotes">Quotes in text order.</param>
/// <param name="People">Person mentions in text order.</param>
public sealed record DocumentClaims(
    string Document,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<Quote> Quotes,
    IReadOnlyList<PersonMention> People)
{
    /// <summary>The processed document the claims were extracted from, when kept.</summary>
    public ProcessedDocument? Source { get; init; }
}
