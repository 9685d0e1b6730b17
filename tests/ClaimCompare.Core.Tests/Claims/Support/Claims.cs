using ClaimCompare.Core.Claims;

namespace ClaimCompare.Core.Tests.Claims.Support;

/// <summary>One-line extraction helpers for tests.</summary>
internal static class Claims
{
    public static IReadOnlyList<Figure> Figures(string text) => FigureExtractor.Extract(SimpleDocuments.Create(text));

    public static Figure Single(string text, string figureText)
    {
        var all = Figures(text);
        var match = all.Where(f => f.Text == figureText).ToList();
        Assert.True(match.Count == 1, $"expected one figure «{figureText}» in «{text}», got: {string.Join(" | ", all.Select(f => $"{f.Kind}:{f.Text}"))}");
        return match[0];
    }

    public static IReadOnlyList<Quote> Quotes(string text) => QuoteExtractor.Extract(SimpleDocuments.Create(text));

    public static IReadOnlyList<PersonMention> People(string text) => PersonRoleExtractor.Extract(SimpleDocuments.Create(text));
}
