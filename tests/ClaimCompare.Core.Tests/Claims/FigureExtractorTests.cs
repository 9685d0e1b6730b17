using ClaimCompare.Core.Claims;
using static ClaimCompare.Core.Tests.Claims.Support.Claims;

namespace ClaimCompare.Core.Tests.Claims;

public class FigureExtractorTests
{
    [Fact]
    public void Close_to_is_just_below_the_number_and_exclusive_above()
    {
        var f = Single("Close to 100,000 Russian troops have amassed near the borders.", "Close to 100,000");
        Assert.Equal(FigureKind.Count, f.Kind);
        Assert.Equal(100_000, f.Value);
        Assert.Equal(90_000, f.Low);
        Assert.Equal(100_000, f.High);
        Assert.False(f.HighInclusive);
        Assert.Equal("troops", f.Noun);
    }

    [Fact]
    public void Versus_in_a_results_table_is_not_the_counted_noun()
    {
        var f = Single("Net 117 mln vs 106 mln", "117 mln");
        Assert.NotEqual("vs", f.Noun);
    }

    [Fact]
    public void Nearly_and_close_to_and_an_estimated_hundred_thousand_all_overlap()
    {
        var nearly = Single("Nearly 100,000 Russian troops have gathered near the borders.", "Nearly 100,000");
        var estimated = Single("An estimated 100,000 combat-ready Russian troops are gathered along the border.", "An estimated 100,000");
        var some = Single("Russia has massed some 100,000 troops along its border.", "some 100,000");
        Assert.True(nearly.Overlaps(estimated));
        Assert.True(some.Overlaps(nearly));
        Assert.Equal("troops", estimated.Noun);
    }

    [Fact]
    public void More_than_is_exclusive_and_open_above()
    {
        var f = Single("More than 10,000 Russian troops in southern Russia began military exercises Wednesday.", "More than 10,000");
        Assert.Equal(10_000, f.Low);
        Assert.False(f.LowInclusive);
        Assert.Null(f.High);
        Assert.Equal("troops", f.Noun);
    }

    [Fact]
    public void About_three_thousand_conflicts_with_more_than_ten_thousand()
    {
        var about = Single("About 3,000 Russian troops have started military drills.", "About 3,000");
        var more = Single("More than 10,000 Russian troops began exercises.", "More than 10,000");
        Assert.False(about.Overlaps(more));
    }

    [Fact]
    public void At_least_is_inclusive_and_up_to_starts_at_zero()
    {
        var least = Single("At least 12 people were killed in the blast.", "At least 12");
        Assert.Equal(12, least.Low);
        Assert.True(least.LowInclusive);
        Assert.Null(least.High);
        Assert.Equal("people", least.Noun);

        var upTo = Single("The storm could leave up to 40,000 homes without power.", "up to 40,000");
        Assert.Equal(0, upTo.Low);
        Assert.Equal(40_000, upTo.High);
        Assert.True(upTo.HighInclusive);
    }

    [Theory]
    [InlineData("Fewer than 50 migrants reached the island.", "Fewer than 50", 50)]
    [InlineData("Less than 20 percent of voters turned out.", "Less than 20 percent", 20)]
    public void Fewer_and_less_than_are_below_the_number_exclusive(string sentence, string text, double high)
    {
        var f = Single(sentence, text);
        Assert.Equal(high, f.High);
        Assert.False(f.HighInclusive);
    }

    [Fact]
    public void Roundness_widens_approximate_values()
    {
        var round = Single("About 100,000 people marched.", "About 100,000");
        var precise = Single("About 98,750 people marched.", "About 98,750");
        Assert.True(round.High - round.Low > precise.High - precise.Low);
        Assert.True(precise.High - precise.Low < 20);
    }

