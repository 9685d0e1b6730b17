using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Claims.Figures.Recognizers;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

/// <summary>Units and currencies attached to numbers, as the quantity recogniser proposes them.</summary>
public class QuantityRecognizerTests
{
    private static (string Text, Core.Claims.Figures.Candidate Candidate) Quantity(string sentence, string text)
    {
        var all = Scans.Candidates(sentence, QuantityRecognizer.Propose);
        var found = all.Where(c => c.Text == text).ToList();
        Assert.True(found.Count == 1, $"expected «{text}» in «{sentence}», got: {string.Join(" | ", all.Select(c => c.Text))}");
        return found[0];
    }

    [Theory]
    [InlineData("The engine makes 450bhp.", "450bhp", 450, "hp", FigureKind.Measure)]
    [InlineData("It comes with 128GB of storage.", "128GB", 128, "GB", FigureKind.Measure)]
    [InlineData("The limit is 70mph on motorways.", "70mph", 70, "mph", FigureKind.Measure)]
    [InlineData("A 15kW charger is standard.", "15kW", 15, "kW", FigureKind.Measure)]
    [InlineData("The rate rose to 2.4pc in May.", "2.4pc", 2.4, "%", FigureKind.Percent)]
    [InlineData("Temperatures hit 47.3C on Sunday.", "47.3C", 47.3, "°C", FigureKind.Measure)]
    [InlineData("It was minus 40 degrees outside.", "minus 40 degrees", -40, "°", FigureKind.Measure)]
    [InlineData("Chips of sub-5 nanometre size.", "5 nanometre", 5, "nm", FigureKind.Measure)]
    [InlineData("The quake had magnitude 5 on the Richter scale.", "magnitude 5", 5, "magnitude", FigureKind.Measure)]
    [InlineData("It weighs 1422kg dry.", "1422kg", 1422, "kg", FigureKind.Measure)]
    [InlineData("He is 5ft 9ins tall.", "5ft 9ins", 69, "in", FigureKind.Measure)]
    [InlineData("Rates rose by 25 basis points.", "25 basis points", 25, "bp", FigureKind.Percent)]
    [InlineData("The index dropped 85 points.", "85 points", 85, "pt", FigureKind.Measure)]
    [InlineData("They met for four hours.", "four hours", 4, "h", FigureKind.Duration)]
    [InlineData("The nearly four-hour meeting ended.", "four-hour", 4, "h", FigureKind.Duration)]
    public void Units_glued_spaced_or_hyphenated_are_normalised(string sentence, string text, double value, string unit, FigureKind kind)
    {
        var (_, c) = Quantity(sentence, text);
        Assert.Equal(value, c.Value, 9);
        Assert.Equal(unit, c.Unit);
        Assert.Equal(kind, c.Kind);
    }

    [Theory]
    [InlineData("The fund is EUR25m.", "EUR25m", 25e6, "EUR", 1.0)]
    [InlineData("A ticket costs R$40.", "R$40", 40, "BRL", 1.0)]
    [InlineData("Profit was HK$327m.", "HK$327m", 327e6, "HKD", 1.0)]
    [InlineData("The deal is worth US$5.8 billion.", "US$5.8 billion", 5.8e9, "USD", 1.0)]
    [InlineData("Pernod is worth 7.5bn euros.", "7.5bn euros", 7.5e9, "EUR", 1.0)]
    [InlineData("It bid euro4.4 billion for it.", "euro4.4 billion", 4.4e9, "EUR", 1.0)]
    [InlineData("Shares closed at 274.5p.", "274.5p", 274.5, "GBP", 0.01)]
    [InlineData("Shares fell 12 cents.", "12 cents", 12, "USD", 0.01)]
    [InlineData("The fraud totalled 2 trillion won.", "2 trillion won", 2e12, "KRW", 1.0)]
    [InlineData("It will cost hundreds of millions of dollars.", "hundreds of millions of dollars", double.NaN, "USD", 1.0)]
    [InlineData("An expected 750 billion-euro fund.", "750 billion-euro", 750e9, "EUR", 1.0)]
    public void Currencies_before_or_after_make_money(string sentence, string text, double value, string code, double factor)
    {
        var (_, c) = Quantity(sentence, text);
        Assert.Equal(FigureKind.Money, c.Kind);
        Assert.Equal(code, c.Unit);
        Assert.Equal(factor, c.Factor);
        if (!double.IsNaN(value))
        {
            Assert.Equal(value, c.Value, 3);
        }
    }

    [Theory]
    [InlineData("Three-quarters of voters agreed.", "Three-quarters", 75)]
    [InlineData("Nearly half of all Palestinians are poor.", "half", 50)]
    public void A_fraction_with_nothing_after_it_is_a_percentage(string sentence, string text, double value)
    {
        var (_, c) = Quantity(sentence, text);
        Assert.Equal(FigureKind.Percent, c.Kind);
        Assert.Equal("%", c.Unit);
        Assert.Equal(value, c.Value, 9);
    }

    [Theory]
    [InlineData("Borrowing costs rose by a quarter of a percentage point.", "a quarter of a percentage point", 0.25, "pp")]
    [InlineData("Almost a quarter of a million consumers complained.", "a quarter of a million", 250_000, null)]
    public void A_fraction_of_a_unit_or_scale_takes_it(string sentence, string text, double value, string? unit)
    {
        var (_, c) = Quantity(sentence, text);
        Assert.Equal(value, c.Value, 9);
        Assert.Equal(unit, c.Unit);
    }

    [Theory]
    [InlineData("The 54-year-old was arrested.", "54-year-old")]
    [InlineData("Mikoliunas, 20, barged the linesman.", "20")]
    [InlineData("It is three times bigger.", "three times")]
    [InlineData("Johnson took a four-hitter into the ninth.", "four-hitter")]
    public void Ages_multipliers_and_compounds_are_other(string sentence, string text)
    {
        Assert.Equal(FigureKind.Other, Quantity(sentence, text).Candidate.Kind);
    }

    [Fact]
    public void A_hyphen_noun_is_counted()
    {
        var (_, c) = Quantity("The 30-nation alliance met.", "30-nation");
        Assert.Equal(FigureKind.Count, c.Kind);
        Assert.Equal("nation", c.Noun);
        Assert.True(c.Adjectival);
    }
}
