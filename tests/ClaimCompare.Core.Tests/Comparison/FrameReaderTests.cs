using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Comparison;

public class TimeResolverTests
{
    private static readonly DateOnly January30th2004 = new(2004, 1, 30);

    [Theory]
    [InlineData("the economy grew at a 4 percent annual rate in the fourth quarter", "2003-Q4")]
    [InlineData("rose at a 4.1 percent rate in the fourth quarter of 2003", "2003-Q4")]
    [InlineData("grew at a 4 percent annual rate in the final three months of 2003", "2003-Q4")]
    [InlineData("retail sales fell 1.9 per cent in December", "2003-12")]
    [InlineData("consumption has jumped, compared with 474,000 in 1973", "1973")]
    [InlineData("for all of 2003, the economy grew by 3.1 percent", "2003")]
    [InlineData("payrolls grew last year", "2003")]
    [InlineData("about 3,000 troops began drills on Tuesday", "2004-01-27")]
    [InlineData("the 6,624 people who died in the April 25 earthquake", "2003-04-25")]
    public void A_time_expression_is_resolved_against_the_document_date(string clause, string expected)
    {
        var (time, _) = TimeResolver.Resolve(clause, January30th2004);
        Assert.NotNull(time);
        Assert.Equal(expected, time.Label);
    }

    [Fact]
    public void A_day_named_after_a_verb_of_saying_dates_the_report_not_the_figure()
    {
        var (time, reported) = TimeResolver.Resolve("police said Monday that at least 3,617 people have been killed", new DateOnly(2015, 4, 28));
        Assert.Null(time);
        Assert.Equal(new DateOnly(2015, 4, 27), reported);
    }

    [Theory]
    [InlineData("its highest level since May 2001")]
    [InlineData("the biggest monthly decline since April 2012")]
    [InlineData("officials may raise the toll")]
    public void A_since_date_or_the_verb_may_is_not_the_figure_time(string clause)
    {
        Assert.Null(TimeResolver.Resolve(clause, January30th2004).Time);
    }
}

public class FrameReaderTests
{
    private static readonly TextPipeline Pipeline = new();

    private static (Figure Figure, ClaimFrame Frame) FrameOf(string text, string figureText, DateOnly date)
    {
        var document = Pipeline.Process(new SourceDocument("d", text) { Date = date });
        var claims = ClaimExtractor.Extract(document);
        var figure = claims.Figures.First(f => f.Text.Contains(figureText, StringComparison.Ordinal));
        return (figure, FrameReader.Read(figure, document, claims.People));
    }

