using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

public class BoilerplateTests
{
    private const string Body = "Russia and NATO ended four hours of talks in Brussels on Wednesday without a deal.";
    private const string Ending = "Kremlin spokesman Dmitry Peskov said there was no real cause for optimism.";

    private static readonly TextPipeline s_pipeline = new();

    private static ProcessedDocument Process(string text)
    {
        var document = s_pipeline.Process(new SourceDocument("t", text));
        ProcessedDocumentAssert.WellFormed(document);
        ProcessedDocumentAssert.CoversAllText(document);
        return document;
    }

    [Theory]
    [InlineData("READ MORE: Russia war threat 'as high as ever been'")]
    [InlineData("Read more: Putin warns of 'military-technical' response")]
    [InlineData("Read Also: Kim Jong Un Calls for More Military Muscle")]
    [InlineData("Related Article: US Urges To Reach a Deal With Russia")]
    [InlineData("Related: Ukraine crisis deepens as talks stall")]
    [InlineData("RELATED STORIES: What NATO wants from Russia")]
    [InlineData("ALSO READ Biden and Putin to speak by phone")]
    [InlineData("See also: The history of the NATO-Russia Council")]
    public void Links_to_other_stories_are_removed_as_teasers(string teaser)
    {
        var document = Process($"{Body}\n\n{teaser}\n\n{Ending}");

        var removed = Assert.Single(document.Removed);
        Assert.Equal((BoilerplateReasons.Teaser, teaser), (removed.Reason, removed.Text));
        Assert.Equal([Body, Ending], document.Passages.Select(p => p.Text));
    }

    [Theory]
    [InlineData("[Video not showing up above? Click here to watch \u00BB example.com/talks/]")]
    [InlineData("Click here to watch the full press conference.")]
    [InlineData("[Watch: video not loading? Tap here to open it in the app]")]
    public void Player_prompts_are_removed(string prompt)
    {
        var removed = Assert.Single(Process($"{Body}\n\n{prompt}\n\n{Ending}").Removed);
        Assert.Equal((BoilerplateReasons.VideoPrompt, prompt), (removed.Reason, removed.Text));
    }

    [Theory]
    [InlineData("AFP contributed reporting.")]
    [InlineData("Reuters and The Associated Press contributed to this report.")]
    [InlineData("Anton Troianovski contributed reporting from Moscow.")]
    [InlineData("Information for this article was contributed by Lorne Cook of The Associated Press.")]
    [InlineData("Reporting by Robin Emmott; Editing by Mark Heinrich")]
    public void Contributor_notes_are_removed(string note)
    {
        var removed = Assert.Single(Process($"{Body}\n\n{Ending}\n\n{note}").Removed);
        Assert.Equal((BoilerplateReasons.ContributorLine, note), (removed.Reason, removed.Text));
    }

    [Theory]
    [InlineData("Anton Troianovski reported from Moscow, and Steven Erlanger from Brussels.")]
    [InlineData("Ivan Nechepurenko contributed reporting from Tbilisi, Georgia.")]
    public void A_reporting_note_on_the_last_line_is_a_contributor_line(string note)
    {
        var removed = Assert.Single(Process($"{Body}\n\n{Ending}\n\n{note}").Removed);
        Assert.Equal((BoilerplateReasons.ContributorLine, note), (removed.Reason, removed.Text));
    }

    [Fact]
    public void A_contributor_note_run_into_the_last_paragraph_is_removed_and_the_paragraph_kept()
    {
        var document = Process($"{Body}\n\n{Ending} Reuters and AFP contributed to this report.");

        var removed = Assert.Single(document.Removed);
        Assert.Equal((BoilerplateReasons.ContributorLine, "Reuters and AFP contributed to this report."), (removed.Reason, removed.Text));
        Assert.Equal([Body, Ending], document.Passages.Select(p => p.Text));
    }

    [Fact]
    public void A_reporting_sentence_in_the_body_is_kept()
    {
        var document = Process($"Anton Troianovski reported from Moscow.\n\n{Body}");

        Assert.Empty(document.Removed);
    }

    [Theory]
    [InlineData("Russia contributed 3,000 troops to the drills.")]
    [InlineData("Officials said Moscow contributed to the report on the incident.")]
    [InlineData("Related talks will follow in Vienna on Thursday.")]
    [InlineData("Click the map to see where the troops are.")]
    [InlineData("NATO - the alliance of 30 nations - met Russia.")]
    [InlineData("More stories like this one will follow, officials said.")]
    public void Body_sentences_that_merely_resemble_boilerplate_are_kept(string sentence)
    {
        var document = Process($"{Body}\n\n{sentence}\n\n{Ending}");

        Assert.Empty(document.Removed);
        Assert.Contains(document.Passages, p => p.Text == sentence);
    }

