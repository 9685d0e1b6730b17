using ClaimCompare.Core.Claims.Figures;
using ClaimCompare.Core.Claims.Figures.Recognizers;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

public class ScientificNotationRecognizerTests
{
    [Theory]
    [InlineData("A mole holds 6.02×10²³ atoms.", "6.02×10²³", 6.02e23)]
    [InlineData("Light travels at 3e8 metres a second.", "3e8", 3e8)]
    [InlineData("The count was 12.32e+14.", "12.32e+14", 1.232e15)]
    [InlineData("A factor of 1.5 x 10^6 was seen.", "1.5 x 10^6", 1.5e6)]
    [InlineData("About 10^9 cells divide.", "10^9", 1e9)]
    [InlineData("The charge was -12e-1 units.", "-12e-1", -1.2)]
    public void Powers_of_ten_are_read(string sentence, string text, double value)
    {
        var n = Assert.Single(Scans.Numbers(sentence, ScientificNotationRecognizer.Propose));
        Assert.Equal(text, n.Text);
        Assert.Equal(value, n.Reading.Value, Math.Abs(value) * 1e-12);
        Assert.True(n.Reading.Has(NumberForm.Scientific));
    }

    [Theory]
    [InlineData("The 10 biggest firms.")]
    [InlineData("Version 3e is out.")]
    public void Plain_numbers_are_left_to_the_numeral_recogniser(string sentence)
    {
        Assert.Empty(Scans.Numbers(sentence, ScientificNotationRecognizer.Propose));
    }
}
