using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Tests.Support;
using static ClaimCompare.Core.Tests.Support.ArticleReports;

namespace ClaimCompare.Core.Tests.Comparison;

/// <summary>
/// Conflicts on a real news stream of one outlet: Reuters-21578 items of 3 and 4 March 1987 (the development part of
/// <c>eval stream</c>), whose false conflicts were results tables of other companies, one table's own rows, values that
/// every report gives both of, one formula told of two companies, and two measures an order of magnitude apart.
/// </summary>
public class StreamConflictTests
{
    private static IReadOnlyList<Finding> Report(params (string Id, string Text, int Day)[] articles) =>
        ArticleReports.Findings(articles.Select(a => (a.Id, a.Text, new DateOnly(1987, 3, a.Day), "Reuters")));

    [Theory]
    [InlineData("ashton-tate", Reuters968, "burlington", Reuters976, 3)] // results tables of two companies
    [InlineData("royal-1", Reuters1271, "royal-2", Reuters1301, 3)] // one table's quarter and half-year rows, and its copy
    [InlineData("micropolis", Reuters1531, "audiotronics", Reuters1636, 4)] // one formula told of two companies: debentures due 2012 and 2002
    public void Items_about_other_companies_or_of_one_source_raise_no_conflict_and_no_timeline(string a, string textA, string b, string textB, int day)
    {
        var findings = Report((a, textA, day), (b, textB, day));
        Assert.False(findings.Any(f => f.Kind is FindingKind.Conflict or FindingKind.Update), Dump(findings));
    }

