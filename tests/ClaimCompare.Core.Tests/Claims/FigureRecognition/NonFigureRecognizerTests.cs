using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Claims.Figures;
using ClaimCompare.Core.Claims.Figures.Recognizers;
using static ClaimCompare.Core.Tests.Claims.Support.Claims;

namespace ClaimCompare.Core.Tests.Claims.FigureRecognition;

public class NonFigureRecognizerTests
{
    [Theory]
    [InlineData("Samsung launched the Galaxy S21 on Thursday.", "S21")]
    [InlineData("Airbus delivered its first A320neo to the airline.", "A320neo")]
    [InlineData("The Nord Stream 2 pipeline bypasses Ukraine.", "Nord Stream 2")]
    [InlineData("The phones run on 4G networks.", "4G")]
    [InlineData("Passengers should go to Gate 12 now.", "Gate 12")]
    [InlineData("The meeting of G7 finance ministers ended.", "G7")]
    [InlineData("Debris was not from flight MH370, he said.", "MH370")]
    [InlineData("Electronic Arts makes Madden NFL 2005 among others.", "Madden NFL 2005")]
    [InlineData("It emerged from Chapter 11 protection.", "Chapter 11")]
    [InlineData("Ofcom declared 056 the area code.", "056")]
    [InlineData("Call the hotline on 555-123-4567 today.", "555-123-4567")]
    [InlineData("It is the 800-pound gorilla of search.", "800-pound")]
    [InlineData("The Huracan does 0-62mph in 3.2sec.", "0-62mph")]
    [InlineData("Michael Phelps won the 400 individual medley.", "the 400 individual")]
    public void Names_labels_and_identifiers_are_claimed(string sentence, string text)
    {
        var claims = Scans.Candidates(sentence, NonFigureRecognizer.Propose);
        Assert.Contains(claims, c => c.Text == text && c.Candidate.Source == CandidateSource.NonFigure);
    }

    [Theory]
    [InlineData("Samsung launched the Galaxy S21 on Thursday.")]
    [InlineData("Passengers at Gate 12 Seat 7 waited.")]
    [InlineData("The Nord Stream 2 pipeline bypasses Ukraine.")]
    [InlineData("The Formula One season begins.")]
    [InlineData("Microsoft opened the source of Office 2003 to governments.")]
    public void What_they_claim_yields_no_figure(string sentence)
    {
        Assert.DoesNotContain(Figures(sentence), f => f.Kind is FigureKind.Count or FigureKind.Year or FigureKind.Measure);
    }

    [Theory]
    [InlineData("In 2003, 3,500 travellers had no place to stop.", "3,500")]
    [InlineData("Halifax said prices rose 3% in December.", "3%")]
    [InlineData("Kmart said profit rose 10 percent.", "10 percent")]
    [InlineData("The $499 Macintosh went on sale.", "$499")]
    public void Figures_after_names_are_still_figures(string sentence, string text)
    {
        Assert.Contains(Figures(sentence), f => f.Text == text);
    }
}
