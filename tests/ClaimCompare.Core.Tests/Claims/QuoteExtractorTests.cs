using ClaimCompare.Core.Claims;
using static ClaimCompare.Core.Tests.Claims.Support.Claims;

namespace ClaimCompare.Core.Tests.Claims;

public class QuoteExtractorTests
{
    [Fact]
    public void A_quote_split_across_a_sentence_break_keeps_its_speaker()
    {
        var quotes = Quotes("NATO Secretary-General Jens Stoltenberg met envoys. \"This is not an easy discussion, but that is exactly why the meeting was so important,\" Stoltenberg told reporters. \"NATO allies are clear-eyed about the prospects for progress in these talks.\"");
        Assert.Equal(2, quotes.Count);
        Assert.Equal("This is not an easy discussion, but that is exactly why the meeting was so important", quotes[0].Text);
        Assert.All(quotes, q => Assert.Equal("Jens Stoltenberg", q.Speaker));
    }

    [Fact]
    public void A_multi_sentence_quote_is_one_quote()
    {
        var quotes = Quotes("Deputy Secretary of State Wendy Sherman spoke. \"There is plenty to work on. There are some places we cannot,\" Sherman said in separate remarks to reporters.");
        var q = Assert.Single(quotes);
        Assert.Equal("There is plenty to work on. There are some places we cannot", q.Text);
        Assert.Equal("Wendy Sherman", q.Speaker);
    }

    [Fact]
    public void Partial_quotes_inside_a_sentence_are_attributed_through_appositives()
    {
        var quotes = Quotes("Wendy R. Sherman, the assistant secretary of state who led the US delegation to the talks, called some of Russia\u2019s demands \u201Csimply unachievable.\u201D");
        var q = Assert.Single(quotes);
        Assert.Equal("simply unachievable.", q.Text);
        Assert.Equal("Wendy Sherman", q.Speaker);
    }

    [Fact]
    public void According_to_attributes_a_partial_quote()
    {
        var q = Assert.Single(Quotes("Some of Russia's demands, according to Wendy R. Sherman the deputy secretary of state who led the US delegation to the talks, are \"simply non-starters.\""));
        Assert.Equal("Wendy Sherman", q.Speaker);
    }

    [Fact]
    public void An_appositive_between_name_and_verb_is_skipped()
    {
        var q = Assert.Single(Quotes("\"We will keep talking,\" Wendy Sherman, the deputy secretary of state, said on Monday."));
        Assert.Equal("Wendy Sherman", q.Speaker);
    }

    [Fact]
    public void An_unknown_two_word_name_next_to_said_is_a_speaker()
    {
        Assert.Equal("Eliud Kipchoge", Assert.Single(Quotes("\"The wind was hard,\" said Eliud Kipchoge.")).Speaker);
        Assert.Equal("Thandiwe Mokoena", Assert.Single(Quotes("\"We will appeal,\" Thandiwe Mokoena told reporters.")).Speaker);
    }

    [Fact]
    public void Said_before_the_name_works()
    {
        var q = Assert.Single(Quotes("\"We will not back down,\" said Prime Minister Jacinda Ardern."));
        Assert.Equal("Jacinda Ardern", q.Speaker);
    }

    [Fact]
    public void Dash_layout_attributes_to_the_name_after_the_quote()
    {
        var q = Assert.Single(Quotes("Coach Pep Guardiola spoke after the match.\n\"We were not good enough today.\" -Pep Guardiola"));
        Assert.Equal("Pep Guardiola", q.Speaker);
    }