    [Fact]
    public void The_figure_a_claim_is_compared_with_is_a_baseline()
    {
        const string text = "Oil consumption has jumped to 2.4 million barrels a day, compared with 474,000 in 1973.";
        var (_, claim) = FrameOf(text, "2.4 million", new DateOnly(2005, 3, 1));
        var (_, baseline) = FrameOf(text, "474,000", new DateOnly(2005, 3, 1));
        Assert.Equal(FrameRole.Claim, claim.Role);
        Assert.Equal(FrameRole.Baseline, baseline.Role);
        Assert.Equal("1973", baseline.Time?.Label);
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(claim, baseline, linked: true));
    }

    [Fact]
    public void A_source_named_by_according_to_and_a_brand_in_an_of_phrase_are_not_the_subject()
    {
        var date = new DateOnly(2010, 1, 19);
        var (_, according) = FrameOf("According to Kraft, it is worth £11.9bn.", "£11.9bn", date);
        var (_, brand) = FrameOf("Cadbury has recommended a takeover by American conglomerate Kraft Foods in a deal that values the maker of Dairy Milk and Twirl at £11.7 billion.", "£11.7 billion", date);
        Assert.Null(according.Subject);
        Assert.Equal("kraft foods", brand.Subject);
        Assert.Contains("cadbury", brand.Parties);
    }

    [Fact]
    public void A_price_per_share_is_a_facet_of_its_own()
    {
        var (_, price) = FrameOf("This values Cadbury at 840p per share, the company said.", "840p", new DateOnly(2010, 1, 19));
        Assert.Contains("unit:per-share", price.Facets);
    }

    [Fact]
    public void A_fall_and_a_rise_are_never_the_same_claim()
    {
        var (_, fall) = FrameOf("Retail sales dropped by 1% on the month in December.", "1%", new DateOnly(2005, 1, 20));
        var (_, rise) = FrameOf("Retail sales rose 0.6% on the month in December.", "0.6%", new DateOnly(2005, 1, 20));
        Assert.Equal(FigureDirection.Down, fall.Direction);
        Assert.Equal(FigureDirection.Up, rise.Direction);
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(fall, rise, linked: false));
    }

    [Fact]
    public void The_same_toll_reported_on_two_days_is_a_timeline()
    {
        var (_, first) = FrameOf("The death toll in Nepal has risen to 1,953, police said.", "1,953", new DateOnly(2015, 4, 26));
        var (_, later) = FrameOf("The death toll in Nepal has risen to 3,617, police said.", "3,617", new DateOnly(2015, 4, 27));
        Assert.True(first.Moving);
        Assert.Equal(FrameMatch.Timeline, FrameReader.Compare(first, later, linked: false));
    }

    [Fact]
    public void The_same_deal_reported_the_next_day_is_still_the_same_claim()
    {
        var (_, a) = FrameOf("Facebook will pay $4 billion in cash for WhatsApp.", "$4 billion", new DateOnly(2014, 2, 19));
        var (_, b) = FrameOf("Facebook will pay $3 billion in cash for WhatsApp.", "$3 billion", new DateOnly(2014, 2, 20));
        Assert.Equal(FrameMatch.Same, FrameReader.Compare(a, b, linked: false));
    }

    [Fact]
    public void Dead_and_injured_are_different_measures()
    {
        var (_, dead) = FrameOf("At least 3,617 people have been killed in the quake.", "3,617", new DateOnly(2015, 4, 27));
        var (_, injured) = FrameOf("Another 6,515 people were injured in the quake.", "6,515", new DateOnly(2015, 4, 27));
        Assert.Contains("outcome:dead", dead.Facets);
        Assert.Contains("outcome:injured", injured.Facets);
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(dead, injured, linked: false));
    }

    [Fact]
    public void A_forecast_is_not_the_figure_it_forecasts()
    {
        var (_, actual) = FrameOf("GDP grew at a 4 percent rate in the fourth quarter.", "4 percent", new DateOnly(2004, 1, 30));
        var (_, forecast) = FrameOf("Economists had expected GDP growth of 4.8 percent in the fourth quarter.", "4.8 percent", new DateOnly(2004, 1, 30));
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(actual, forecast, linked: false));
    }

    [Fact]
    public void Growth_in_two_different_quarters_is_not_the_same_claim()
    {
        var (_, q4of2003) = FrameOf("The economy grew 4 percent in the fourth quarter.", "4 percent", new DateOnly(2004, 1, 30));
        var (_, q4of2014) = FrameOf("The economy grew 2.6 percent in the fourth quarter.", "2.6 percent", new DateOnly(2015, 1, 30));
        Assert.Equal("2003-Q4", q4of2003.Time?.Label);
        Assert.Equal("2014-Q4", q4of2014.Time?.Label);
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(q4of2003, q4of2014, linked: false));
    }

    [Fact]
    public void One_count_on_two_days_of_one_week_is_a_timeline_and_two_months_of_a_statistic_are_different_figures()
    {
        var (_, tuesday) = FrameOf("About 3,000 Russian troops started military drills on Tuesday.", "3,000", new DateOnly(2022, 1, 12));
        var (_, wednesday) = FrameOf("More than 10,000 Russian troops began military exercises Wednesday.", "10,000", new DateOnly(2022, 1, 12));
        var (_, november) = FrameOf("Mortgage lending rose to 6 billion pounds in November.", "6 billion", new DateOnly(2005, 1, 20));
        var (_, december) = FrameOf("Mortgage lending rose to 7 billion pounds in December.", "7 billion", new DateOnly(2005, 1, 20));
        Assert.Equal("2022-01-11", tuesday.Time?.Label);
        Assert.Equal(FrameMatch.Timeline, FrameReader.Compare(tuesday, wednesday, linked: false));
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(november, december, linked: false));
    }

    [Fact]
    public void Confirmed_dead_and_dead_or_missing_may_agree_but_never_conflict()
    {
        var (_, confirmed) = FrameOf("At least 30 people have died in the fire.", "30", new DateOnly(2017, 6, 17));
        var (_, missing) = FrameOf("Police said 58 people are dead or missing in the fire.", "58", new DateOnly(2017, 6, 17));
        var (_, other) = FrameOf("Police said 58 people have died in the fire.", "58", new DateOnly(2017, 6, 17));
        Assert.NotEqual(FrameMatch.Different, FrameReader.Compare(confirmed, missing, linked: false));
        Assert.False(FrameReader.CanDiffer(confirmed, missing));
        Assert.True(FrameReader.CanDiffer(confirmed, other));
    }

    [Fact]
    public void A_figure_without_a_period_is_not_a_figure_of_a_period_years_after_its_report()
    {
        var (_, reported) = FrameOf("The economy grew 2.6% at an annual rate, the Commerce Department said.", "2.6%", new DateOnly(2015, 1, 30));
        var (_, later) = FrameOf("The economy grew 2.6% at an annual rate in the fourth quarter of 2018.", "2.6%", new DateOnly(2019, 2, 28));
        Assert.Equal(FrameMatch.Different, FrameReader.Compare(reported, later, linked: false));
    }

    [Fact]
    public void A_figure_after_after_is_the_claim_not_a_baseline()
    {
        var (_, frame) = FrameOf("After four hours of discussions on Wednesday, officials were still far from a deal.", "four hours", new DateOnly(2022, 1, 12));
        Assert.Equal(FrameRole.Claim, frame.Role);
    }

    [Fact]
    public void The_frame_is_described_for_the_reviewer()
    {
        var (_, frame) = FrameOf("More than 10,000 Russian troops in southern Russia began military exercises Wednesday.", "10,000", new DateOnly(2022, 1, 13));
        var described = frame.Describe();
        Assert.Contains("southern russia", described, StringComparison.Ordinal);
        Assert.Contains("2022-01-12", described, StringComparison.Ordinal);
    }
}

