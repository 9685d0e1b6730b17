using ClaimCompare.Core.Claims.Figures;
using ClaimCompare.Core.Claims.Figures.Recognizers;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

public class NumeralRecognizerTests
{
    private static (string Text, NumberReading Reading) Only(string sentence)
    {
        var numbers = Scans.Numbers(sentence, NumeralRecognizer.Propose);
        Assert.True(numbers.Count == 1, $"expected one number in «{sentence}», got {numbers.Count}: {string.Join(" | ", numbers.Select(n => n.Text))}");
        return numbers[0];
    }

    [Theory]
    [InlineData("Revenue was 2.5 million.", "2.5 million", 2_500_000)]
    [InlineData("Revenue was £2.5m.", "2.5m", 2_500_000)]
    [InlineData("Revenue was EUR 2.5mn.", "2.5mn", 2_500_000)]
    [InlineData("Sales reached 13.1 mln units.", "13.1 mln", 13_100_000)]
    [InlineData("The deal is worth $3bn.", "3bn", 3e9)]
    [InlineData("It earmarks $1.5-bln.", "1.5-bln", 1.5e9)]
    [InlineData("The app has 100k users.", "100k", 100_000)]
    [InlineData("Some 10 000 fans came.", "10 000", 10_000)]
    public void Scale_words_and_suffixes_multiply(string sentence, string text, double value)
    {
        var (t, n) = Only(sentence);
        Assert.Equal(text, t);
        Assert.Equal(value, n.Value);
        Assert.True(n.Has(NumberForm.Scaled) || value == 10_000);
    }

    [Fact]
    public void A_scale_keeps_its_unscaled_value_for_ranges_to_share()
    {
        var (_, n) = Only("It may cost 2.5 billion.");
        Assert.Equal(2.5, n.Unscaled);
        Assert.Equal(1e9, n.Scale);
        Assert.Equal(1e8, n.Roundness);
    }

    [Fact]
    public void A_glued_m_before_a_race_is_metres_not_million()
    {
        var (t, n) = Only("She won the 100m final.");
        Assert.Equal("100", t);
        Assert.Equal(100, n.Value);
    }

    [Theory]
    [InlineData("The wind chill was minus 40 degrees.", "minus 40", -40)]
    [InlineData("He lost -3 yards on the play.", "-3", -3)]
    [InlineData("DAX -0.8% at the close.", "-0.8", -0.8)]
    [InlineData("The Nasdaq was +1.2% on the day.", "+1.2", 1.2)]
    public void Printed_signs_are_kept(string sentence, string text, double value)
    {
        var (t, n) = Only(sentence);
        Assert.Equal(text, t);
        Assert.Equal(value, n.Value);
        Assert.True(n.Has(NumberForm.Signed));
    }

    [Theory]
    [InlineData("They won 10-15 games.")]
    [InlineData("The F-16 flew over.")]
    public void A_hyphen_between_tokens_is_no_sign(string sentence)
    {
        var numbers = Scans.Numbers(sentence, NumeralRecognizer.Propose);
        Assert.All(numbers, n => Assert.False(n.Reading.Has(NumberForm.Signed)));
    }

    [Theory]
    [InlineData("Thousands of homes lost power.", 1_000, 10_000)]
    [InlineData("Dozens of people were hurt.", 12, 120)]
    [InlineData("Hundreds of protesters gathered.", 100, 1_000)]
    [InlineData("Tens of thousands of people marched.", 10_000, 100_000)]
    [InlineData("Several hundred thousand pilgrims came.", 300_000, 1_000_000)]
    [InlineData("Congress will spend several months on it.", 3, 10)]
    public void Vague_quantities_are_ranges(string sentence, double low, double high)
    {
        var (_, n) = Only(sentence);
        Assert.True(n.Has(NumberForm.Vague));
        Assert.True(double.IsNaN(n.Value));
        Assert.Equal(low, n.Low);
        Assert.Equal(high, n.High);
    }

    [Theory]
    [InlineData("No one was hurt.")]
    [InlineData("It is one of the biggest banks.")]
    [InlineData("They looked at one another.")]
    [InlineData("“One can’t say that our ideas and concerns were taken into account,” Peskov said.")]
    [InlineData("One cannot rule it out.")]
    [InlineData("One doesn't know what comes next.")]
    public void A_bare_one_is_not_a_count(string sentence)
    {
        Assert.Empty(Scans.Numbers(sentence, NumeralRecognizer.Propose));
    }

    [Theory]
    [InlineData("One Chinese worker was killed.", 1)]
    [InlineData("It has one gigabyte of storage.", 1)]
    [InlineData("Thirty-five miners were trapped.", 35)]
    [InlineData("Two hundred and fifty workers lost their jobs.", 250)]
    public void Number_words_are_numbers(string sentence, double value)
    {
        Assert.Equal(value, Only(sentence).Reading.Value);
    }

    [Fact]
    public void Over_long_digit_runs_are_no_numbers()
    {
        Assert.Empty(Scans.Numbers("Ref 12345678901234567890123 was filed.", NumeralRecognizer.Propose));
    }
}
