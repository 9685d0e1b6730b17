using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Tests.Similarity;

public class NearDuplicateEngineTests
{
    private const string Wire =
        "Russia and NATO officials acknowledged on Wednesday that they were still far from a deal after four hours of talks in Brussels. " +
        "Allies called on Moscow to immediately de-escalate the situation near the Ukrainian border where troops have gathered.";

    private static readonly TextPipeline Pipeline = new();

    private static ProcessedDocument Document(string id, string text, string? outlet = null) =>
        Pipeline.Process(new SourceDocument(id, text) { Outlet = outlet });

    private static List<ProcessedDocument> FixtureDocuments() =>
        [.. Directory.GetFiles(Fixtures.RussiaNato2022, "*.txt").Order(StringComparer.Ordinal)
            .Select(path => Document(Path.GetFileName(path)[..3], File.ReadAllText(path)))];

    private static List<string> Links(NearDuplicateEngine engine, ProcessedDocument document) =>
        [.. engine.QueryDocument(engine.Prepare(document)).Links
            .Select(l => $"{l.Passage}->{l.Other.Document}#{l.Other.Passage.Index}:{l.Kind}:{l.Scores.Confidence:0.0000}")];

    [Fact]
    public void A_query_finds_the_inserted_copy_and_a_delete_takes_it_back()
    {
        var engine = new NearDuplicateEngine();
        engine.Insert(Document("a", "An opening line of our own about the weather today.\n\n" + Wire));
        var copy = engine.Prepare(Document("b", "A different opening sentence written by another outlet.\n\n" + Wire));

        var matches = engine.QueryDocument(copy);

        Assert.Equal(2, matches.Links.Count);
        Assert.All(matches.Links, l => Assert.Equal(MatchKind.Verbatim, l.Kind));
        Assert.All(matches.Links, l => Assert.Equal("a", l.Other.Document));
        var single = engine.Query(copy.Passages[^1], "b");
        Assert.Contains(single.CopyCandidates, c => c.Document == "a");
        Assert.Single(single.Links);

        Assert.True(engine.Delete("a"));
        Assert.Empty(engine.QueryDocument(copy).Links);
        Assert.Equal(0, engine.State.PassageCount);
        Assert.Equal(0, engine.State.Words.PassageCount);
        Assert.False(engine.Delete("a"));
    }

    [Fact]
    public void Deleting_the_first_copy_keeps_the_later_copies_findable()
    {
        var engine = new NearDuplicateEngine();
        engine.Insert(Document("a", Wire));
        engine.Insert(Document("b", Wire));
        engine.Delete("a");

        var links = engine.QueryDocument(engine.Prepare(Document("c", Wire))).Links;

        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal("b", l.Other.Document));
    }

    [Fact]
    public void Every_document_in_one_batch_gives_the_state_of_the_batch_detector_and_inserting_one_by_one_the_same_links_on_the_fixtures()
    {
        var documents = FixtureDocuments();
        var batch = new NearDuplicateEngine();
        batch.InsertRange(documents[..^1]);
        var oneByOne = new NearDuplicateEngine();
        foreach (var document in documents[..^1])
        {
            oneByOne.Insert(document);
        }

        var links = Links(batch, documents[^1]);
        Assert.NotEmpty(links);
        Assert.Equal(links, Links(oneByOne, documents[^1]));
    }

    [Fact]
    public void A_restored_snapshot_answers_as_the_engine_it_was_taken_from()
    {
        var documents = FixtureDocuments();
        var engine = new NearDuplicateEngine();
        foreach (var document in documents[..^1])
        {
            engine.Insert(document);
        }

        engine.Insert(Document("x", Wire, "Outlet X"));
        engine.Insert(Document("y", Wire, "Outlet Y"));
        engine.Delete("x");
        using var saved = new MemoryStream();
        engine.Snapshot(saved);

        saved.Position = 0;
        var restored = new NearDuplicateEngine();
        restored.Restore(saved);

        Assert.Equal(engine.State.PassageCount, restored.State.PassageCount);
        Assert.Equal(engine.State.Words.PassageCount, restored.State.Words.PassageCount);
        foreach (var probe in (ProcessedDocument[])[documents[^1], Document("z", Wire, "Outlet Z")])
        {
            var expected = Links(engine, probe);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Links(restored, probe));
        }

        using var again = new MemoryStream();
        restored.Snapshot(again);
        Assert.Equal(saved.ToArray(), again.ToArray());
    }

    [Fact]
    public void A_snapshot_of_other_schemes_or_no_snapshot_is_refused()
    {
        var engine = new NearDuplicateEngine();
        engine.Insert(Document("a", Wire));
        using var saved = new MemoryStream();
        engine.Snapshot(saved);

        saved.Position = 0;
        Assert.Throws<SchemeMismatchException>(() => new NearDuplicateEngine(DedupOptions.Default with { ShingleSize = 4 }).Restore(saved));
        Assert.Throws<InvalidDataException>(() => new NearDuplicateEngine().Restore(new MemoryStream([1, 2, 3])));
        saved.Position = 0;
        Assert.Throws<InvalidOperationException>(() => engine.Restore(saved));
    }
}
