using System.Text;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Tests.Claims.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Claims;

/// <summary>Inputs that could hang or crash a scanner. Each must return without throwing; no timing asserted.</summary>
public class HostileInputTests
{
    public static TheoryData<string, string> Inputs()
    {
        var random = new Random(20220112);
        var unicode = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            unicode.Append((char)random.Next(0, 0xFFFF));
        }

        return new TheoryData<string, string>
        {
            { "megabyte of digits", new string('9', 1_000_000) },
            { "digits with separators", string.Concat(Enumerable.Repeat("1,000,", 150_000)) },
            { "digits and spaces", string.Concat(Enumerable.Repeat("100 000 ", 100_000)) },
            { "straight quote marks", new string('"', 500_000) },
            { "curly opening marks", new string('\u201C', 500_000) },
            { "single curly marks", string.Concat(Enumerable.Repeat("\u2018a\u2019", 200_000)) },
            { "unbalanced quotes with speech verbs", string.Concat(Enumerable.Repeat("\"he said she said Sherman said ", 50_000)) },
            { "many names", string.Concat(Enumerable.Repeat("Wendy R. Sherman and Mr Putin said ", 30_000)) },
            { "many distinct first names, one surname", BuildDistinctNames() },
            { "titles without names", string.Concat(Enumerable.Repeat("Deputy Secretary of State ", 100_000)) },
            { "hedges without numbers", string.Concat(Enumerable.Repeat("more than nearly close to up to ", 100_000)) },
            { "number words", string.Concat(Enumerable.Repeat("one hundred thousand two dozen ", 100_000)) },
            { "overflowing number words", "one " + string.Concat(Enumerable.Repeat("hundred ", 10_000)) + "people" },
            { "huge scaled numbers", string.Concat(Enumerable.Repeat("999,999,999,999,999 trillion ", 10_000)) },
            { "hyphens and digits", string.Concat(Enumerable.Repeat("1-2-3-4-", 200_000)) },
            { "random unicode", unicode.ToString() },
            { "surrogates and marks", string.Concat(Enumerable.Repeat("\uD83D\uDE00\u0301\u200B\u00A0", 100_000)) },
            { "lone surrogates", string.Concat(Enumerable.Repeat("\uD800a\uDC00", 100_000)) },
            { "empty", string.Empty },
        };
    }

    private static string BuildDistinctNames()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            sb.Append("President A").Append((char)('a' + (i % 26))).Append((char)('a' + (i / 26 % 26))).Append(" Smith said. ");
        }

        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Extraction_never_throws(string name, string text)
    {
        Assert.NotNull(name);
        var asOneParagraph = new ProcessedDocument("hostile", text, [new Passage(0, 0, PassageKind.Sentence, 0, text.Length, text, text)], []);
        var claims = ClaimExtractor.Extract(asOneParagraph);
        AssertSpans(text, claims);

        var split = SimpleDocuments.Create(text);
        AssertSpans(text, ClaimExtractor.Extract(split));
    }

    [Fact]
    public void Passages_out_of_range_or_overlapping_do_not_throw()
    {
        const string text = "About 3,000 troops, \"he said.\" Sherman said.";
        Passage[] passages =
        [
            new(0, 0, PassageKind.Sentence, 0, 30, text[..30], text[..30]),
            new(1, 0, PassageKind.Sentence, 10, 44, text[10..44], text[10..44]),
            new(2, 1, PassageKind.Sentence, 40, 500, "", ""),
            new(3, 1, PassageKind.Sentence, -5, 3, "", ""),
        ];
        var claims = ClaimExtractor.Extract(new ProcessedDocument("odd", text, passages, []));
        Assert.NotNull(claims);
    }

    private static void AssertSpans(string text, DocumentClaims claims)
    {
        foreach (var f in claims.Figures)
        {
            Assert.Equal(f.Text, text[f.Start..f.End]);
            Assert.True(f.Value is null || double.IsFinite(f.Value.Value));
            Assert.True(f.Low is null || double.IsFinite(f.Low.Value));
            Assert.True(f.High is null || double.IsFinite(f.High.Value));
        }

        foreach (var q in claims.Quotes)
        {
            Assert.Equal(q.Text, text[q.Start..q.End]);
            Assert.True(q.End - q.Start <= QuoteExtractor.MaxQuoteLength);
        }

        foreach (var p in claims.People)
        {
            Assert.Equal(p.Surface, text[p.Start..p.End]);
        }
    }
}
