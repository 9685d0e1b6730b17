using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Claims.Figures.Recognizers;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

public class DateTimeRecognizerTests
{
    private static List<(string Text, Core.Claims.Figures.Candidate Candidate)> Calendar(string sentence) =>
        Scans.Candidates(sentence, DateTimeRecognizer.Propose);

    [Theory]
    [InlineData("The shop opens at 11.30am daily.", "11.30am", 11.5)]
    [InlineData("Kick-off is at 7:45 p.m. tonight.", "7:45 p.m.", 19.75)]
    [InlineData("Shares rose 4% by 1200 GMT.", "1200 GMT", 12)]
    [InlineData("The meeting starts at 10 a.m. sharp.", "10 a.m.", 10)]
    [InlineData("It aired from 5:15-8 p.m. on Fox.", "5:15-8 p.m.", 17.25)]
    public void Clock_times_are_times(string sentence, string text, double hours)
    {
        var (t, c) = Assert.Single(Calendar(sentence));
        Assert.Equal(text, t);
        Assert.Equal(FigureKind.Time, c.Kind);
        Assert.Equal(hours, c.Value, 9);
    }

    [Theory]
    [InlineData("The talks were held on January 12, 2022, in Brussels.", "January 12, 2022")]
    [InlineData("KHARTOUM, Sudan Sept. 19, 2004 - A resolution passed.", "Sept. 19, 2004")]
    [InlineData("It ended on 31 December 2004.", "31 December 2004")]
    [InlineData("Biden will visit March 5-10.", "March 5-10")]
    [InlineData("Growth was 6% in the year to March 2005.", "March 2005")]
    [InlineData("The report is dated 2022-01-13 here.", "2022-01-13")]
    [InlineData("He coached them between 1965-71 with success.", "1965-71")]
    public void Dates_are_dates(string sentence, string text)
    {
        var (t, c) = Assert.Single(Calendar(sentence));
        Assert.Equal(text, t);
        Assert.Equal(FigureKind.Date, c.Kind);
    }

    [Theory]
    [InlineData("Russia annexed Crimea in 2014.", "2014", 2014, 2014)]
    [InlineData("Smoking rose in the 1990s among the young.", "1990s", 1990, 1999)]
    [InlineData("They restated 2000 and 2003 results.", "2000", 2000, 2000)]
    public void Years_are_years(string sentence, string text, double low, double high)
    {
        var (t, c) = Calendar(sentence).First();
        Assert.Equal(text, t);
        Assert.Equal(FigureKind.Year, c.Kind);
        Assert.Equal(low, c.Value);
        Assert.Equal(high, double.IsNaN(c.High) ? c.Value : c.High);
    }

    [Theory]
    [InlineData("Some 2000 troops were sent.")]
    [InlineData("It produced 2000 tonnes of grain.")]
    [InlineData("About 1500 people were evacuated.")]
    [InlineData("It cost $2008 in all.")]
    public void Four_digit_quantities_are_not_years(string sentence)
    {
        Assert.Empty(Calendar(sentence));
    }
}
