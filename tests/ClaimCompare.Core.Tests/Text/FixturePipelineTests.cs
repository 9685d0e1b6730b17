using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Text;

public class FixturePipelineTests
{
    private static readonly TextPipeline s_pipeline = new();

    private static ProcessedDocument Process(string id) => s_pipeline.Process(FixtureFiles.Load(id));

    public static TheoryData<string> Ids => [.. FixtureFiles.Ids];

    public static TheoryData<string, string> BoilerplateInPassages()
    {
        var data = new TheoryData<string, string>();
        foreach (var id in FixtureFiles.Ids)
        {
            foreach (var marker in new[] { "READ MORE", "Read Also", "Related Article", "Video not showing", "More Stories", "Credit", "contributed", "Christi C. Elwood", "date 2022" })
            {
                data.Add(id, marker);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoilerplateInPassages))]
    public void No_boilerplate_is_left_in_any_passage(string id, string marker)
    {
        Assert.DoesNotContain(Process(id).Passages, p => p.Text.Contains(marker, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_passage_span_is_exact_in_the_original_text(string id)
    {
        var document = Process(id);

        Assert.NotEmpty(document.Passages);
        ProcessedDocumentAssert.WellFormed(document);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_character_is_either_in_a_passage_or_reported_as_removed(string id)
    {
        ProcessedDocumentAssert.CoversAllText(Process(id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Normalized_passages_equal_the_normalisation_of_their_raw_text(string id)
    {
        foreach (var passage in Process(id).Passages)
        {
            Assert.Equal(TextNormalizer.NormalizeToString(passage.Text), passage.Normalized);
            Assert.Equal(TextNormalizer.ToComparisonKey(passage.Text), passage.Key);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Processing_is_deterministic_and_the_pipeline_reusable(string id)
    {
        var first = Process(id);
        var second = Process(id);

        Assert.Equal(first.Passages, second.Passages);
        Assert.Equal(first.Removed, second.Removed);
    }

    [Fact]
    public void Fixture_000_drops_its_teasers_and_keeps_its_subheadings()
    {
        var document = Process("000");

        Assert.Equal(
            ["Read Also: Kim Jong Un Calls for More \"Military Muscle\" After North Korea Fires More Advanced Missile Test That Flies Ten Times The Speed of Sound",
             "Related Article: US Urges To Reach a Deal With Russia, Tells Moscow That De-escalation is Needed as Ukraine Crisis Deepens"],
            document.Removed.Select(r => r.Text));
        Assert.All(document.Removed, r => Assert.Equal(BoilerplateReasons.Teaser, r.Reason));
        Assert.Equal(
            ["Russia-NATO meeting ends without clear result", "US Senate Democrats unveil Russia sanctions bill"],
            document.Passages.Where(p => p.Kind == PassageKind.Heading).Select(p => p.Text));
        Assert.Contains(document.Passages, p => p.Text == "Some of Russia's demands, according to Wendy R. Sherman the deputy secretary of state who led the US delegation to the talks, are \"simply non-starters.\"");
        Assert.Contains(document.Passages, p => p.Text == "Because the pipeline would circumvent Ukraine, several Democrats have favored sanctions against it., depriving it of transit revenues and jeopardizing the country's fight against Russia, The Star\u00A0reported.");
        Assert.Null(document.Date);
    }

    [Fact]
    public void Fixture_001_loses_its_dateline_video_prompt_and_contributor_line_and_takes_the_date()
    {
        var document = Process("001");

        Assert.Equal(new DateOnly(2022, 1, 13), document.Date);
        Assert.Collection(document.Removed,
            r => Assert.Equal((BoilerplateReasons.Dateline, "date 2022-01-13 BRUSSELS --"), (r.Reason, r.Text)),
            r => Assert.Equal((BoilerplateReasons.VideoPrompt, "[Video not showing up above? Click here to watch \u00BB arkansasonline.com/113talks/]"), (r.Reason, r.Text)),
            r =>
            {
                Assert.Equal(BoilerplateReasons.ContributorLine, r.Reason);
                Assert.StartsWith("Information for this article was contributed by Perry Stein", r.Text, StringComparison.Ordinal);
                Assert.EndsWith("Jari Tanner of The Associated Press.", r.Text, StringComparison.Ordinal);
            });
        Assert.StartsWith("A high-stakes meeting between NATO and Russian officials", document.Passages[0].Text, StringComparison.Ordinal);
        Assert.Equal(29, document.Passages[0].Start);
    }

    [Theory]
    [InlineData("More than 10,000 Russian troops in southern Russia began military exercises Wednesday.")]
    [InlineData("\"This is not an easy discussion, but that is exactly why the meeting was so important,\" Stoltenberg told reporters.")]
    [InlineData("\"NATO allies are clear-eyed about the prospects for progress in these talks.\"")]
    [InlineData("Deputy Secretary of State Wendy Sherman, who headed the U.S. delegation, said Russian diplomats would need to confer with Putin about a series of American suggestions for possible joint steps related to arms control, military exercises and U.S. positioning of missiles in Ukraine.")]
    [InlineData("Even as the United States, NATO and European Union officials promise severe economic consequences if Russia invades Ukraine, U.S. officials have said they see no signs of Russian de-escalation.")]
    [InlineData("The Brussels meeting marks the second in a series of high-level U.S. and Russian encounters this week.")]
    [InlineData("Today, U.S. and Russian diplomats will take part in a meeting in Vienna of the Organization for Security and Cooperation in Europe.")]
    [InlineData("\"Attempts to build security against Russia and without Russia's participation are counterproductive and bound to fail. ...")]
    [InlineData("If the approach will be intimidation, we will pursue counter-intimidation.\"")]
    [InlineData("\"They may not even know yet,\" she added.")]
    public void Fixture_001_has_the_sentences_a_careful_reader_draws(string sentence)
    {
        Assert.Contains(Process("001").Passages, p => p.Kind == PassageKind.Sentence && p.Text == sentence);
    }

    [Fact]
    public void Fixture_002_keeps_its_heading_and_drops_the_agency_note()
    {
        var document = Process("002");

        Assert.Equal(new DateOnly(2022, 1, 27), document.Date);
        Assert.Equal(
            [(BoilerplateReasons.Dateline, "date 2022-01-27"), (BoilerplateReasons.ContributorLine, "AFP contributed reporting.")],
            document.Removed.Select(r => (r.Reason, r.Text)));
        Assert.Equal(["Jan. 27: What you need to know today"], document.Passages.Where(p => p.Kind == PassageKind.Heading).Select(p => p.Text));
        Assert.StartsWith("High-stakes talks between Russia and the West", document.Passages[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NATO and the U.S. have called Russia\u2019s demands \u201Cnon-starters,\u201D instead offering to open a dialogue with Russia on a host of lesser issues such as missile deployment and military exercises.")]
    [InlineData("Moscow said this was unacceptable and awaited written responses from the U.S on each of its demands.")]
    [InlineData("The U.S. and NATO delivered their confidential written responses on Wednesday.")]
    [InlineData("Lavrov said he will speak with Blinken in the \u201Ccoming days.\u201D")]
    public void Fixture_002_has_the_sentences_a_careful_reader_draws(string sentence)
    {
        Assert.Contains(Process("002").Passages, p => p.Kind == PassageKind.Sentence && p.Text == sentence);
    }

    [Fact]
    public void Fixture_003_treats_single_newlines_as_paragraph_breaks_and_drops_the_teaser_and_more_stories_block()
    {
        var document = Process("003");

        Assert.Equal(2, document.Removed.Count);
        Assert.Equal(BoilerplateReasons.Teaser, document.Removed[0].Reason);
        Assert.Equal("READ MORE: Russia war threat \u2018as high as ever been\u2019 as British Captain says \u2018We need to be ready\u2019", document.Removed[0].Text);
        Assert.Equal(BoilerplateReasons.MoreStories, document.Removed[1].Reason);
        Assert.StartsWith("More Stories\nScandal at the UN", document.Removed[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("Serbian-American Friendship Convoy born!", document.Removed[1].Text, StringComparison.Ordinal);
        Assert.Equal(document.Removed[1].End, document.OriginalText.Length);
        Assert.Equal(18, document.Passages.Select(p => p.Paragraph).Distinct().Count());
    }

    [Theory]
    [InlineData("Ukrainian Foreign Minister Dmytro Kuleba, aware of this, stated: \u201CRussia does not have the right to vote on Ukraine\u2019s NATO membership.")]
    [InlineData("This is a red line that neither Ukraine nor our partners will cross.")]
    [InlineData("Mr Peskov hoped for more clarity after those, while Ms Sherman said: \u201CWe were firm\u2026 in pushing back on security proposals that are simply non-starters to the United States.\u201D")]
    [InlineData("It comes only a day after the US urged the Kremlin to pull back an estimated 100,000 troops from near the border.")]
    public void Fixture_003_has_the_sentences_a_careful_reader_draws(string sentence)
    {
        Assert.Contains(Process("003").Passages, p => p.Kind == PassageKind.Sentence && p.Text == sentence);
    }

    [Fact]
    public void Fixture_004_keeps_the_sentence_a_photo_credit_is_glued_to_and_removes_the_credit()
    {
        var document = Process("004");

        Assert.Contains(document.Passages, p => p.Kind == PassageKind.Sentence && p.Text ==
            "NATO Secretary General Jens Stoltenberg said significant points of contention remain with Russia following talks aimed at easing tensions with the West and preventing a further Russian invasion of Ukraine.");
        var credit = Assert.Single(document.Removed, r => r.Reason == BoilerplateReasons.PhotoCredit);
        Assert.Equal("CreditCredit\u2026Pool photo by Olivier Hoslet", credit.Text);
    }

    [Fact]
    public void Fixture_004_removes_the_wire_dateline_and_the_trailing_byline_and_keeps_the_headline()
    {
        var document = Process("004");

        Assert.Equal(
            [(BoilerplateReasons.PhotoCredit, "CreditCredit\u2026Pool photo by Olivier Hoslet"), (BoilerplateReasons.Dateline, "BRUSSELS \u2013"), (BoilerplateReasons.Byline, "Christi C. Elwood")],
            document.Removed.Select(r => (r.Reason, r.Text)));
        Assert.Equal(PassageKind.Heading, document.Passages[0].Kind);
        Assert.Equal("Russia, NATO Conclude Ukraine Crisis Talks: Live Updates", document.Passages[0].Text);
        Assert.Contains(document.Passages, p => p.Text.StartsWith("The NATO chief said on Wednesday that \u201Csignificant differences\u201D", StringComparison.Ordinal));
        Assert.Null(document.Date);
    }

    [Theory]
    [InlineData("Wendy R. Sherman, the assistant secretary of state who led the US delegation to the talks, called some of Russia\u2019s demands \u201Csimply unachievable.\u201D")]
    [InlineData("Above the high-level diplomacy looms the question of whether Russian President Vladimir V. Putin will invade Ukraine as he seeks to pressure the West to quash the Russian presence.")]
    [InlineData("After the talks on Monday, Sergei A. Ryabkov, who led the Russian side, denied that Russia intended another military invasion of Ukraine.")]
    [InlineData("This is another indication that even Russia\u2019s top diplomats may not know what Mr. Putin\u2019s real intentions are.")]
    [InlineData("The United States and its NATO allies are hopeful that Mr Putin will decide to negotiate, as he now faces threats of punitive economic sanctions and even new deployments to NATO allies bordering Russia. .")]
    public void Fixture_004_has_the_sentences_a_careful_reader_draws(string sentence)
    {
        Assert.Contains(Process("004").Passages, p => p.Kind == PassageKind.Sentence && p.Text == sentence);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Typographic_and_invisible_noise_keeps_every_span_exact(string id)
    {
        const string noise = "\u200B\u00A0\u2026\u201C\u201D\u2019\u2014 \n\r\t.!?\"'e\u0301\uFB01\uD83D\uDE00\uD800\u00AD";
        var rng = new XorShift(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture) + 1);
        var original = FixtureFiles.Load(id).Text;
        for (var round = 0; round < 50; round++)
        {
            var text = new System.Text.StringBuilder(original);
            for (var i = 0; i < 40; i++)
            {
                text.Insert(rng.Next(text.Length), noise[rng.Next(noise.Length)]);
            }

            var document = s_pipeline.Process(new SourceDocument(id, text.ToString()));

            ProcessedDocumentAssert.WellFormed(document);
            foreach (var passage in document.Passages)
            {
                Assert.Equal(TextNormalizer.NormalizeToString(passage.Text), passage.Normalized);
            }
        }
    }

    [Fact]
    public void One_pipeline_gives_the_same_results_from_many_threads()
    {
        var documents = FixtureFiles.Ids.Select(FixtureFiles.Load).ToArray();
        var expected = documents.Select(d => s_pipeline.Process(d).Passages).ToArray();

        Parallel.For(0, 200, i =>
        {
            var document = documents[i % documents.Length];
            Assert.Equal(expected[i % documents.Length], s_pipeline.Process(document).Passages);
        });
    }

    [Fact]
    public void A_date_given_by_the_caller_wins_over_the_dateline()
    {
        var document = s_pipeline.Process(FixtureFiles.Load("001") with { Date = new DateOnly(2022, 1, 12) });

        Assert.Equal(new DateOnly(2022, 1, 12), document.Date);
    }
}
