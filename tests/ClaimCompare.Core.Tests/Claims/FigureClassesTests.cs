using ClaimCompare.Core.Claims;
using static ClaimCompare.Core.Tests.Claims.Support.Claims;

namespace ClaimCompare.Core.Tests.Claims;

/// <summary>The classes of issue #10, end to end through <see cref="FigureExtractor"/>: value, interval, unit, direction and kind.</summary>
public class FigureClassesTests
{
    [Theory]
    [InlineData("The new model makes 450bhp.", "450bhp", 450, "hp")]
    [InlineData("The phone has 128GB of storage.", "128GB", 128, "GB")]
    [InlineData("The fund raised EUR25m last year.", "EUR25m", 25e6, "EUR")]
    [InlineData("Tickets cost R$40 each.", "R$40", 40, "BRL")]
    [InlineData("Inflation was 2.4pc in May.", "2.4pc", 2.4, "%")]
    [InlineData("He was caught doing 70mph in the town.", "70mph", 70, "mph")]
    [InlineData("The heat pump draws 15kW at full load.", "15kW", 15, "kW")]
    public void Units_and_currencies_glued_to_the_number_give_it_a_value(string sentence, string text, double value, string unit)
    {
        var f = Single(sentence, text);
        Assert.Equal(value, f.Value!.Value, 6);
        Assert.Equal(unit, f.Unit);
    }

    [Fact]
    public void Signs_are_read()
    {
        var yards = Single("Smith was tackled for -3 yards on the play.", "-3 yards");
        Assert.Equal(-3, yards.Value);
        Assert.Equal("yd", yards.Unit);
        Assert.Equal(FigureDirection.None, yards.Direction);

        var cold = Single("It was minus 40 degrees in Yakutsk.", "minus 40 degrees");
        Assert.Equal(-40, cold.Value);
        Assert.Equal(FigureKind.Measure, cold.Kind);

        var dax = Single("Markets: DAX -0.8%, CAC flat.", "-0.8%");
        Assert.Equal(0.8, dax.Value);
        Assert.Equal(FigureDirection.Down, dax.Direction);

        var chips = Single("TSMC leads in sub-5 nanometre chips.", "sub-5 nanometre");
        Assert.Equal(0, chips.Low);
        Assert.Equal(5, chips.High);
        Assert.False(chips.HighInclusive);
    }

    [Theory]
    [InlineData("Three-quarters of voters backed it.", "Three-quarters", 75, "%")]
    [InlineData("The talks took two and a half hours.", "two and a half hours", 2.5, "h")]
    [InlineData("It sold a fifth of its stake.", "a fifth", 20, "%")]
    [InlineData("Add 1/8 inch of foam.", "1/8 inch", 0.125, "in")]
    [InlineData("The pipe is 2½ inches wide.", "2½ inches", 2.5, "in")]
    public void Fractions_and_mixed_numbers(string sentence, string text, double value, string unit)
    {
        var f = Single(sentence, text);
        Assert.Equal(value, f.Value!.Value, 9);
        Assert.Equal(unit, f.Unit);
    }

    [Theory]
    [InlineData("Six to seven thousand people marched.", "Six to seven thousand", 6000, 7000, null)]
    [InlineData("The cost is put at $2 to $3 billion.", "$2 to $3 billion", 2e9, 3e9, "USD")]
    [InlineData("Warming of 2 to 2.5 degrees is likely.", "2 to 2.5 degrees", 2, 2.5, "°")]
    [InlineData("Police said 150,000 to 180,000 attended.", "150,000 to 180,000", 150_000, 180_000, null)]
    public void Ranges_share_a_multiplier_or_unit(string sentence, string text, double low, double high, string? unit)
    {
        var f = Single(sentence, text);
        Assert.Null(f.Value);
        Assert.Equal(low, f.Low);
        Assert.Equal(high, f.High);
        Assert.Equal(unit, f.Unit);
        Assert.DoesNotContain(Figures(sentence), g => g.Text != text && g.Kind != FigureKind.Other);
    }

    [Fact]
    public void A_change_is_kept_apart_from_the_level()
    {
        var figures = Figures("Shares climbed 4.2% to 310p.");
        var change = Assert.Single(figures, f => f.Text == "4.2%");
        Assert.Equal(FigureDirection.Up, change.Direction);
        var level = Assert.Single(figures, f => f.Text == "310p");
        Assert.Equal(FigureDirection.None, level.Direction);
        Assert.Equal(3.10, level.Value!.Value, 9);
        Assert.Equal("GBP", level.Unit);

        var index = Single("The index dropped 85 points.", "85 points");
        Assert.Equal(FigureDirection.Down, index.Direction);
        Assert.Equal("pt", index.Unit);

        var cents = Figures("Oil ended down 12 cents at $41.10.");
        Assert.Equal(FigureDirection.Down, Assert.Single(cents, f => f.Text == "12 cents").Direction);
        Assert.Equal(0.12, Assert.Single(cents, f => f.Text == "12 cents").Value!.Value, 9);
        Assert.Equal(FigureDirection.None, Assert.Single(cents, f => f.Text == "$41.10").Direction);
    }

