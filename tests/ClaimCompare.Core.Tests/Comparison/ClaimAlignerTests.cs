using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Comparison;

public class ClaimAlignerTests
{
    private sealed class Story
    {
        private readonly List<DocumentClaims> _documents = [];

        public Story Figure(string document, string sentence, string figureText, FigureKind kind, double? low, double? high, string? noun, params string[] context)
        {
            var source = new ProcessedDocument(document, sentence, [new Passage(0, 0, PassageKind.Sentence, 0, sentence.Length, sentence, sentence)], []);
            var start = sentence.IndexOf(figureText, StringComparison.Ordinal);
            var figure = new Figure
            {
                Start = start, End = start + figureText.Length, Text = figureText, Kind = kind,
                Value = low == high ? low : null, Low = low, High = high, Noun = noun, Context = context, PassageIndex = 0,
            };
            _documents.Add(new DocumentClaims(document, [figure], [], []) { Source = source });
            return this;
        }

        public Story Quote(string document, string sentence, string quoteText, string speaker, DateOnly? date = null)
        {
            var source = new ProcessedDocument(document, sentence, [new Passage(0, 0, PassageKind.Sentence, 0, sentence.Length, sentence, sentence)], []) { Date = date };
            var start = sentence.IndexOf(quoteText, StringComparison.Ordinal);
            var quote = new Quote { Start = start, End = start + quoteText.Length, Text = quoteText, Speaker = speaker, PassageIndex = 0 };
            _documents.Add(new DocumentClaims(document, [], [quote], []) { Source = source });
            return this;
        }

        public Story Quotes(string document, string sentence, string speaker, params string[] quoteTexts)
        {
            var source = new ProcessedDocument(document, sentence, [new Passage(0, 0, PassageKind.Sentence, 0, sentence.Length, sentence, sentence)], []);
            var quotes = new List<Quote>();
            foreach (var quoteText in quoteTexts)
            {
                var start = sentence.IndexOf(quoteText, StringComparison.Ordinal);
                quotes.Add(new Quote { Start = start, End = start + quoteText.Length, Text = quoteText, Speaker = speaker, PassageIndex = 0 });
            }

            _documents.Add(new DocumentClaims(document, [], quotes, []) { Source = source });
            return this;
        }

        public Story Role(string document, string sentence, string name, string role)
        {
            var source = new ProcessedDocument(document, sentence, [new Passage(0, 0, PassageKind.Sentence, 0, sentence.Length, sentence, sentence)], []);
            var start = sentence.IndexOf(name, StringComparison.Ordinal);
            var mention = new PersonMention { Name = name, Surface = name, Role = role, Start = start, End = start + name.Length, PassageIndex = 0 };
            _documents.Add(new DocumentClaims(document, [], [], [mention]) { Source = source });
            return this;
        }

        /// <summary>Gives the last document added an outlet and an address.</summary>
        public Story From(string? outlet, string? url = null)
        {
            var last = _documents[^1];
            _documents[^1] = last with { Source = last.Source! with { Outlet = outlet, Url = url } };
            return this;
        }

        public IReadOnlyList<Finding> Align(PassageLinks? links = null) => new ClaimAligner().Align(_documents, links ?? PassageLinks.None);
    }

    [Fact]
    public void A_conflict_whose_ends_agree_through_a_wider_figure_still_names_both_sides()
    {
        // "nearly 100,000" and "more than 120,000" are disjoint; "some 110,000" overlaps both, so all three fall into one
        // agreement component. The conflict must still read "X vs Y", never one side alone.
        var findings = new Story()
            .Figure("a", "Russia has massed nearly 100,000 troops near the border.", "nearly 100,000", FigureKind.Count, 90_000, 100_000, "troops", "russia", "massed", "border")
            .Figure("b", "Russia has massed more than 120,000 troops near the border.", "more than 120,000", FigureKind.Count, 120_000, null, "troops", "russia", "massed", "border")
            .Figure("c", "Russia has massed some 110,000 troops near the border.", "some 110,000", FigureKind.Count, 93_500, 126_500, "troops", "russia", "massed", "border")
            .Align();

        var conflict = Assert.Single(findings, f => f.Kind == FindingKind.Conflict);
        Assert.Contains(" vs ", conflict.Explanation, StringComparison.Ordinal);
        Assert.Contains("nearly 100,000", conflict.Explanation, StringComparison.Ordinal);
        Assert.Contains("more than 120,000", conflict.Explanation, StringComparison.Ordinal);
        Assert.Contains(conflict.Evidence, e => e.Document == "a");
        Assert.Contains(conflict.Evidence, e => e.Document == "b");
    }