    [Theory]
    [InlineData("Four people died.", "Four", 4)]
    [InlineData("Thirty villages were flooded.", "Thirty", 30)]
    [InlineData("The bill has support from two dozen senators.", "two dozen", 24)]
    [InlineData("Officials said one hundred thousand ballots were spoiled.", "one hundred thousand", 100_000)]
    [InlineData("A dozen tanks crossed the river.", "A dozen", 12)]
    [InlineData("Half a million people fled the city.", "Half a million", 500_000)]
    [InlineData("Thirty-five miners were trapped.", "Thirty-five", 35)]
    [InlineData("Two hundred and fifty workers lost their jobs.", "Two hundred and fifty", 250)]
    public void Number_words_are_numbers(string sentence, string text, double value)
    {
        var f = Single(sentence, text);
        Assert.Equal(value, f.Value);
        Assert.Equal(FigureKind.Count, f.Kind);
    }

    [Theory]
    [InlineData("The company raised $3bn from investors.", "$3bn", 3e9, "USD")]
    [InlineData("Revenue rose to 3.2bn euros last year.", "3.2bn euros", 3.2e9, "EUR")]
    [InlineData("The club paid £5m for the striker.", "£5m", 5e6, "GBP")]
    [InlineData("The package is worth US$1.5 billion.", "US$1.5 billion", 1.5e9, "USD")]
    public void Scale_words_and_currency_make_money(string sentence, string text, double value, string currency)
    {
        var f = Single(sentence, text);
        Assert.Equal(FigureKind.Money, f.Kind);
        Assert.Equal(value, f.Value!.Value, 3);
        Assert.Equal(currency, f.Currency);
    }

    [Theory]
    [InlineData("The app has 100k users.", "100k", 100_000)]
    [InlineData("The city has 1.5 million residents.", "1.5 million", 1_500_000)]
    [InlineData("About 10 000 fans attended.", "About 10 000", 10_000)]
    public void Scale_suffixes_and_space_separators_are_read(string sentence, string text, double value)
    {
        Assert.Equal(value, Single(sentence, text).Value);
    }

    [Theory]
    [InlineData("Inflation rose to 12% in March.", "12%")]
    [InlineData("Inflation rose to 12 percent in March.", "12 percent")]
    [InlineData("Inflation rose to 12 per cent in March.", "12 per cent")]
    public void Percentages_in_every_spelling(string sentence, string text)
    {
        var f = Single(sentence, text);
        Assert.Equal(FigureKind.Percent, f.Kind);
        Assert.Equal(12, f.Value);
    }

    [Theory]
    [InlineData("Dozens of people were injured.", "Dozens", 12, 120, "people")]
    [InlineData("Hundreds of protesters gathered.", "Hundreds", 100, 1_000, "protesters")]
    [InlineData("Tens of thousands of people marched.", "Tens of thousands", 10_000, 100_000, "people")]
    [InlineData("Thousands of homes lost power.", "Thousands", 1_000, 10_000, "homes")]
    [InlineData("Hundreds of thousands of people fled.", "Hundreds of thousands", 100_000, 1_000_000, "people")]
    public void Vague_quantities_are_ranges(string sentence, string text, double low, double high, string noun)
    {
        var f = Single(sentence, text);
        Assert.Null(f.Value);
        Assert.Equal(low, f.Low);
        Assert.Equal(high, f.High);
        Assert.False(f.HighInclusive);
        Assert.Equal(noun, f.Noun);
    }

    [Fact]
    public void Hyphen_forms_are_durations_and_counts()
    {
        var hours = Single("All 30 members spoke in the nearly four-hour meeting.", "nearly four-hour");
        Assert.Equal(FigureKind.Duration, hours.Kind);
        Assert.Equal("hour", hours.Noun);
        Assert.Equal(4, hours.High);

        var nation = Single("Putin asked that the 30-nation military alliance refrain from expanding.", "30-nation");
        Assert.Equal(FigureKind.Count, nation.Kind);
        Assert.Equal("nation", nation.Noun);

        var days = Single("The two-day summit ended on Friday.", "two-day");
        Assert.Equal(FigureKind.Duration, days.Kind);
    }