    [Theory]
    [InlineData("Sales rose 8% to 40.7bn euros.", "8%", FigureDirection.Up)]
    [InlineData("British Airways blamed fuel for a 40% drop in profits.", "40%", FigureDirection.Down)]
    [InlineData("Production was 24% higher than in 2003.", "24%", FigureDirection.Up)]
    [InlineData("Renault boosted its profits by more than 40% in 2004.", "more than 40%", FigureDirection.Up)]
    [InlineData("Revised figures indicated growth of just 0.1%.", "0.1%", FigureDirection.Up)]
    [InlineData("Growth for the first half of 2019 was 2.3%, the office said.", "2.3%", FigureDirection.Up)]
    [InlineData("Prices fell by 1.6% and 0.5% respectively.", "0.5%", FigureDirection.Down)]
    [InlineData("BA has cut 13,000 jobs since 2001.", "13,000", FigureDirection.None)]
    [InlineData("Unemployment stood at 25%, compared with 10% before.", "25%", FigureDirection.None)]
    [InlineData("Inflation dipped below 20% in the autumn.", "below 20%", FigureDirection.None)]
    [InlineData("He sank a five-foot putt.", "five-foot", FigureDirection.None)]
    [InlineData("Airbus used the show to unveil a firmed-up $17 billion sale to Qatar Airways.", "$17 billion", FigureDirection.None)]
    [InlineData("The board approved a scaled-down $2 billion plan.", "$2 billion", FigureDirection.None)]
    [InlineData("Shares of the group closed up 4% on Monday.", "4%", FigureDirection.Up)]
    public void Direction_is_read_from_the_wording(string sentence, string text, FigureDirection direction)
    {
        Assert.Equal(direction, Single(sentence, text).Direction);
    }

    [Theory]
    [InlineData("The shop opens at 11.30am on Sundays.", "11.30am")]
    [InlineData("Kick-off is at 7:45 p.m. on Friday.", "7:45 p.m.")]
    public void Clock_times_are_times_not_counts(string sentence, string text)
    {
        Assert.Equal(FigureKind.Time, Single(sentence, text).Kind);
        Assert.DoesNotContain(Figures(sentence), f => f.Kind == FigureKind.Count);
    }

    [Theory]
    [InlineData("Samsung showed the Galaxy S21 in London.")]
    [InlineData("Airbus delivered an A320neo to Wizz.")]
    [InlineData("Germany halted Nord Stream 2 last week.")]
    [InlineData("Phones on 4G networks are cheap now.")]
    [InlineData("Board at Gate 12 Seat 7 please.")]
    public void Product_names_and_labels_are_no_figures(string sentence)
    {
        Assert.DoesNotContain(Figures(sentence), f => f.Kind is FigureKind.Count or FigureKind.Measure or FigureKind.Money or FigureKind.Percent);
    }

    [Fact]
    public void A_year_is_a_year_and_is_never_grouped()
    {
        var f = Single("NATO promised in 2008 to admit Ukraine.", "2008");
        Assert.Equal(FigureKind.Year, f.Kind);
        Assert.Equal(2008, f.Value);
        Assert.Null(f.Unit);
    }

    [Theory]
    [InlineData("Thousands of homes lost power.", "Thousands", 1_000, 10_000)]
    [InlineData("Dozens of people were injured.", "Dozens", 12, 120)]
    [InlineData("Hundreds of protesters gathered.", "Hundreds", 100, 1_000)]
    [InlineData("Tens of thousands of people marched.", "Tens of thousands", 10_000, 100_000)]
    public void Vague_quantities_are_ranges_open_at_the_next_order(string sentence, string text, double low, double high)
    {
        var f = Single(sentence, text);
        Assert.Equal(low, f.Low);
        Assert.True(f.LowInclusive);
        Assert.Equal(high, f.High);
        Assert.False(f.HighInclusive);
    }

    [Theory]
    [InlineData("Avogadro's number is 6.02×10²³ per mole.", "6.02×10²³", 6.02e23)]
    [InlineData("Light covers 3e8 metres a second.", "3e8 metres", 3e8)]
    [InlineData("The firm has 2.5 million customers.", "2.5 million", 2.5e6)]
    [InlineData("The firm made £2.5m last year.", "£2.5m", 2.5e6)]
    [InlineData("Operating profit was EUR 2.5mn.", "EUR 2.5mn", 2.5e6)]
    public void Notation_is_read(string sentence, string text, double value)
    {
        Assert.Equal(value, Single(sentence, text).Value!.Value, value * 1e-12);
    }
}
