using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Everything the claim extractors found in one document.</summary>
/// <remarks>Maps one to one onto the CLI's JSON: <c>{"document", "figures": [{"start", "end", "text", "kind",
/// "value", "low", "high", "noun"}], "quotes": [{"start", "end", "text", "speaker"}], "people": [{"name", "role",
/// "start", "end"}]}</c>, with <see cref="FigureKind"/> written in lower case and open bounds as null.</remarks>
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