    [Theory]
    [InlineData("More Stories")]
    [InlineData("Most Read")]
    [InlineData("Related stories:")]
    [InlineData("You may also like")]
    public void A_more_stories_block_is_removed_with_its_headlines_to_the_end(string marker)
    {
        var block = $"{marker}\nScandal at the UN: a judicial falsification case\nNaveed Warsi: a hero of interfaith dialogue";
        var document = Process($"{Body}\n{Ending}\n{block}");

        var removed = Assert.Single(document.Removed);
        Assert.Equal((BoilerplateReasons.MoreStories, block), (removed.Reason, removed.Text));
        Assert.Equal([Body, Ending], document.Passages.Select(p => p.Text));
    }

    [Theory]
    [InlineData("Credit: Getty Images")]
    [InlineData("Photo: Reuters")]
    [InlineData("Photograph by Olivier Hoslet/EPA")]
    [InlineData("(AP Photo/Virginia Mayo)")]
    public void Credit_lines_on_their_own_are_removed(string credit)
    {
        var removed = Assert.Single(Process($"{Body}\n\n{credit}\n\n{Ending}").Removed);
        Assert.Equal((BoilerplateReasons.PhotoCredit, credit), (removed.Reason, removed.Text));
    }

    [Theory]
    [InlineData("Stoltenberg spoke after the talks.CreditCredit\u2026Pool photo by Olivier Hoslet", "Stoltenberg spoke after the talks.", "CreditCredit\u2026Pool photo by Olivier Hoslet")]
    [InlineData("Stoltenberg spoke after the talks. Credit...Johanna Geron/Reuters", "Stoltenberg spoke after the talks.", "Credit...Johanna Geron/Reuters")]
    [InlineData("Stoltenberg spoke after the talks.Credit: Reuters", "Stoltenberg spoke after the talks.", "Credit: Reuters")]
    public void A_credit_glued_to_a_caption_is_removed_and_the_caption_kept(string line, string kept, string credit)
    {
        var document = Process($"{line}\n\n{Body}");

        var removed = Assert.Single(document.Removed);
        Assert.Equal((BoilerplateReasons.PhotoCredit, credit), (removed.Reason, removed.Text));
        Assert.Equal(kept, document.Passages[0].Text);
    }

    [Theory]
    [InlineData("BRUSSELS -- ")]
    [InlineData("BRUSSELS \u2013 ")]
    [InlineData("BRUSSELS \u2014 ")]
    [InlineData("KYIV, Ukraine (AP) \u2014 ")]
    [InlineData("WASHINGTON (Reuters) - ")]
    [InlineData("NEW YORK \u2014 ")]
    [InlineData("MOSCOW, Jan 12 (Reuters) - ")]
    public void Wire_datelines_are_removed_and_the_sentence_kept(string dateline)
    {
        var document = Process($"{dateline}{Body}\n\n{Ending}");

        var removed = Assert.Single(document.Removed);
        Assert.Equal((BoilerplateReasons.Dateline, dateline.TrimEnd()), (removed.Reason, removed.Text));
        Assert.Equal(Body, document.Passages[0].Text);
    }

    [Theory]
    [InlineData(" date 2022-01-13 BRUSSELS -- ", "date 2022-01-13 BRUSSELS --", 2022, 1, 13)]
    [InlineData("date 2022-01-27 ", "date 2022-01-27", 2022, 1, 27)]
    [InlineData("Published: 2022-01-12T09:30:00Z ", "Published: 2022-01-12T09:30:00Z", 2022, 1, 12)]
    public void A_scraper_date_prefix_is_removed_and_becomes_the_document_date(string prefix, string removedText, int year, int month, int day)
    {
        var document = Process($"{prefix}{Body}");

        Assert.Equal((BoilerplateReasons.Dateline, removedText), (document.Removed[0].Reason, document.Removed[0].Text));
        Assert.Equal(new DateOnly(year, month, day), document.Date);
        Assert.Equal(Body, Assert.Single(document.Passages).Text);
    }

    [Theory]
    [InlineData("Jan. 12, 2022", 2022, 1, 12)]
    [InlineData("January 12, 2022 at 9:30 a.m. ET", 2022, 1, 12)]
    [InlineData("Wednesday, 12 January 2022", 2022, 1, 12)]
    [InlineData("Updated: 2022-01-12", 2022, 1, 12)]
    [InlineData("Sept. 30, 2021", 2021, 9, 30)]
    public void A_date_alone_on_a_line_near_the_top_is_a_dateline(string line, int year, int month, int day)
    {
        var document = Process($"Russia and NATO Meet as Tensions Mount\n\n{line}\n\nBRUSSELS - {Body}");

        Assert.Equal(
            [(BoilerplateReasons.Dateline, line), (BoilerplateReasons.Dateline, "BRUSSELS -")],
            document.Removed.Select(r => (r.Reason, r.Text)));
        Assert.Equal(new DateOnly(year, month, day), document.Date);
        Assert.Equal(Body, document.Passages[1].Text);
    }

    [Fact]
    public void An_impossible_date_line_is_removed_without_a_date()
    {
        var document = Process($"Feb. 30, 2022\n\n{Body}");

        Assert.Equal(BoilerplateReasons.Dateline, Assert.Single(document.Removed).Reason);
        Assert.Null(document.Date);
    }