public class MentionIndexTests
{
    /// <summary>
    /// The index answers what a scan of the list answers, for nested, overlapping and unsorted mentions (a long
    /// mention covering later short ones is the case a sorted-by-start search alone would get wrong).
    /// </summary>
    [Fact]
    public void The_mention_index_finds_exactly_the_overlaps_a_scan_finds()
    {
        var random = new Random(20261202);
        var people = new List<PersonMention>();
        for (var i = 0; i < 60; i++)
        {
            var start = random.Next(0, 2000);
            var length = i % 10 == 0 ? random.Next(50, 300) : random.Next(3, 20);
            people.Add(new PersonMention { Name = "n" + i, Surface = "s", Start = start, End = start + length, PassageIndex = 0 });
        }

        var index = new FrameReader.MentionIndex(people);
        var checkedOverlaps = 0;
        for (var start = 0; start < 2400; start += 7)
        {
            for (var length = 1; length < 40; length += 13)
            {
                var end = start + length;
                var expected = people.Exists(p => p.Start < end && start < p.End);
                Assert.Equal(expected, index.Overlaps(start, end));
                checkedOverlaps += expected ? 1 : 0;
            }
        }

        Assert.InRange(checkedOverlaps, 100, int.MaxValue);
        Assert.False(index.Overlaps(2350, 2390));
    }
}
