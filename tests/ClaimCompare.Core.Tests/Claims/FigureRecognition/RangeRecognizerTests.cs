using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Claims.Figures.Recognizers;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

public class RangeRecognizerTests
{
    private static List<(string Text, Core.Claims.Figures.Candidate Candidate)> Ranges(string sentence) =>
        Scans.Candidates(sentence, RangeRecognizer.Propose);

    [Theory]
    [InlineData("It may hire six to seven thousand staff.", "six to seven thousand", 6000, 7000, null)]
    [InlineData("The bill is $2 to $3 billion.", "$2 to $3 billion", 2e9, 3e9, "USD")]
    [InlineData("Warming of 2 to 2.5 degrees is expected.", "2 to 2.5 degrees", 2, 2.5, "°")]
    [InlineData("Some 150,000 to 180,000 people came.", "150,000 to 180,000", 150_000, 180_000, null)]
    [InlineData("They may raise prices between 20% and 30%.", "between 20% and 30%", 20, 30, "%")]
    [InlineData("China will lay off 5-6 million workers.", "5-6 million", 5e6, 6e6, null)]
    [InlineData("Outlook: a 3% to 3.5% improvement.", "3% to 3.5%", 3, 3.5, "%")]
    [InlineData("The offence carries 16 months to four years in prison.", "16 months to four years", 16, 48, "mo")]
    public void Two_numbers_sharing_a_scale_or_unit_are_one_range(string sentence, string text, double low, double high, string? unit)
    {
        var (t, c) = Assert.Single(Ranges(sentence));
        Assert.Equal(text, t);
        Assert.True(c.IsRange);
        Assert.Equal(low, c.Low, 9);
        Assert.Equal(high, c.High, 9);
        Assert.Equal(unit, c.Unit);
    }

    [Theory]
    [InlineData("The stake was cut from 70% to 49%.")]
    [InlineData("Rates rose by a quarter of a percentage point to 2.25%.")]
    [InlineData("Shares climbed 4.2% to 5.1%.")]
    [InlineData("He was there between 2002 and 2004.")]
    public void Changes_levels_and_years_are_no_ranges(string sentence)
    {
        Assert.Empty(Ranges(sentence));
    }

    [Theory]
    [InlineData("Leeds won 3-1 at home.", "3-1")]
    [InlineData("The Colts beat the Titans 31-17 on Sunday.", "31-17")]
    [InlineData("They suffered a 2-3 defeat at home.", "2-3")]
    public void Scores_are_other(string sentence, string text)
    {
        var (t, c) = Assert.Single(Ranges(sentence));
        Assert.Equal(text, t);
        Assert.Equal(FigureKind.Other, c.Kind);
    }
}
