using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Tests.Support;
using static ClaimCompare.Core.Tests.Support.ArticleReports;

namespace ClaimCompare.Core.Tests.Comparison;

/// <summary>Frames at work in the whole report pipeline, on sentences of real quake and oil-spill coverage.</summary>
public class FrameAlignmentTests
{
    private static IReadOnlyList<Finding> Report(params (string Id, string Text, DateOnly Date)[] articles) =>
        ArticleReports.Findings(articles.Select(a => (a.Id, a.Text, a.Date, a.Id + ".example")));

    [Fact]
    public void A_toll_given_without_a_noun_and_one_given_in_people_killed_are_points_of_one_timeline()
    {
        var findings = Report(
            ("a", "Nepal's national police said the death toll in Nepal had risen to 1,953 after the earthquake.", new DateOnly(2015, 4, 26)),
            ("b", "Nepal police said at least 3,617 people have been killed in Nepal after the earthquake.", new DateOnly(2015, 4, 27)));

        Assert.True(findings.Any(f => f.Kind == FindingKind.Update && Holds(f, "a", "1,953") && Holds(f, "b", "3,617")), Dump(findings));
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void An_open_bound_agrees_only_with_values_near_its_number()
    {
        var findings = Report(
            ("a", "Nepal police said on Monday that at least 3,617 people were killed in the earthquake.", new DateOnly(2015, 4, 27)),
            ("b", "The earthquake in Nepal killed 4,455 people, according to a tally of police figures.", new DateOnly(2015, 4, 27)),
            ("c", "More than 3,600 people were killed by the earthquake, Nepal police told reporters.", new DateOnly(2015, 4, 27)));

        Assert.False(findings.Any(f => f.Kind == FindingKind.Agree && Holds(f, "a", "3,617") && Holds(f, "b", "4,455")), Dump(findings));
        Assert.Contains(findings, f => f.Kind == FindingKind.Agree && Holds(f, "a", "3,617") && Holds(f, "c", "3,600"));
    }

    [Fact]
    public void Ranges_that_overlap_in_a_chain_agree_only_where_they_share_a_common_range()
    {
        var findings = Report(
            ("a", "Scientists estimated that between 20,000 and 40,000 barrels of oil a day were leaking from the well.", new DateOnly(2010, 6, 15)),
            ("b", "Scientists estimated that between 35,000 and 60,000 barrels of oil a day were leaking from the well.", new DateOnly(2010, 6, 15)),
            ("c", "Scientists estimated that between 50,000 and 70,000 barrels of oil a day were leaking from the well.", new DateOnly(2010, 6, 15)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Agree && Holds(f, "a", "20,000") && Holds(f, "c", "50,000"));
        Assert.Contains(findings, f => f.Kind == FindingKind.Agree && f.Evidence.Select(e => e.Document).Distinct().Count() >= 2);
    }

    [Fact]
    public void Up_to_a_number_and_over_the_same_number_never_agree()
    {
        var findings = Report(
            ("a", "The head of the European Union delegation in Nepal said up to 1,000 Europeans were still unaccounted for, mostly around popular trekking routes.", new DateOnly(2015, 5, 2)),
            ("b", "Also, over 1,000 EU citizens are still unaccounted for in Himalayan Nepal, diplomats said yesterday.", new DateOnly(2015, 5, 1)));
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Agree && Holds(f, "a", "1,000") && Holds(f, "b", "1,000"));

        var copies = Report(
            ("a", "The head of the European Union delegation in Nepal said up to 1,000 Europeans were still unaccounted for, mostly around popular trekking routes.", new DateOnly(2015, 5, 2)),
            ("b", "The head of the European Union delegation in Nepal said over 1,000 Europeans were still unaccounted for, mostly around popular trekking routes.", new DateOnly(2015, 5, 2)));
        Assert.Contains(copies, f => f.Kind == FindingKind.Conflict && Holds(f, "a", "1,000") && Holds(f, "b", "1,000"));
    }

    [Fact]
    public void One_deal_valued_at_two_close_sums_does_not_agree()
    {
        var findings = Report(
            ("a", "Cadbury has recommended a takeover by American conglomerate Kraft Foods in a deal that values the company at £11.7 billion.", new DateOnly(2010, 1, 19)),
            ("b", "Cadbury was today effectively swallowed up by US food giant Kraft after the two companies struck a deal worth £11.5 billion.", new DateOnly(2010, 1, 19)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Agree && Holds(f, "a", "11.7") && Holds(f, "b", "11.5"));
    }

    [Fact]
    public void A_deal_reported_from_either_party_is_one_subject()
    {
        var findings = Report(
            ("a", "Cadbury's board agreed to accept a sweetened 11.5 billion pound ($19.5 billion) takeover from Kraft Foods Inc. on Tuesday.", new DateOnly(2010, 1, 19)),
            ("b", "Cadbury was today effectively swallowed up by US food giant Kraft after the two companies struck a deal worth £11.5 billion.", new DateOnly(2010, 1, 19)));

        Assert.Contains(findings, f => f.Kind == FindingKind.Agree && Holds(f, "a", "11.5 billion pound") && Holds(f, "b", "11.5 billion"));
    }

    [Fact]
    public void A_price_per_share_never_conflicts_with_the_value_of_the_deal()
    {
        var findings = Report(
            ("a", "Cadbury goes in £11.5bn deal as Kraft wins the battle for the chocolate maker.", new DateOnly(2010, 1, 19)),
            ("b", "Cadbury goes in 840p per share deal as Kraft wins the battle for the chocolate maker.", new DateOnly(2010, 1, 19)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void A_decade_is_not_a_year_to_conflict_with()
    {
        var findings = Report(
            ("a", "The economy grew at its fastest pace since 1984 in the second half, the department said on Friday.", new DateOnly(2004, 1, 30)),
            ("b", "The economy grew at its fastest pace since the 1990s in the second half, the department said on Friday.", new DateOnly(2004, 1, 30)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void A_region_toll_and_the_national_toll_are_two_timelines_not_one()
    {
        var findings = Report(
            ("a", "Nepal's national police said the death toll in Nepal had risen to 1,953 after the earthquake. In India, the death toll stood at 53.", new DateOnly(2015, 4, 26)),
            ("b", "Nepal police said at least 3,617 people have been killed in the earthquake. In India, the death toll rose to 61.", new DateOnly(2015, 4, 27)),
            ("c", "The death toll from the earthquake in Nepal climbed to 4,455, police said. In India, the death toll rose to 72.", new DateOnly(2015, 4, 28)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Update && Holds(f, "a", "1,953") && f.Evidence.Any(e => e.Document == "a" && e.Claim.Text.Trim() == "53"));
        Assert.Contains(findings, f => f.Kind == FindingKind.Update && Holds(f, "a", "1,953") && Holds(f, "c", "4,455"));
    }

    [Fact]
    public void A_year_measured_from_with_since_does_not_agree_with_a_claim_about_that_year()
    {
        var findings = Report(
            ("a", "The economy grew at a 4 percent annual rate in the final three months of 2003 — a slowdown from the red-hot performance of the prior quarter.", new DateOnly(2004, 1, 30)),
            ("b", "The 5% clip the economy reached in the third quarter was the fastest quarterly growth rate since 2003.", new DateOnly(2015, 1, 30)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Agree && Holds(f, "a", "2003") && Holds(f, "b", "2003"));
    }

    [Fact]
    public void One_deal_valued_differently_by_two_outlets_on_one_day_is_a_conflict_though_the_sentences_share_few_words()
    {
        var findings = Report(
            ("a", "After months of fierce resistance, Cadbury agreed to accept a sweetened 11.5 billion pound takeover from Kraft.", new DateOnly(2010, 1, 19)),
            ("b", "Iconic British chocolate maker Cadbury has recommended a takeover by American conglomerate Kraft Foods in a deal that values the maker of Dairy Milk and Twirl at £11.7 billion.", new DateOnly(2010, 1, 19)));

        Assert.Contains(findings, f => f.Kind == FindingKind.Conflict && Holds(f, "a", "11.5 billion") && Holds(f, "b", "11.7 billion"));
    }

    [Fact]
    public void Deals_of_other_companies_or_other_months_are_not_set_against_each_other_by_their_frames()
    {
        var findings = Report(
            ("a", "After months of fierce resistance, Cadbury agreed to accept a sweetened 11.5 billion pound takeover from Kraft.", new DateOnly(2010, 1, 19)),
            ("b", "Rowntree has recommended a takeover by Swiss conglomerate Nestle in a deal that values the maker of Kit Kat at £2.5 billion.", new DateOnly(2010, 1, 19)),
            ("c", "An $8 billion order came from US Airways for 92 aircraft.", new DateOnly(2007, 6, 19)),
            ("d", "The signing of the massive $16bn order by Qatar Airways for 80 aircraft took place.", new DateOnly(2007, 6, 19)),
            ("e", "Iconic British chocolate maker Cadbury rejected a takeover by American conglomerate Kraft Foods in a deal that valued the maker of Dairy Milk at £9.8 billion.", new DateOnly(2009, 11, 9)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void A_report_that_gives_a_toll_rising_in_one_place_keeps_both_values_on_its_timeline()
    {
        var findings = Report(
            ("a", "Police said the death toll in Kathmandu stood at 1,100 on Saturday night.", new DateOnly(2015, 4, 25)),
            ("b", "The death toll in Kathmandu had reached 1,100 by Sunday morning, officials said. By the evening the death toll in Kathmandu was 2,500, the interior ministry reported.", new DateOnly(2015, 4, 26)),
            ("c", "Rescue workers say the death toll in Kathmandu is now 2,500.", new DateOnly(2015, 4, 27)));

        // Report b gives 1,100 and 2,500 of one place: both are points of the one timeline, with a's and c's.
        Assert.Contains(findings, f => f.Kind == FindingKind.Update && Holds(f, "a", "1,100") && Holds(f, "c", "2,500"));
    }

    [Fact]
    public void A_bare_count_that_restates_the_figure_before_it_is_set_against_other_outlets_counts_of_the_same_crowd()
    {
        var findings = Report(
            ("a", "Protesters marched through London against the war. Organisers claimed up to two million people took part, although official police estimates put the figure at a more modest 750,000. The march through London ended in Hyde Park.", new DateOnly(2003, 2, 15)),
            ("b", "More than one million people have staged an anti-war protest in London, making it the UK's largest ever peace demonstration.", new DateOnly(2003, 2, 15)));

        Assert.Contains(findings, f => f.Kind == FindingKind.Conflict && Holds(f, "a", "750,000") && Holds(f, "b", "one million"));
    }
    [Fact]
    public void Tolls_of_two_unrelated_disasters_on_one_day_are_neither_a_conflict_nor_a_timeline()
    {
        // In a stream of unsorted news the Grenfell Tower toll and the Nepal quake toll stand side by side: each article
        // names its own entity and never the other's.
        var findings = Report(
            ("fire", "Grenfell Tower fire: police raise death toll to 79\n\nThe number of people dead or missing presumed dead after the Grenfell Tower fire has risen to 79, police have said. The Grenfell Tower block stood in west London.", new DateOnly(2015, 4, 27)),
            ("quake", "The Nepal earthquake death toll has risen to more than 3,600\n\nNepal's police said Monday that at least 3,617 people have been confirmed killed in Saturday's magnitude 7.8 earthquake, including 1,302 in the Kathmandu Valley alone. The earthquake was Nepal's worst in 80 years.", new DateOnly(2015, 4, 27)));

        Assert.DoesNotContain(findings, f => f.Kind is FindingKind.Conflict or FindingKind.Update && Holds(f, "fire", "79") && f.Evidence.Any(e => e.Document == "quake"));
    }

    [Fact]
    public void Magnitudes_of_two_quakes_in_other_countries_are_not_a_conflict()
    {
        var findings = Report(
            ("kashmir", "Interior minister Aftab Khan Sherpao said 19,136 people died in Saturday's quake in northwestern Pakistan and Pakistan-controlled Kashmir.\n\nThe magnitude 7.6 quake in the mountainous Kashmir region flattened dozens of villages. Pakistan asked for help.", new DateOnly(2015, 5, 2)),
            ("nepal", "The death toll in Nepal has reached 6,624, said the home ministry's national disaster management division.\n\nThe 7.9-magnitude quake last week left a trail of devastation and suffering in Nepal.", new DateOnly(2015, 5, 2)));

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict && Holds(f, "kashmir", "7.6") && Holds(f, "nepal", "7.9"));
    }
}