    [Fact]
    public void Two_reports_of_one_table_that_give_another_net_are_a_conflict()
    {
        var findings = Report(("unicorp-1", Reuters1722, 4), ("unicorp-2", Reuters1846, 4));
        Assert.Contains(findings, f => f.Kind == FindingKind.Conflict && Holds(f, "unicorp-1", "1,279,000") && Holds(f, "unicorp-2", "1,538,000"));
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict && Holds(f, "unicorp-1", "10.3 mln"));
    }

    [Fact]
    public void A_total_and_its_parts_that_both_reports_give_are_not_a_conflict()
    {
        var findings = Report(("arvin-1", Reuters1352, 3), ("arvin-2", Reuters1400, 3));
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict && f.Evidence.Any(e => e.Claim.Text.Contains("150", StringComparison.Ordinal)) && f.Evidence.Any(e => e.Claim.Text.Contains("75", StringComparison.Ordinal)));
    }

    [Fact]
    public void Two_sales_figures_an_order_of_magnitude_apart_are_not_a_conflict()
    {
        var findings = Report(
            ("gm", "GM HOPES FOR FIVE-FOLD RISE IN EUROPEAN SALES\n\nOfficials said GM sold 1,500 vehicles in Europe in the 1986 model year.", 3),
            ("us-makers", "U.S. CAR MAKERS HOPE TO PROFIT FROM WEAK DOLLAR\n\nOpel/Vauxhall accounted for most of GM's sales in Europe with about 1.3 million vehicles in 1986, officials said.", 4));
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);

        var close = Report(
            ("gm", "GM HOPES FOR FIVE-FOLD RISE IN EUROPEAN SALES\n\nOfficials said GM sold 1,500 vehicles in Europe in the 1986 model year.", 3),
            ("gm-2", "GM EXPECTS EUROPEAN SALES TO GROW\n\nOfficials said GM sold 2,500 vehicles in Europe in the 1986 model year.", 3));
        Assert.Contains(close, f => f.Kind == FindingKind.Conflict && Holds(f, "gm", "1,500") && Holds(f, "gm-2", "2,500"));
    }

    private const string Reuters968 = """
        ASHTON-TATE <TATE> 4TH QTR NET

        Shr 43 cts vs 30 cts
            Net 10.6 mln vs 5,967,000
            Revs 62.9 mln vs 41.5 mln
            Avg shrs 200.7 mln vs 20.2 mln
            Year
            Shr 1.26 dlrs vs 85 cts
            Net 30.1 mln vs 16.6 mln
            Revs 210.8 mln vs 121.6 mln
            Avg shrs 23.9 mln vs 19.4 mln
            NOTE: Share adjusted for January 1987 two-for-one split.
        """;
    private const string Reuters976 = """
        BURLINGTON COAT FACTORY WAREHOUSE CORP <BCF> NET

        Jan 31 end
            Shr 1.40 dlrs vs 1.10 dlrs
            Net 16.4 mln vs 12.9 mln
            Revs 196.2 mln vs 157.5 mln
        """;
    private const string Reuters1271 = """
        ROYAL RESOURCES CORP <RRCO> 2ND QTR DEC 31 LOSS

        Shr loss 72 cts vs loss 1.48 dlrs
            Net loss 4,466,006 vs loss 9,091,688
            Revs 608,181 vs 1,280,727
            Six Mths
            Shr loss 77 cts vs loss 1.51 dlrs
            Net loss 4,752,455 vs loss 9,265,457
            Revs 1,444,149 vs 2,791,188
        """;
    private const string Reuters1301 = """
        ROYAL RESOURCES CORP <RRCO> 2ND QTR DEC 31 LOSS

        Shr loss 72 cts vs loss 1.48 dlrs
            Net loss 4,466,006 vs loss 9,091,688
            Revs 608,181 vs 1,280,727
            Avg shrs 6,194,000 vs 6,155,461
            First half
            Shr loss 77 cts vs loss 1.51 dlrs
            Net loss 4,752,455 vs loss 9,265,457
            Revs 1,444,149 vs 2,791,188
            Avg shrs 6,174,731 vs 6,155,461
            NOTE: Losses include charges of 4.0 mln dlrs in both 1986
        periods vs 14.4 mln dlrs in both 1985 periods for write-down of
        oil and gas properties
        """;
    private const string Reuters1722 = """
        UNICORP AMERICAN CORP <UAC> 4TH QTR NET

        Shr 13 cts vs 70 cts
            Net 1,279,000 vs 7,979,000
            Revs 16.4 mln vs 19.6 mln
            Year
            Shr 89 cts vs 2.43 dlrs
            Net 10.3 mln vs 29.8 mln
            Revs 56.2 mln vs 83.8 mln
            Avg shrs 12.1 mln vs 13.1 mlnm
            NOTE: 1986 year net includes gain 12.9 mln dlrs from sale
        of eight real estate properties.
        """;
    private const string Reuters1846 = """
        UNICORP AMERICAN CORP <UAC> 4TH QTR NET

        Shr 13 cts vs 70 cts
            Net 1,538,000 vs 8,614,000
            Revs 16.4 mln vs 19.6 mln
            12 mths
            Shr 89 cts vs 2.43 dlrs
            Net 10.3 mln vs 29.8 mln
            Revs 56.2 mln vs 83.8 mln
            Note: 1986 net is before preferred dividend payments and
        includes after-tax gain from sale of real estate properties of
        12.9 mln dlrs.
        """;
    private const string Reuters1352 = """
        ARVIN INDUSTRIES <ARV> OFFERS SECURITIES

        Arvin Industries Inc said it will
        offer 150 mln dlrs of debt securities.
            The company will offer 75 mln dlrs of 8-3/8 pct notes due
        March 1, 1997 and 75 mln dlrs of 9-1/8 pct sinking fund
        debentures due March 1, 2017, as part of an existing 200 mln
        dlr shelf registration.
            The notes were priced at 99.63 pct to yield 8.43 pct. The
        debentures were priced at 99.54 pct to yield 9.17 pct.
            Both issues will be offered through underwriting groups led
        by Merrill Lynch Capital Markets and Salomon Brothers Inc. The
        two issues are separate and independent.
        """;
    private const string Reuters1400 = """
        ARVIN INDUSTRIES <ARV> TO SELL 150 MLN DLRS DEBT

        Arvin Industries Inc said it is raising
        150 mln dlrs through an offering of 8-3/8 pct 10-year notes and
        9-1/8 pct 30-year sinking fund debentures.
            Lead underwriter for the offerings, both of 75 mln dlrs, is
        Merrill Lynch Capital Markets.
            The notes were priced at 99.63 pct to yield 8.43 pct, and
        the debentures were priced at 99.54 pct to yield 9.17 pct.
            The notes are redeemable at par at Arvin's option after
        March 1, 1994. The debentures are redeemable at any time but
        non-refundable before March 1, 1997. Both are rated BAA-2 by
        Moody's Investors Service and BBB by Standard and Poor's.
        """;
    private const string Reuters1531 = """
        MICROPOLIS <MLIS> TO OFFER CONVERTIBLE DEBT

        Micropolis Corp said it filed with the
        Securities and Exchange Commission a registration statement
        covering a 75 mln dlr issue of convertible subordinated
        debentures due 2012.
            Proceeds will be used for general corporate purposes and
        possible acquisitions, Micropolis said.
            The company named Kidder, Peabody and Co Inc as lead
        manager, and Robertson, Colman and Stephens as co-manager of
        the offering.
        """;
    private const string Reuters1636 = """
        AUDIOTRONICS CORP <ADO> TO OFFER DEBT

        Audiotronics Corp said it registered
        with the Securities and Exchange Commission to offer five mln
        dlrs of convertible subordinated debentures due 2002.
            H.J. Meyers and Co Inc will manage the underwriting of the
        offer.
            The company said proceeds will be used to repay bank debt
        and for working capital.
        """;
}
