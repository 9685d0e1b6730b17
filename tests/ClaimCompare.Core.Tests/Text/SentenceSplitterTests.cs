using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

public class SentenceSplitterTests
{
    private static string[] Sentences(string text)
    {
        var ranges = SentenceSplitter.Split(text);
        return [.. ranges.Select(r => text[r])];
    }

    private static void AssertSplit(string text, params string[] expected) => Assert.Equal(expected, Sentences(text));

    [Theory]
    [InlineData("Mr. Putin met Gen. Mark Milley in Geneva.")]
    [InlineData("Ms. Sherman and Mrs. Clinton spoke with Dr. Jill Biden.")]
    [InlineData("Sen. Ted Cruz and Gov. Greg Abbott met Rep. Adam Schiff.")]
    [InlineData("Lt. Col. Alexander Vindman and Capt. John Smith testified with Prof. Ivan Krastev.")]
    [InlineData("He lives on St. Petersburg's Nevsky Prospekt.")]
    [InlineData("Lorne Cook Jr. and Vladimir Isachenkov Sr. contributed.")]
    [InlineData("The deal was signed by Gazprom Inc. and Nord Stream Co. officials.")]
    [InlineData("Downing Street No. 10 issued a statement.")]
    [InlineData("Russia vs. NATO is the wrong frame, e.g. for Georgia, i.e. a partner.")]
    [InlineData("Tanks, artillery, drones etc. are massing near the border.")]
    [InlineData("The talks resumed on Jan. 12 and Sept. 30 in Vienna.")]
    [InlineData("Rosneft Trading Ltd. and Gazprom Corp. signed the deal on Dec. 1 in Moscow.")]
    [InlineData("Drills ran from Feb. 10 to Mar. 20, with Col. Petrov and Sgt. Ivanov in charge.")]
    [InlineData("The meeting began at 10 a.m. Wednesday and ended at 2 p.m. Brussels time.")]
    public void Titles_and_abbreviations_do_not_end_sentences(string sentence)
    {
        AssertSplit(sentence, sentence);
    }