    [Fact]
    public void Durations_are_not_counts()
    {
        var f = Single("After four hours of discussions, the talks ended.", "four hours");
        Assert.Equal(FigureKind.Duration, f.Kind);
        Assert.Equal("hours", f.Noun);
    }

    [Theory]
    [InlineData("NATO promised as far back as 2008 to admit Ukraine one day.")]
    [InlineData("One day, she said, the border would open again.")]
    [InlineData("He hopes to return one day soon.")]
    public void One_day_as_some_day_is_not_a_duration(string sentence)
    {
        Assert.DoesNotContain(Figures(sentence), f => f.Text.Contains("one day", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("The strike lasted one day.", "one day")]
    [InlineData("The talks were cut to just one day.", "one day")]
    [InlineData("Prices fell again one day later.", "one day")]
    [InlineData("Talks resumed after one day.", "one day")]
    public void One_day_with_a_duration_word_is_a_duration(string sentence, string text)
    {
        Assert.Equal(FigureKind.Duration, Single(sentence, text).Kind);
    }

    [Fact]
    public void A_bare_rounded_sum_is_what_rounds_half_up_to_it_so_neighbouring_sums_do_not_overlap()
    {
        var seventeen = Single("Airbus unveiled a firmed-up $17 billion sale to Qatar Airways.", "$17 billion");
        var sixteen = Single("The formal signing of the massive $16bn order by Qatar Airways took place.", "$16bn");

        Assert.Equal((16.5e9, true, 17.5e9, false), (seventeen.Low, seventeen.LowInclusive, seventeen.High, seventeen.HighInclusive));
        Assert.Equal((15.5e9, 16.5e9, false), (sixteen.Low, sixteen.High, sixteen.HighInclusive));
        Assert.False(seventeen.Overlaps(sixteen));

        // Where 5% of the value, not the rounding, sets the width, the interval stays closed.
        var ten = Single("Emirates placed a $10 billion order.", "$10 billion");
        Assert.True(ten.HighInclusive);
    }

    [Fact]
    public void Years_are_years_even_in_ranges()
    {
        var figures = Figures("Grushko was Russia's permanent representative to NATO from 2012 to 2018, and Russia annexed Crimea in 2014.");
        Assert.All(figures, f => Assert.Equal(FigureKind.Year, f.Kind));
        Assert.Equal([2012.0, 2018.0, 2014.0], figures.Select(f => f.Value!.Value));
        Assert.Equal(FigureKind.Year, Single("The first such encounter since 2019 ended.", "2019").Kind);
    }

    [Theory]
    [InlineData("Jan. 27: What you need to know today", "Jan. 27")]
    [InlineData("The talks were held on January 12, 2022, in Brussels.", "January 12, 2022")]
    [InlineData("The report is dated 2022-01-13 and was leaked.", "2022-01-13")]
    [InlineData("The vote is on 12 January 2022 in Kyiv.", "12 January 2022")]
    public void Dates_are_dates(string sentence, string text)
    {
        Assert.Equal(FigureKind.Date, Single(sentence, text).Kind);
    }

    [Fact]
    public void Ordinals_and_times_are_typed_apart_and_phone_numbers_are_no_figures()
    {
        Assert.Equal(FigureKind.Ordinal, Single("The Brussels meeting marks the second in a series of talks.", "second").Kind);
        Assert.Equal(FigureKind.Ordinal, Single("She finished 2nd in the final.", "2nd").Kind);
        Assert.Equal(FigureKind.Time, Single("The meeting starts at 10 a.m. on Monday.", "10 a.m.").Kind);
        Assert.Empty(Figures("Call the hotline on 555-123-4567 for details."));
    }

    [Fact]
    public void The_counted_noun_skips_adjectives()
    {
        Assert.Equal("troops", Single("An estimated 100,000 combat-ready Russian troops are gathered.", "An estimated 100,000").Noun);
        Assert.Equal("members", Single("Officials said that all 30 NATO members voiced support.", "30").Noun);
        Assert.Equal("Democrats", Single("The bill has support from more than two dozen Democrats, including Schumer.", "more than two dozen").Noun);
    }

    [Fact]
    public void Context_holds_the_clause_content_words()
    {
        var f = Single("Russia has amassed some 100,000 troops along its border with Ukraine.", "some 100,000");
        Assert.Contains("russia", f.Context);
        Assert.Contains("troop", f.Context);
        Assert.Contains("ukraine", f.Context);
        Assert.DoesNotContain("the", f.Context);
        Assert.DoesNotContain("has", f.Context);
    }

    [Fact]
    public void Spans_index_the_original_text_with_curly_quotes_and_dashes()
    {
        const string text = "BRUSSELS \u2013 NATO said \u201Cnearly 100,000\u201D troops\u00A0were there and about\u00A03,000 left.";
        var figures = Figures(text);
        Assert.NotEmpty(figures);
        foreach (var f in figures)
        {
            Assert.Equal(f.Text, text[f.Start..f.End]);
        }

        Assert.Contains(figures, f => f.Text == "about\u00A03,000");
    }

    [Fact]
    public void Names_with_numbers_are_not_figures()
    {
        Assert.Empty(Figures("The Nord Stream 2 gas pipeline would bypass Ukraine."));
    }

    public static TheoryData<string, double?, bool, double?, bool> Hedges() => new()
    {
        // hedge, low, lowInclusive, high, highInclusive for "<hedge> 1,000 people were evacuated."
        { "close to", 900, true, 1000, false },
        { "nearly", 900, true, 1000, false },
        { "almost", 900, true, 1000, false },
        { "just under", 900, true, 1000, false },
        { "some", 850, true, 1150, true },
        { "an estimated", 850, true, 1150, true },
        { "about", 850, true, 1150, true },
        { "around", 850, true, 1150, true },
        { "roughly", 850, true, 1150, true },
        { "approximately", 850, true, 1150, true },
        { "more than", 1000, false, null, true },
        { "over", 1000, false, null, true },
        { "at least", 1000, true, null, true },
        { "up to", 0, true, 1000, true },
        { "as many as", 0, true, 1000, true },
        { "no more than", 0, true, 1000, true },
        { "fewer than", 0, true, 1000, false },
        { "less than", 0, true, 1000, false },
        { "just over", 1000, false, 1100, true },
        { "exactly", 1000, true, 1000, true },
    };

    [Theory]
    [MemberData(nameof(Hedges))]
    public void Every_hedge_shapes_the_interval(string hedge, double? low, bool lowInclusive, double? high, bool highInclusive)
    {
        var f = Single($"Officials said {hedge} 1,000 people were evacuated.", $"{hedge} 1,000");
        Assert.Equal(hedge, f.Hedge);
        Assert.Equal(1000, f.Value);
        Assert.Equal(low!.Value, f.Low!.Value, 6);
        Assert.Equal(lowInclusive, f.LowInclusive);
        if (high is null)
        {
            Assert.Null(f.High);
        }
        else
        {
            Assert.Equal(high.Value, f.High!.Value, 6);
            Assert.Equal(highInclusive, f.HighInclusive);
        }

        Assert.Equal("people", f.Noun);
    }

    [Fact]
    public void A_bare_round_number_is_looser_than_a_precise_one_but_tighter_than_about()
    {
        var bare = Single("Officials said 100,000 people marched.", "100,000");
        var about = Single("Officials said about 100,000 people marched.", "about 100,000");
        Assert.Equal(95_000, bare.Low);
        Assert.Equal(105_000, bare.High);
        Assert.True(about.High - about.Low > bare.High - bare.Low);
        var exact = Single("Officials said 98,751 people marched.", "98,751");
        Assert.Equal(exact.Low, exact.High);
    }
}