    [Theory]
    [InlineData("Image")]
    [InlineData("Advertisement")]
    [InlineData("Supported by")]
    [InlineData("Listen to this article")]
    public void Page_labels_alone_on_a_line_are_removed(string label)
    {
        var removed = Assert.Single(Process($"{Body}\n\n{label}\n\n{Ending}").Removed);
        Assert.Equal((BoilerplateReasons.PageLabel, label), (removed.Reason, removed.Text));
    }

    [Fact]
    public void A_dateline_is_looked_for_only_near_the_top()
    {
        var text = string.Join("\n\n", Enumerable.Repeat(Body, 6)) + "\n\nBRUSSELS - The talks ended.";

        Assert.Empty(Process(text).Removed);
    }

    [Theory]
    [InlineData("Christi C. Elwood")]
    [InlineData("Anton Troianovski")]
    [InlineData("Ursula von der Leyen")]
    public void A_name_alone_on_the_last_line_is_a_byline(string name)
    {
        var removed = Assert.Single(Process($"{Body}\n\n{Ending}\n\n{name}").Removed);
        Assert.Equal((BoilerplateReasons.Byline, name), (removed.Reason, removed.Text));
    }

    [Fact]
    public void A_by_line_at_the_top_is_a_byline()
    {
        var document = Process($"NATO talks end without a deal\n\nBy Steven Erlanger and Anton Troianovski\n\n{Body}");

        var removed = Assert.Single(document.Removed);
        Assert.Equal((BoilerplateReasons.Byline, "By Steven Erlanger and Anton Troianovski"), (removed.Reason, removed.Text));
    }

    [Fact]
    public void A_short_last_line_that_is_not_a_name_stays()
    {
        var document = Process($"{Body}\n\n{Ending}\n\nWhat comes next for Ukraine");

        Assert.Empty(document.Removed);
        Assert.Equal(PassageKind.Heading, document.Passages[^1].Kind);
    }

    [Fact]
    public void Divider_lines_are_reported_as_separators()
    {
        var removed = Assert.Single(Process($"{Body}\n\n* * *\n\n{Ending}").Removed);
        Assert.Equal((BoilerplateReasons.Separator, "* * *"), (removed.Reason, removed.Text));
    }

    [Theory]
    [InlineData("Russia-NATO meeting ends without clear result")]
    [InlineData("Jan. 27: What you need to know today")]
    [InlineData("Russia, NATO Conclude Ukraine Crisis Talks: Live Updates")]
    public void Short_lines_without_closing_punctuation_are_headings(string heading)
    {
        var document = Process($"{heading}\n\n{Body}");

        Assert.Equal((PassageKind.Heading, heading), (document.Passages[0].Kind, document.Passages[0].Text));
        Assert.Equal((PassageKind.Sentence, Body), (document.Passages[1].Kind, document.Passages[1].Text));
    }

    [Fact]
    public void Boilerplate_removal_can_be_turned_off()
    {
        var pipeline = new TextPipeline(new TextPipelineOptions { RemoveBoilerplate = false });

        var document = pipeline.Process(new SourceDocument("t", $"{Body}\n\nAFP contributed reporting."));

        Assert.Empty(document.Removed);
        Assert.Equal(2, document.Passages.Count);
    }

    [Fact]
    public void Hard_wrapped_lines_join_into_one_paragraph_when_paragraphs_are_separated_by_blank_lines()
    {
        var document = Process("Russia and NATO ended four hours of talks in Brussels on\nWednesday without a deal, officials said.\n\nThe next round is in Vienna.");

        Assert.Equal(
            [(0, "Russia and NATO ended four hours of talks in Brussels on\nWednesday without a deal, officials said.", "Russia and NATO ended four hours of talks in Brussels on Wednesday without a deal, officials said."),
             (1, "The next round is in Vienna.", "The next round is in Vienna.")],
            document.Passages.Select(p => (p.Paragraph, p.Text, p.Normalized)));
    }

    [Fact]
    public void A_line_wrapped_mid_sentence_joins_the_next_even_when_lines_are_paragraphs()
    {
        var document = Process("War fears continue to grow as about 3,000 Russian troops have\nstarted military drills close to Ukraine on Tuesday.\nThe Kremlin remained persistent.");

        Assert.Equal(
            [(0, "War fears continue to grow as about 3,000 Russian troops have started military drills close to Ukraine on Tuesday."), (1, "The Kremlin remained persistent.")],
            document.Passages.Select(p => (p.Paragraph, p.Normalized)));
    }

    [Fact]
    public void List_items_on_their_own_lines_are_separate_paragraphs()
    {
        var document = Process("Russia demands:\n- no NATO expansion\n- no missiles near its borders\n\nNATO refused.");

        Assert.Equal(4, document.Passages.Select(p => p.Paragraph).Distinct().Count());
    }
}