    [Theory]
    [InlineData("NATO allies reiterated their refusal. Wendy R. Sherman called the demands unachievable.")]
    [InlineData("Above the diplomacy looms the question of whether Vladimir V. Putin will invade.")]
    [InlineData("After the talks on Monday, Sergei A. Ryabkov denied that Russia intended an invasion.")]
    [InlineData("Christi C. Elwood and J. R. R. Tolkien are names.")]
    public void Initials_in_names_do_not_end_sentences(string text)
    {
        Assert.DoesNotContain(Sentences(text), s => s.EndsWith(" R.", StringComparison.Ordinal) || s.EndsWith(" V.", StringComparison.Ordinal) || s.EndsWith(" A.", StringComparison.Ordinal) || s.EndsWith(" C.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dotted_acronym_inside_a_sentence_does_not_end_it()
    {
        AssertSplit("The U.S. and NATO delivered their written responses.", "The U.S. and NATO delivered their written responses.");
        AssertSplit("Even so, U.S. officials have said they see no signs of de-escalation.", "Even so, U.S. officials have said they see no signs of de-escalation.");
        AssertSplit("The U.S. Senate voted on the sanctions bill.", "The U.S. Senate voted on the sanctions bill.");
    }

    [Fact]
    public void A_dotted_acronym_at_the_end_of_a_sentence_ends_it_before_a_sentence_opening_word()
    {
        AssertSplit("Sherman headed the delegation in the U.S. The next day she flew to Brussels.",
            "Sherman headed the delegation in the U.S.", "The next day she flew to Brussels.");
        AssertSplit("The talks were held at 10 a.m. They lasted four hours.",
            "The talks were held at 10 a.m.", "They lasted four hours.");
        AssertSplit("He joined Gazprom Inc. He left in 2020.", "He joined Gazprom Inc.", "He left in 2020.");
    }

    [Theory]
    [InlineData("Moscow has amassed some 1.5 million rounds of ammunition.")]
    [InlineData("The pipeline cost $3.2bn to build and 0.5% of GDP to run.")]
    [InlineData("Version 2.0.1 of the treaty text circulated.")]
    public void Decimals_and_money_do_not_end_sentences(string sentence)
    {
        AssertSplit(sentence, sentence);
    }

    [Fact]
    public void Urls_and_email_addresses_stay_inside_their_sentence()
    {
        AssertSplit("Click here to watch arkansasonline.com/113talks/ for the video. Then read on.",
            "Click here to watch arkansasonline.com/113talks/ for the video.", "Then read on.");
        AssertSplit("Write to tips@example.Com or visit www.Example.Org today. We reply.",
            "Write to tips@example.Com or visit www.Example.Org today.", "We reply.");
        AssertSplit("See https://www.nytimes.com/live/2022/01/12/world/Russia.NATO for updates.",
            "See https://www.nytimes.com/live/2022/01/12/world/Russia.NATO for updates.");
    }

    [Fact]
    public void A_closing_quote_after_the_terminal_punctuation_belongs_to_the_sentence()
    {
        AssertSplit("\"This is not an easy discussion, but that is exactly why the meeting was so important,\" Stoltenberg told reporters. \"NATO allies are clear-eyed about the prospects for progress in these talks.\"",
            "\"This is not an easy discussion, but that is exactly why the meeting was so important,\" Stoltenberg told reporters.",
            "\"NATO allies are clear-eyed about the prospects for progress in these talks.\"");
        AssertSplit("Wendy R. Sherman called some of Russia's demands \"simply unachievable.\" The talks ended.",
            "Wendy R. Sherman called some of Russia's demands \"simply unachievable.\"", "The talks ended.");
    }

    [Fact]
    public void Curly_quotes_are_recognised_in_raw_text_too()
    {
        AssertSplit("\u201CWe were firm,\u201D she said. \u201CNext.\u201D",
            "\u201CWe were firm,\u201D she said.", "\u201CNext.\u201D");
    }

    [Fact]
    public void A_question_or_exclamation_inside_quotes_followed_by_lower_case_does_not_end_the_sentence()
    {
        AssertSplit("\"Why?\" he asked. \"Because they may not even know yet!\" she said.",
            "\"Why?\" he asked.", "\"Because they may not even know yet!\" she said.");
        AssertSplit("Will Russia invade? Officials are unsure! Nobody knows.",
            "Will Russia invade?", "Officials are unsure!", "Nobody knows.");
    }

    [Fact]
    public void A_quoted_question_followed_by_its_attribution_is_one_sentence()
    {
        AssertSplit("\"Is this a threat?\" Peskov asked. \"No!\" Dmitry Peskov said. \"Why now?\" The question remains.",
            "\"Is this a threat?\" Peskov asked.", "\"No!\" Dmitry Peskov said.", "\"Why now?\"", "The question remains.");
    }

    [Fact]
    public void An_ellipsis_before_lower_case_continues_the_sentence()
    {
        AssertSplit("Ms Sherman said: \"We were firm... in pushing back on security proposals.\"",
            "Ms Sherman said: \"We were firm... in pushing back on security proposals.\"");
        AssertSplit("We were firm\u2026 in pushing back.", "We were firm\u2026 in pushing back.");
    }

    [Fact]
    public void An_ellipsis_before_a_capital_ends_the_sentence_and_stays_with_it()
    {
        AssertSplit("\"Attempts to build security without Russia are bound to fail. ... If the approach will be intimidation, we will pursue counter-intimidation.\"",
            "\"Attempts to build security without Russia are bound to fail. ...",
            "If the approach will be intimidation, we will pursue counter-intimidation.\"");
    }

    [Fact]
    public void A_missing_space_after_a_period_still_ends_the_sentence()
    {
        AssertSplit("Talks aimed at preventing a further Russian invasion of Ukraine.CreditCredit...Pool photo by Olivier Hoslet",
            "Talks aimed at preventing a further Russian invasion of Ukraine.", "CreditCredit...Pool photo by Olivier Hoslet");
        AssertSplit("It was about Ukraine.Next sentence starts here.", "It was about Ukraine.", "Next sentence starts here.");
    }

    [Fact]
    public void Numbered_list_items_are_split_at_each_item_not_after_the_number()
    {
        AssertSplit("1. Withdraw the troops. 2. Stop the drills. 3. Talk.",
            "1. Withdraw the troops.", "2. Stop the drills.", "3. Talk.");
    }

    [Fact]
    public void Lower_case_words_that_look_like_abbreviations_still_end_sentences()
    {
        AssertSplit("Asked whether Russia would withdraw, he said no. The talks ended.", "Asked whether Russia would withdraw, he said no.", "The talks ended.");
    }

    [Fact]
    public void A_year_at_the_end_of_a_sentence_ends_it()
    {
        AssertSplit("Russia annexed Crimea from Ukraine in 2014. Separatists backed by Russia seized control of an eastern swath.",
            "Russia annexed Crimea from Ukraine in 2014.", "Separatists backed by Russia seized control of an eastern swath.");
    }

    [Fact]
    public void Lower_case_after_a_period_in_garbled_text_does_not_split()
    {
        AssertSplit("NATO and Russia had \"a very serious exchange. and direct on the situation.",
            "NATO and Russia had \"a very serious exchange. and direct on the situation.");
        AssertSplit("several Democrats have favored sanctions against it., depriving it of transit revenues.",
            "several Democrats have favored sanctions against it., depriving it of transit revenues.");
    }

    [Fact]
    public void Punctuation_without_words_joins_the_next_sentence()
    {
        AssertSplit("... . Talks ended.", "... . Talks ended.");
        AssertSplit("bordering Russia. .", "bordering Russia. .");
    }

    [Fact]
    public void Chinese_full_stops_end_sentences_without_a_space()
    {
        AssertSplit("\u5317\u7EA6\u4E0E\u4FC4\u7F57\u65AF\u4F1A\u8C08\u3002\u6CA1\u6709\u7ED3\u679C\uFF01",
            "\u5317\u7EA6\u4E0E\u4FC4\u7F57\u65AF\u4F1A\u8C08\u3002", "\u6CA1\u6709\u7ED3\u679C\uFF01");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    public void Blank_text_has_no_sentences(string text)
    {
        Assert.Empty(SentenceSplitter.Split(text));
    }

    [Fact]
    public void Sentence_ranges_exclude_surrounding_whitespace()
    {
        var text = "  First one.   Second one.  ";
        Assert.Equal([new Range(2, 12), new Range(15, 26)], SentenceSplitter.Split(text));
    }

    [Fact]
    public void Reference_marks_stay_with_the_sentence_before_them()
    {
        AssertSplit("The town was founded in 1850.[3] It grew quickly.[4][5] Trade followed.",
            "The town was founded in 1850.[3]", "It grew quickly.[4][5]", "Trade followed.");
    }

    [Fact]
    public void Inline_list_markers_do_not_end_sentences()
    {
        AssertSplit("We want to: 1. Apply early. 2. Bring ID.", "We want to: 1. Apply early.", "2. Bring ID.");
        AssertSplit("a. Ministers will attend. b. Officials will not.", "a. Ministers will attend.", "b. Officials will not.");
    }

    [Fact]
    public void A_verb_of_saying_with_a_colon_after_a_quoted_question_opens_a_new_sentence()
    {
        AssertSplit("He asked: \"Would you believe me?\" They said: \"Yes.\"", "He asked: \"Would you believe me?\"", "They said: \"Yes.\"");
    }
}