    [Fact]
    public void She_resolves_to_the_most_recent_woman()
    {
        var quotes = Quotes("Deputy Secretary of State Wendy Sherman met Russian Deputy Foreign Minister Sergei Ryabkov in Geneva.\n\"They may not even know yet,\" she added.");
        Assert.Equal("Wendy Sherman", Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void He_resolves_to_the_most_recent_man()
    {
        var quotes = Quotes("Ms Sherman met Kremlin spokesman Dmitry Peskov.\nHe claimed: \u201CThere are no clear deadlines here.\u201D");
        Assert.Equal("Dmitry Peskov", Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void Curly_and_straight_marks_may_be_mixed()
    {
        var quotes = Quotes("Russian Foreign Minister Sergei Lavrov said \"there was no positive response to the main question\u201D of Russia's demands.");
        Assert.Equal("Sergei Lavrov", Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void A_quote_attributed_to_an_institution_has_no_speaker()
    {
        var q = Assert.Single(Quotes("\u201CThe forces will leave Belarus,\u201D the Belarusian Defense Ministry said Thursday."));
        Assert.Null(q.Speaker);
    }

    [Fact]
    public void A_quote_running_into_the_next_paragraph_continues_its_speaker()
    {
        var quotes = Quotes("Ukrainian Foreign Minister Dmytro Kuleba stated: \u201CRussia does not have the right to vote.\n\u201CNo matter how many times Russian diplomats go around in circles, we will hold.\u201D");
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("Dmytro Kuleba", q.Speaker));
    }

    [Fact]
    public void An_unbalanced_mark_never_swallows_the_document()
    {
        var text = "Stoltenberg said the allies had \u201Ca very serious exchange.\n" + string.Concat(Enumerable.Repeat("More text follows here without quotes.\n", 50));
        var quotes = Quotes(text);
        Assert.Empty(quotes);
    }

    [Fact]
    public void Apostrophes_are_not_quotes()
    {
        Assert.Empty(Quotes("Russia\u2019s diplomats didn\u2019t say it wasn\u2019t over."));
    }

    [Fact]
    public void Single_curly_quotes_at_word_edges_are_quotes()
    {
        var q = Assert.Single(Quotes("The threat is \u2018as high as ever been\u2019, officials said."));
        Assert.Equal("as high as ever been", q.Text);
    }

    [Fact]
    public void Quote_spans_index_the_original_text()
    {
        const string text = "\u201CIf Russia leaves,\u201D she said, it would be \u201Cquite obvious that they have never been serious.\u201D";
        foreach (var q in Quotes(text))
        {
            Assert.Equal(q.Text, text[q.Start..q.End]);
        }
    }

    [Fact]
    public void A_quotation_reopened_inside_one_line_of_text_is_split_at_the_new_mark_and_keeps_its_speaker()
    {
        var quotes = Quotes("Mark Sullivan of the fire service spoke. \"The wind will ease,\" he said. \"It may turn this afternoon. \"So we will wait for the change.\"");
        Assert.Equal(["The wind will ease", "It may turn this afternoon.", "So we will wait for the change."], quotes.Select(q => q.Text));
        Assert.All(quotes, q => Assert.Equal("Mark Sullivan", q.Speaker));
    }

    [Fact]
    public void Names_titles_and_terms_in_marks_are_not_quotations()
    {
        Assert.Empty(Quotes("\"San Miguel\", skippered by Gary Clapham, crossed the line first."));
        Assert.Empty(Quotes("She starred in \"Moulin Rouge\" and the so-called \"big bang\" reform followed."));
    }

    [Fact]
    public void An_unnamed_speaker_is_kept_as_its_description()
    {
        var q = Assert.Single(Quotes("\"We are not worried,\" a club spokesman said on Monday."));
        Assert.Null(q.Speaker);
        Assert.Equal("a club spokesman", q.SpeakerDescription);
    }

    [Fact]
    public void He_said_follows_the_speaker_not_the_person_talked_about()
    {
        var quotes = Quotes("President Pervez Musharraf repeated his offer of talks with Indian Prime Minister Atal Behari Vajpayee. \"I am for dialogue,\" he said.");
        Assert.Equal("Pervez Musharraf", Assert.Single(quotes).Speaker);
    }

    [Fact]
    public void A_surname_with_an_honorific_takes_the_full_name_printed_elsewhere()
    {
        var quotes = Quotes("Abdul Hak Baker is the head of the mosque. \"We were not surprised,\" Mr Baker said.");
        Assert.Equal("Abdul Hak Baker", Assert.Single(quotes).Speaker);
    }
    [Theory]
    [InlineData("In a significant admission of failure, Theresa May said: \"Frankly, the support on the ground was not good enough.\"", "Theresa May")]
    [InlineData("After hosting the families, Mrs May said: \"The response of the emergency services has been heroic.\"", "May")]
    [InlineData("Prime Minister Theresa May said: \"The response of the emergency services, NHS and the community has been heroic.\"", "Theresa May")]
    public void A_month_after_a_first_name_or_an_honorific_is_a_surname_and_the_speaker_keeps_it(string text, string speaker)
    {
        var quote = Assert.Single(Quotes(text));
        Assert.Equal(speaker, quote.Speaker);
    }
}
