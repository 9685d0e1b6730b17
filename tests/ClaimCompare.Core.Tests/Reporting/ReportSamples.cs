using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Reporting;

/// <summary>A small report built by hand from real fixture sentences, for the renderer tests.</summary>
internal static class ReportSamples
{
    public const string Doc000 = "Allies of NATO have called on Russia to immediately de-escalate the situation in Ukraine, where close to 100,000 Russian troops have amassed near the borders.";
    public const string Doc004 = "Stoltenberg said NATO allies urged Russia to “immediately defuse the situation in Ukraine”, where nearly 100,000 Russian troops have gathered near the borders.";

    public static ComparisonReport Build(string extra004 = "")
    {
        var a = Document("000", Doc000, new DateOnly(2022, 1, 12));
        var b = Document("004", Doc004 + extra004, null);
        var claimA = Span(Doc000, "close to 100,000 Russian troops");
        var claimB = Span(Doc004, "nearly 100,000 Russian troops");
        var finding = new Finding(FindingKind.Agree, "Russian troops near the border", 0.9,
        [
            new Evidence("000", new SourceSpan(0, Doc000.Length, Doc000), claimA, "[95000, 100000)") { Context = "2022-01-12" },
            new Evidence("004", new SourceSpan(0, b.OriginalText.Length, b.OriginalText), claimB, "[95000, 100000)"),
        ])
        { Explanation = "The intervals overlap." };
        var variant = new Finding(FindingKind.QuoteVariant, "NATO allies: de-escalate in Ukraine", 0.8, [
            new Evidence("000", new SourceSpan(0, Doc000.Length, Doc000), Span(Doc000, "immediately de-escalate the situation in Ukraine"), "NATO allies"),
            new Evidence("004", new SourceSpan(0, b.OriginalText.Length, b.OriginalText), Span(Doc004, "immediately defuse the situation in Ukraine"), "NATO allies"),
        ])
        {
            Diff = WordDiff.Compute("immediately de-escalate the situation in Ukraine", "immediately defuse the situation in Ukraine"),
        };
        var rep = new ClusterMember("000", 0, 0, Doc000.Length, Doc000, 1, 1, 1, MatchKind.Verbatim, IsRepresentative: true, []);
        var member = new ClusterMember("004", 0, 0, b.OriginalText.Length, b.OriginalText, 0.31, 0.42, 0.77, MatchKind.Rewrite, IsRepresentative: false,
            WordDiff.Compute("close to 100,000 Russian troops", "nearly 100,000 Russian troops"));
        return new ComparisonReport(
            [new ReportSource(a), new ReportSource(b)],
            [variant, finding],
            [new PassageCluster(1, new PassageSpan("000", 0, 0, Doc000.Length), [rep, member])],
            [new DocumentOverlap("000", "004", 2, 1, 0.9, "000")]);
    }

    private static ProcessedDocument Document(string id, string text, DateOnly? date) =>
        new(id, text, [new Passage(0, 0, PassageKind.Sentence, 0, text.Length, text, text)], []) { Date = date, Path = $"{id}.txt" };

    private static SourceSpan Span(string text, string part)
    {
        var start = text.IndexOf(part, StringComparison.Ordinal);
        return new SourceSpan(start, start + part.Length, part);
    }
}
