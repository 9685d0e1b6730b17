using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Tests.Similarity;

public class PassageVerifierTests
{
    private static readonly DedupOptions Options = DedupOptions.Default;
    private static readonly Shingler Copy = new(Options.CopyScheme.Shingles);
    private static readonly Shingler Content = new(Options.RewriteScheme.Shingles);

    private static PassageFingerprint F(string text) => PassageFingerprint.Create(text, Copy, Content);

    private static MatchKind? Verify(string a, string b, Func<ulong, bool>? isName = null) =>
        new PassageVerifier(Options, isName).Verify(F(a), F(b), out _);

    [Fact]
    public void Identical_text_after_folding_is_verbatim()
    {
        Assert.Equal(MatchKind.Verbatim, Verify("NATO allies met in Brussels on Wednesday.", "Nato allies met in Brussels, on Wednesday"));
    }

    [Fact]
    public void A_changed_figure_is_near_verbatim()
    {
        Assert.Equal(
            MatchKind.NearVerbatim,
            Verify("Close to 100,000 Russian troops have amassed near the borders of Ukraine.", "Close to 90,000 Russian troops have amassed near the borders of Ukraine."));
    }

    [Fact]
    public void A_trimmed_copy_is_edited()
    {
        Assert.Equal(
            MatchKind.Edited,
            Verify(
                "Russian forces will leave Belarus once the joint exercises between the neighbouring countries are concluded next month.",
                "Russian forces will leave Belarus once the joint exercises between the neighbouring countries are concluded next month, the ministry said in a statement on Thursday."));
    }

    [Fact]
    public void A_copy_with_a_negation_dropped_and_a_verb_replaced_is_an_edited_copy_not_a_rejected_rewrite()
    {
        // 001's sentence and a derived copy: two words of fourteen changed, one of them the negation. Word 3-grams
        // keep only a third of their shingles, but every other word stands in its place: an editor must see this copy.
        const string Source = "Officials claimed Russian representatives did not promise to draw back troops or reject the demand.";
        const string Copy = "Officials said Russian representatives did promise to draw back troops or reject the demand.";
        var kind = new PassageVerifier(Options).Verify(F(Source), F(Copy), out var scores);

        Assert.True(scores.Jaccard < Options.Threshold, $"Jaccard {scores.Jaccard}: the pair must fail the 3-gram rules");
        Assert.Equal(MatchKind.Edited, kind);
    }

    [Fact]
    public void Common_words_counts_words_kept_in_order()
    {
        Assert.Equal((5, 5, 5), PassageVerifier.CommonWords("nato met russia in brussels", "nato met russia in brussels"));
        Assert.Equal((4, 5, 5), PassageVerifier.CommonWords("nato met russia in brussels", "nato met ukraine in brussels"));
        Assert.Equal((2, 3, 3), PassageVerifier.CommonWords("some 100,000 troops", "some 90,000 troops"));
        Assert.Equal((5, 5, 7), PassageVerifier.CommonWords("nato met russia in brussels", "nato has not met russia in brussels"));

        // The same words in another order share only a short subsequence.
        Assert.Equal((2, 5, 5), PassageVerifier.CommonWords("russia met nato in brussels", "in brussels nato met russia"));
    }

    [Fact]
    public void A_market_report_of_another_day_is_not_an_edited_copy()
    {
        // MSRP's two Dow reports: the same shape, with the figures and two words changed.
        Assert.Null(Verify(
            "The Dow Jones industrial average .DJI rose 18.25 points, or 0.19 percent, to 9,586.71.",
            "The blue-chip Dow Jones industrial average .DJI tacked on 97 points, or 1.14 percent, to 8,699."));
    }

    [Fact]
    public void Two_sentences_of_the_same_shape_with_different_words_are_not_an_edited_copy()
    {
        Assert.Null(Verify(
            "The buildup has raised fears in Kyiv and elsewhere in the West that Moscow is planning an invasion.",
            "The decision has eased worries in Berlin and across the region that Washington is weighing new sanctions."));
    }

    [Fact]
    public void A_reworded_quote_is_a_rewrite()
    {
        Assert.Equal(
            MatchKind.Rewrite,
            Verify(
                "\"This is not an easy discussion, but that is exactly why the meeting was so important,\" Stoltenberg told reporters.",
                "\"It was not an easy discussion, but that is exactly why this meeting was so important,\" Stoltenberg said, adding that NATO allies and Russia had a very serious exchange."));
    }

    [Fact]
    public void Sentences_that_share_only_names_and_a_reporting_verb_do_not_match()
    {
        var names = new HashSet<ulong> { Shingler.Hash("nato"), Shingler.Hash("secretary"), Shingler.Hash("general"), Shingler.Hash("jen"), Shingler.Hash("stoltenberg"), Shingler.Hash("russia"), Shingler.Hash("russian") };
        Assert.Null(Verify(
            "The meeting was chaired by NATO Secretary-General Jens Stoltenberg, who said NATO states and Russian envoys stressed the need to restart conversation.",
            "NATO Secretary-General Jens Stoltenberg said that Russian and NATO officials voiced a need to explore a schedule for future meetings.",
            names.Contains));
    }

    [Fact]
    public void Fuzzy_scores_keep_non_ascii_text()
    {
        var scores = new PassageVerifier(Options).Score(F("Россия и НАТО провели переговоры в Брюсселе"), F("Россия и НАТО провели переговоры в Женеве"));
        Assert.True(scores.Fuzzy > 0.7, $"token-set ratio {scores.Fuzzy}");
        Assert.True(scores.PartialFuzzy > 0.7, $"partial ratio {scores.PartialFuzzy}");
    }

    [Fact]
    public void Very_long_passages_are_cut_before_fuzzy_matching()
    {
        var words = string.Join(' ', Enumerable.Range(0, 5000).Select(i => "word" + (i % 97).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var scores = new PassageVerifier(Options).Score(F(words), F(words + " extra"));
        Assert.True(scores.Fuzzy > 0.9);
    }
}
