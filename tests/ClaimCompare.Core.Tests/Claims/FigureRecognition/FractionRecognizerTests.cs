using ClaimCompare.Core.Claims.Figures;
using ClaimCompare.Core.Claims.Figures.Recognizers;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

public class FractionRecognizerTests
{
    [Theory]
    [InlineData("Three-quarters of voters agreed.", "Three-quarters", 0.75)]
    [InlineData("It owns a fifth of the firm.", "a fifth", 0.2)]
    [InlineData("Two thirds of the world's population.", "Two thirds", 2.0 / 3)]
    [InlineData("Nearly half of all Palestinians are poor.", "half", 0.5)]
    [InlineData("It cut the stake in half.", "half", 0.5)]
    [InlineData("Add 1/8 of a cup.", "1/8", 0.125)]
    [InlineData("Two in five of the reports were fraud.", "Two in five", 0.4)]
    [InlineData("Seven out of 10 regions fell.", "Seven out of 10", 0.7)]
    public void Proper_fractions_are_proportions(string sentence, string text, double value)
    {
        var n = Assert.Single(Scans.Numbers(sentence, FractionRecognizer.Propose), x => x.Text == text);
        Assert.Equal(value, n.Reading.Value, 9);
        Assert.True(n.Reading.Has(NumberForm.Fraction));
        Assert.Equal(1, n.Reading.Roundness);
    }

    [Theory]
    [InlineData("The talks took two and a half hours.", "two and a half", 2.5)]
    [InlineData("It weighs one and a quarter tonnes.", "one and a quarter", 1.25)]
    [InlineData("The pipe is 2½ inches wide.", "2½", 2.5)]
    [InlineData("He pitched 8 1/3 innings.", "8 1/3", 25.0 / 3)]
    public void Mixed_numbers_add_the_fraction(string sentence, string text, double value)
    {
        var n = Assert.Single(Scans.Numbers(sentence, FractionRecognizer.Propose), x => x.Text == text);
        Assert.Equal(value, n.Reading.Value, 9);
        Assert.True(n.Reading.Has(NumberForm.Mixed));
    }

    [Theory]
    [InlineData("Profits fell in the third quarter.")]
    [InlineData("He is seeking a third term in office.")]
    [InlineData("It lost money in the first half of the year.")]
    [InlineData("It happened on 9/11 and on 24/7 duty.")]
    [InlineData("Profits were lower than in the preceding three quarters.")]
    public void Ordinal_uses_and_dates_are_not_fractions(string sentence)
    {
        Assert.Empty(Scans.Numbers(sentence, FractionRecognizer.Propose));
    }
}