    [Fact]
    public void Overlapping_hedged_counts_about_the_same_thing_agree()
    {
        var findings = new Story()
            .Figure("a", "Some 2,000 protesters marched through the capital on Sunday.", "Some 2,000", FigureKind.Count, 1800, 2200, "protesters", "marched", "capital", "sunday")
            .Figure("b", "Nearly 2,000 demonstrators marched in the capital.", "Nearly 2,000", FigureKind.Count, 1900, 2000, "demonstrators", "marched", "capital")
            .Align();

        var agree = Assert.Single(findings, f => f.Kind == FindingKind.Agree);
        Assert.Equal(2, agree.Evidence.Count);
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void One_outlets_page_and_feed_item_are_one_source_and_never_agree_alone()
    {
        // The near-duplicate stage links the feed item's passage to the page's: they are copies of one article.
        var copies = new PassageLinks();
        copies.Add("page", 0, "feed#1", 0);
        var alone = new Story()
            .Figure("page", "Some 2,000 protesters marched through the capital on Sunday.", "Some 2,000", FigureKind.Count, 1800, 2200, "protesters", "marched", "capital", "sunday")
            .From("The Global Herald", "https://www.globalherald.example/2022/01/13/march")
            .Figure("feed#1", "Some 2,000 protesters marched through the capital on Sunday.", "Some 2,000", FigureKind.Count, 1800, 2200, "protesters", "marched", "capital", "sunday")
            .From("globalherald.example")
            .Align(copies);
        var two = new Story()
            .Figure("page", "Some 2,000 protesters marched through the capital on Sunday.", "Some 2,000", FigureKind.Count, 1800, 2200, "protesters", "marched", "capital", "sunday")
            .From("The Global Herald", "https://www.globalherald.example/2022/01/13/march")
            .Figure("feed#1", "Some 2,000 protesters marched through the capital on Sunday.", "Some 2,000", FigureKind.Count, 1800, 2200, "protesters", "marched", "capital", "sunday")
            .From("globalherald.example")
            .Figure("b", "Nearly 2,000 demonstrators marched in the capital.", "Nearly 2,000", FigureKind.Count, 1900, 2000, "demonstrators", "marched", "capital")
            .From("Daily Courier")
            .Align(copies);

        Assert.DoesNotContain(alone, f => f.Kind == FindingKind.Agree);
        var agree = Assert.Single(two, f => f.Kind == FindingKind.Agree);
        Assert.StartsWith("2 sources (3 documents; one outlet's copies of an article count once)", agree.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_articles_of_one_outlet_in_their_own_words_are_two_sources()
    {
        // A wire service's morning and evening stories (the single-outlet stream of issue #15) corroborate each other;
        // only one article's copies count once.
        var findings = new Story()
            .Figure("morning", "Some 2,000 protesters marched through the capital on Sunday.", "Some 2,000", FigureKind.Count, 1800, 2200, "protesters", "marched", "capital", "sunday")
            .From("Reuters")
            .Figure("evening", "Nearly 2,000 demonstrators marched in the capital.", "Nearly 2,000", FigureKind.Count, 1900, 2000, "demonstrators", "marched", "capital")
            .From("Reuters")
            .Align();

        var agree = Assert.Single(findings, f => f.Kind == FindingKind.Agree);
        Assert.StartsWith("2 sources give", agree.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.arkansasonline.com/news/2022/jan/13/talks/", null, "arkansasonline")]
    [InlineData(null, "www.arkansasonline.com", "arkansasonline")]
    [InlineData(null, "Arkansas Online", "arkansasonline")]
    [InlineData("http://news.bbc.co.uk/2/hi/business/4.stm", "BBC", "bbc")]
    [InlineData("http://edition.cnn.com/2010/US/06/15/oil.spill.disaster/index.html", null, "cnn")]
    [InlineData(null, "The Global Herald", "globalherald")]
    [InlineData(null, "  ", null)]
    public void An_outlet_is_known_by_its_site_name(string? url, string? outlet, string? key)
    {
        var document = new ProcessedDocument("d", "", [], []) { Url = url, Outlet = outlet };
        Assert.Equal(key, SourceCounter.OutletKey(document));
    }

    [Fact]
    public void Disjoint_counts_in_matching_clauses_conflict()
    {
        var findings = new Story()
            .Figure("a", "At least 40 people were killed in the flooding in the north.", "At least 40", FigureKind.Count, 40, null, "people", "killed", "flooding", "north")
            .Figure("b", "Twelve people died in the flooding in the north, officials said.", "Twelve", FigureKind.Count, 12, 12, "people", "died", "flooding", "north")
            .Align();

        var conflict = Assert.Single(findings, f => f.Kind == FindingKind.Conflict);
        Assert.Equal(["a", "b"], conflict.Evidence.Select(e => e.Document));
    }

    [Fact]
    public void Disjoint_counts_in_unrelated_clauses_are_not_conflicts()
    {
        var findings = new Story()
            .Figure("a", "Some 100,000 troops are massed along the border.", "Some 100,000", FigureKind.Count, 85000, 115000, "troops", "massed", "border")
            .Figure("b", "More than 10,000 troops began exercises in the south.", "More than 10,000", FigureKind.Count, 10000, null, "troops", "began", "exercises", "south")
            .Align();

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
        Assert.Equal(2, findings.Count(f => f.Kind == FindingKind.SingleSource));
    }

    [Fact]
    public void Intervals_a_hair_apart_are_compatible_not_conflicting()
    {
        var findings = new Story()
            .Figure("a", "The talks lasted four hours.", "four hours", FigureKind.Duration, 4, 4, "hours", "talks", "lasted")
            .Figure("b", "The nearly four-hour talks ended late.", "nearly four-hour", FigureKind.Duration, 3.6, 3.99, "hour", "talks", "ended")
            .Align();

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void Different_years_never_conflict_unless_the_sentences_are_near_duplicates()
    {
        var story = new Story()
            .Figure("a", "Russia annexed Crimea in 2014.", "2014", FigureKind.Year, 2014, 2014, null, "russia", "annexed", "crimea")
            .Figure("b", "Russia annexed Crimea in 2015.", "2015", FigureKind.Year, 2015, 2015, null, "russia", "annexed", "crimea");

        Assert.DoesNotContain(story.Align(), f => f.Kind == FindingKind.Conflict);

        var links = new PassageLinks();
        links.Add("a", 0, "b", 0);
        Assert.Contains(story.Align(links), f => f.Kind == FindingKind.Conflict);
    }

    [Fact]
    public void One_speakers_reworded_quote_is_a_variant_and_identical_wording_is_not()
    {
        var variant = new Story()
            .Quote("a", "\"We will not back down,\" the minister said.", "We will not back down", "Anna Lind")
            .Quote("b", "\"We shall not back down now,\" Lind said.", "We shall not back down now", "Anna Lind")
            .Align();
        var same = new Story()
            .Quote("a", "\"We will not back down,\" the minister said.", "We will not back down", "Anna Lind")
            .Quote("b", "Lind said: \"We will not back down.\"", "We will not back down.", "Lind")
            .Align();

        var finding = Assert.Single(variant, f => f.Kind == FindingKind.QuoteVariant);
        Assert.Contains(finding.Diff, d => d.Kind == Core.Similarity.DiffKind.Inserted && d.Text.Contains("shall", StringComparison.Ordinal));
        Assert.DoesNotContain(same, f => f.Kind is FindingKind.QuoteVariant or FindingKind.SingleSource);
    }

    [Fact]
    public void A_statement_repeated_days_later_with_a_new_figure_is_not_a_variant_of_the_first()
    {
        var later = new Story()
            .Quote("a", "\"That number 58 may change,\" Cundy said.", "That number 58 may change", "Stuart Cundy", new DateOnly(2017, 6, 17))
            .Quote("b", "\"That number 79 may change,\" Cundy said.", "That number 79 may change", "Stuart Cundy", new DateOnly(2017, 6, 19))
            .Align();
        var reworded = new Story()
            .Quote("a", "\"We will not back down,\" the minister said.", "We will not back down", "Anna Lind", new DateOnly(2017, 6, 17))
            .Quote("b", "\"We shall not back down now,\" Lind said.", "We shall not back down now", "Anna Lind", new DateOnly(2017, 6, 19))
            .Align();

        Assert.DoesNotContain(later, f => f.Kind == FindingKind.QuoteVariant);
        Assert.Contains(reworded, f => f.Kind == FindingKind.QuoteVariant);
    }

    private const string MaySupport = "But, frankly, the support on the ground for families who needed help or basic information in the initial hours after this appalling disaster was not good enough.";

    [Fact]
    public void The_same_point_made_again_days_later_in_other_words_is_not_a_variant()
    {
        var findings = new Story()
            .Quote("a", "\"" + MaySupport + "\"", MaySupport, "Theresa May", new DateOnly(2017, 6, 18))
            .Quote("b", "\"Let me be absolutely clear: The support on the ground for families in the initial hours was not good enough,\" she said.", "Let me be absolutely clear: The support on the ground for families in the initial hours was not good enough", "Theresa May", new DateOnly(2017, 6, 21))
            .Align();

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.QuoteVariant);
    }

    [Fact]
    public void A_fragment_that_stands_in_two_statements_does_not_make_them_one()
    {
        // "not good enough" stands in both of May's statements: it corroborates each, and the variant of the first
        // (another outlet's "first hours") must not take the second along.
        var findings = new Story()
            .Quote("a", "\"" + MaySupport + "\"", MaySupport, "Theresa May", new DateOnly(2017, 6, 18))
            .Quote("d", "\"" + MaySupport.Replace("initial", "first", StringComparison.Ordinal) + "\"", MaySupport.Replace("initial", "first", StringComparison.Ordinal), "Theresa May", new DateOnly(2017, 6, 18))
            .Quote("b", "\"The council's response to the fire was not good enough,\" Mrs May said.", "The council's response to the fire was not good enough", "Theresa May", new DateOnly(2017, 6, 18))
            .Quote("c", "May admitted the support was \"not good enough\".", "not good enough", "Theresa May", new DateOnly(2017, 6, 18))
            .Align();

        var variant = Assert.Single(findings, f => f.Kind == FindingKind.QuoteVariant);
        Assert.Contains(variant.Evidence, e => e.Document == "a");
        Assert.Contains(variant.Evidence, e => e.Document == "d");
        Assert.DoesNotContain(variant.Evidence, e => e.Document == "b");
    }

    private const string PeskovSentence = "“One can’t say that our ideas and concerns were taken into account,” Kremlin spokesman Dmitry Peskov said of the responses, but added: \"Let's not rush to conclusions, it takes time to analyze.”";

    [Fact]
    public void Two_quotes_a_sentence_and_its_copy_both_print_are_two_statements_not_a_variant()
    {
        // The article and its own feed item print both of Peskov's sentences: each is corroborated, neither is a rewording of the other.
        var links = new PassageLinks();
        links.Add("002", 0, "feed#3", 0);
        var findings = new Story()
            .Quotes("002", PeskovSentence, "Dmitry Peskov", "One can’t say that our ideas and concerns were taken into account", "Let's not rush to conclusions, it takes time to analyze.")
            .Quotes("feed#3", PeskovSentence, "Dmitry Peskov", "One can’t say that our ideas and concerns were taken into account", "Let's not rush to conclusions, it takes time to analyze.")
            .Align(links);

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.QuoteVariant);
    }

    [Fact]
    public void Two_sentences_of_one_speaker_in_rewritten_paragraphs_are_not_a_variant_without_shared_content()
    {
        var links = new PassageLinks();
        links.Add("a", 0, "b", 0);
        var different = new Story()
            .Quote("a", "“One can’t say that our ideas and concerns were taken into account,” Kremlin spokesman Dmitry Peskov said of the responses.", "One can’t say that our ideas and concerns were taken into account", "Dmitry Peskov")
            .Quote("b", "Kremlin spokesman Dmitry Peskov said of the responses: \"Let's not rush to conclusions, it takes time to analyze.”", "Let's not rush to conclusions, it takes time to analyze.", "Dmitry Peskov")
            .Align(links);
        var reworded = new Story()
            .Quote("a", "Some of Russia's demands, according to Wendy R. Sherman, are \"simply non-starters.\"", "simply non-starters.", "Wendy Sherman")
            .Quote("b", "Wendy R. Sherman called some of Russia’s demands “simply unachievable.”", "simply unachievable.", "Wendy Sherman")
            .Align(links);

        Assert.DoesNotContain(different, f => f.Kind == FindingKind.QuoteVariant);
        Assert.Contains(reworded, f => f.Kind == FindingKind.QuoteVariant);
    }

    [Fact]
    public void Quotes_of_different_speakers_are_never_variants()
    {
        var findings = new Story()
            .Quote("a", "\"We will not back down,\" Lind said.", "We will not back down", "Anna Lind")
            .Quote("b", "\"We will not back down,\" Berg said.", "We will not back down", "Karl Berg")
            .Align();

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.QuoteVariant);
    }

    [Theory]
    [InlineData("deputy secretary of state", "assistant secretary of state", true)]
    [InlineData("foreign minister", "deputy foreign minister", true)]
    [InlineData("secretary-general", "secretary-general", false)]
    [InlineData("kremlin spokesman", "spokesman", false)]
    [InlineData("nato chief", "secretary-general", false)]
    [InlineData("former foreign minister", "foreign minister", false)]
    public void Titles_conflict_only_on_the_same_office_at_a_different_rank(string first, string second, bool conflict)
    {
        var findings = new Story()
            .Role("a", "Wendy Sherman led the delegation.", "Wendy Sherman", first)
            .Role("b", "Wendy Sherman spoke to reporters.", "Wendy Sherman", second)
            .Align();

        Assert.Equal(conflict, findings.Any(f => f.Kind == FindingKind.RoleConflict));
    }

    [Fact]
    public void The_same_surname_with_different_first_names_is_two_people()
    {
        var findings = new Story()
            .Role("a", "Anna Berg spoke.", "Anna Berg", "deputy mayor")
            .Role("b", "Karl Berg spoke.", "Karl Berg", "mayor")
            .Align();

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.RoleConflict);
    }
}
