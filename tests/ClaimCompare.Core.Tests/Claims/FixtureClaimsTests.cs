using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Tests.Claims.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Claims;

/// <summary>End to end over the russia-nato-2022 fixtures: TextPipeline, then ClaimExtractor.ExtractAll.</summary>
public class FixtureClaimsTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, DocumentClaims>> All = new(() =>
    {
        var pipeline = new TextPipeline();
        var docs = ClaimFixtures.Articles().Select(a => pipeline.Process(new SourceDocument(a.Id, a.Text))).ToList();
        // The five articles are one story: names may merge across all of them.
        var story = new DocumentGroups();
        foreach (var d in docs)
        {
            story.Link(docs[0].Id, d.Id);
        }

        return ClaimExtractor.ExtractAll(docs, story).ToDictionary(c => c.Document);
    });

    private static DocumentClaims Doc(string id) => All.Value[id];

    private static Figure Figure(string id, string text) => Assert.Single(Doc(id).Figures, f => f.Text == text);

    [Fact]
    public void Close_to_and_nearly_a_hundred_thousand_troops_agree_across_the_spun_copies()
    {
        var closeTo = Figure("000", "close to 100,000");
        var nearly = Figure("004", "nearly 100,000");
        var some = Figure("001", "some 100,000");
        var estimated = Figure("000", "An estimated 100,000");
        foreach (var f in new[] { closeTo, nearly, some, estimated })
        {
            Assert.Equal(FigureKind.Count, f.Kind);
            Assert.Equal("troops", f.Noun);
        }

        Assert.Equal(90_000, closeTo.Low);
        Assert.Equal(100_000, closeTo.High);
        Assert.False(closeTo.HighInclusive);
        Assert.True(closeTo.Overlaps(nearly));
        Assert.True(nearly.Overlaps(some));
        Assert.True(estimated.Overlaps(closeTo));
    }

    [Fact]
    public void About_three_thousand_and_more_than_ten_thousand_troops_conflict()
    {
        var about = Figure("003", "about 3,000");
        var more = Figure("001", "More than 10,000");
        Assert.Equal("troops", about.Noun);
        Assert.Equal("troops", more.Noun);
        Assert.False(about.Overlaps(more));
    }

    [Fact]
    public void Four_hours_and_a_nearly_four_hour_meeting_agree()
    {
        var fourHours = Figure("000", "four hours");
        var nearly = Figure("001", "nearly four-hour");
        Assert.Equal(FigureKind.Duration, fourHours.Kind);
        Assert.Equal(FigureKind.Duration, nearly.Kind);
        Assert.True(fourHours.Overlaps(nearly));
    }

    [Fact]
    public void Years_are_never_counts()
    {
        Assert.Equal(FigureKind.Year, Figure("000", "2014").Kind);
        Assert.Equal(FigureKind.Year, Figure("001", "2019").Kind);
        Assert.Equal(FigureKind.Year, Figure("004", "2012").Kind);
        Assert.Equal(FigureKind.Year, Figure("004", "2018").Kind);
        Assert.Equal(FigureKind.Date, Figure("004", "April 2014").Kind);
        Assert.DoesNotContain(All.Value.Values.SelectMany(d => d.Figures), f => f.Kind == FigureKind.Count && f.Value is >= 1900 and <= 2100);
    }

    [Fact]
    public void Stoltenberg_is_quoted_in_both_versions_of_the_easy_discussion_line()
    {
        Assert.Equal("Jens Stoltenberg", Assert.Single(Doc("001").Quotes, q => q.Text.StartsWith("This is not an easy discussion", StringComparison.Ordinal)).Speaker);
        Assert.Equal("Jens Stoltenberg", Assert.Single(Doc("004").Quotes, q => q.Text.StartsWith("It was not an easy discussion", StringComparison.Ordinal)).Speaker);
        Assert.Equal("Jens Stoltenberg", Assert.Single(Doc("001").Quotes, q => q.Text.StartsWith("NATO allies are clear-eyed", StringComparison.Ordinal)).Speaker);
    }

    [Fact]
    public void Sherman_says_non_starters_and_unachievable()
    {
        Assert.Equal("Wendy Sherman", Assert.Single(Doc("000").Quotes, q => q.Text == "simply non-starters.").Speaker);
        Assert.Equal("Wendy Sherman", Assert.Single(Doc("004").Quotes, q => q.Text == "simply unachievable.").Speaker);
        Assert.Equal("Wendy Sherman", Assert.Single(Doc("001").Quotes, q => q.Text == "They may not even know yet").Speaker);
        Assert.Equal("Wendy Sherman", Assert.Single(Doc("003").Quotes, q => q.Text.StartsWith("We were firm", StringComparison.Ordinal)).Speaker);
    }

    [Fact]
    public void Shermans_role_differs_between_the_spun_copies()
    {
        Assert.Contains(Doc("000").People, p => p.Name == "Wendy Sherman" && p.Role == "deputy secretary of state");
        Assert.Contains(Doc("004").People, p => p.Name == "Wendy Sherman" && p.Role == "assistant secretary of state");
        Assert.Contains(Doc("003").People, p => p.Name == "Wendy Sherman" && p.Role == "deputy secretary of state" && p.Nationality == "us");
    }

    [Fact]
    public void Incomplete_names_take_the_full_name_of_the_story_and_full_names_stay_as_printed()
    {
        Assert.Contains(Doc("004").People, p => p.Surface == "Aleksandr V. Grushko" && p.Name == "Aleksandr Grushko");
        Assert.Contains(Doc("001").People, p => p.Surface == "Alexander Grushko" && p.Name == "Alexander Grushko");
        Assert.Contains(Doc("004").People, p => p.Surface == "Vladimir V. Putin" && p.Name == "Vladimir Putin");
        Assert.Contains(Doc("003").People, p => p.Surface == "Mr Putin" && p.Name == "Vladimir Putin");
        Assert.Contains(Doc("003").People, p => p.Surface == "Ms Sherman" && p.Name == "Wendy Sherman");
        Assert.Contains(Doc("001").People, p => p.Name == "Dmitry Peskov" && p.Role == "kremlin spokesman");
    }

    [Fact]
    public void Names_do_not_merge_across_documents_that_do_not_belong_together()
    {
        var pipeline = new TextPipeline();
        var docs = new[]
        {
            pipeline.Process(new SourceDocument("a", "Quentin Davies, the defence minister, visited the base on Monday.")),
            pipeline.Process(new SourceDocument("b", "\"We will appeal,\" Mr Davies said after the hearing in Cardiff.")),
        };
        var alone = ClaimExtractor.ExtractAll(docs);
        Assert.Equal("Davies", Assert.Single(alone[1].Quotes).Speaker);

        var story = new DocumentGroups();
        story.Link("a", "b");
        Assert.Equal("Quentin Davies", Assert.Single(ClaimExtractor.ExtractAll(docs, story)[1].Quotes).Speaker);
    }

    [Fact]
    public void Places_and_organisations_are_never_people()
    {
        string[] notPeople = ["NATO", "Brussels", "Kremlin", "White House", "Moscow", "Ukraine", "Russia"];
        foreach (var doc in All.Value.Values)
        {
            Assert.DoesNotContain(doc.People, p => notPeople.Contains(p.Name));
        }
    }

    [Fact]
    public void Every_span_indexes_the_original_text()
    {
        foreach (var doc in All.Value.Values)
        {
            var text = doc.Source!.OriginalText;
            Assert.All(doc.Figures, f => Assert.Equal(f.Text, text[f.Start..f.End]));
            Assert.All(doc.Quotes, q => Assert.Equal(q.Text, text[q.Start..q.End]));
            Assert.All(doc.People, p => Assert.Equal(p.Surface, text[p.Start..p.End]));
        }
    }
}
