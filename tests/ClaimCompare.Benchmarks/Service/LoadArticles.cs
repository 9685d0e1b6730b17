using System.Globalization;
using System.Text.Json;
using ClaimCompare.Benchmarks.Comparison;
using ClaimCompare.Benchmarks.Similarity;
using ClaimCompare.Core.Tests.Similarity.Support;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Benchmarks.Service;

/// <summary>One pre-serialised <c>POST /api/documents</c> body of the load stream.</summary>
/// <param name="Position">Position in the stream (the order clients take articles in).</param>
/// <param name="IsStory">True for a <see cref="StoryCorpus"/> article sent with a client story key.</param>
/// <param name="StoryKey">The client story key (story articles only).</param>
/// <param name="Body">UTF-8 JSON, ready to send.</param>
/// <param name="ExpectedPassages">Passages the corpus generator put in it (an estimate of what the server will split).</param>
/// <param name="CorpusIndex">Its index in its corpus (<see cref="SyndicationCorpus"/> for bulk, <see cref="StoryCorpus"/> for story articles).</param>
internal sealed record LoadArticle(int Position, bool IsStory, string? StoryKey, byte[] Body, int ExpectedPassages, int CorpusIndex);

/// <summary>The stream and the bulk corpus's truth.</summary>
/// <param name="Articles">In the order clients take them.</param>
/// <param name="RelatedBulk">Pairs (lower, higher) of bulk corpus indexes whose documents share sentences of one original: an original and its copies, or two copies of one original.</param>
/// <param name="Bulk">The bulk corpus itself: its documents (a bulk article's <see cref="LoadArticle.CorpusIndex"/> indexes them) and its passage-level truth, <see cref="SyndicationCorpus.TruePairs"/>.</param>
internal sealed record LoadStream(List<LoadArticle> Articles, HashSet<(int, int)> RelatedBulk, SyndicationCorpus Bulk);

/// <summary>
/// The load driver's article stream, generated in full before any request is timed: bulk articles from
/// <see cref="SyndicationCorpus"/> (unrelated originals plus outlet copies with known edits) interleaved with
/// story articles from <see cref="StoryCorpus"/> (the fixtures reworked, with a few figures changed), which carry
/// a client story key so the server's claim aligner compares them and fills the review queue.
/// </summary>
/// <remarks>
/// Interleaving is deterministic: position n is a story article when floor((n + 1) * p / 100) &gt; floor(n * p / 100)
/// for the story percentage p, so story articles are spread evenly through the stream. Story articles are dealt
/// round-robin to <see cref="ConcurrentStories"/> open story keys; a key takes <c>storySize</c> articles and then
/// closes, so each key's articles arrive spread over a stretch of the run and later ones attach evidence to the
/// review items earlier ones opened.
/// </remarks>
internal static class LoadArticles
{
    /// <summary>Story keys open at the same time.</summary>
    public const int ConcurrentStories = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Body(string Source, string Url, DateTimeOffset Published, string Title, string Text, string? Story);

    public static LoadStream Generate(int count, int storyPercent, int storySize)
    {
        var storyCount = 0;
        for (var n = 0; n < count; n++)
        {
            storyCount += IsStoryPosition(n, storyPercent) ? 1 : 0;
        }

        var fixtureFolder = FixtureReport.FindFixtures();
        var bulk = SyndicationCorpus.Generate(count - storyCount, fixtureFolder);
        // The fixtures loaded the way StoryEvaluation loads them (sources.json, the real text pipeline).
        var stories = StoryCorpus.Generate(storyCount, PipelineDocuments.LoadFixtures(fixtureFolder));

        var articles = new List<LoadArticle>(count);
        int nextBulk = 0, nextStory = 0;
        for (var n = 0; n < count; n++)
        {
            if (IsStoryPosition(n, storyPercent))
            {
                var j = nextStory++;
                var key = "load-story-" + StoryKeyIndex(j, storySize).ToString("D4", CultureInfo.InvariantCulture);
                articles.Add(Story(n, j, key, stories.Documents[j]));
            }
            else
            {
                var d = nextBulk++;
                articles.Add(Bulk(n, d, bulk.Documents[d]));
            }
        }

        var related = new HashSet<(int, int)>();
        foreach (var (a, _, b, _) in bulk.TruePairs)
        {
            related.Add((Math.Min(a, b), Math.Max(a, b)));
        }

        return new LoadStream(articles, related, bulk);
    }

    private static bool IsStoryPosition(int n, int percent) => (long)(n + 1) * percent / 100 > (long)n * percent / 100;

    /// <summary>Story article j goes to one of <see cref="ConcurrentStories"/> keys open at once, round-robin.</summary>
    private static int StoryKeyIndex(int j, int storySize)
    {
        var block = j / (storySize * ConcurrentStories);
        return block * ConcurrentStories + j % ConcurrentStories;
    }

    private static LoadArticle Bulk(int position, int index, ProcessedDocument document)
    {
        var outlet = Outlet(document.Outlet);
        var date = document.Date ?? new DateOnly(2022, 1, 1);
        // SyndicationCorpus dates 200 documents per day; spread them over the day.
        var published = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(index % 200 * 1440 / 200);
        var body = new Body(
            outlet,
            Url(outlet, date, document.Id),
            published,
            Title(document),
            document.OriginalText,
            null);
        return new LoadArticle(position, false, null, JsonSerializer.SerializeToUtf8Bytes(body, Json), document.Passages.Count, index);
    }

    private static LoadArticle Story(int position, int index, string key, ProcessedDocument document)
    {
        var outlet = Outlet(document.Outlet);
        var date = document.Date ?? new DateOnly(2022, 1, 10);
        var published = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(6 + index % 14).AddMinutes(index % 60);
        var body = new Body(
            outlet,
            Url(outlet, date, key + "-" + document.Id),
            published,
            Title(document),
            document.OriginalText,
            key);
        return new LoadArticle(position, true, key, JsonSerializer.SerializeToUtf8Bytes(body, Json), document.Passages.Count, index);
    }

    /// <summary>One spelling of an outlet across both corpora ("outlet-7" and "outlet-07" are the same outlet).</summary>
    private static string Outlet(string? outlet)
    {
        const string Prefix = "outlet-";
        return outlet is not null && outlet.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(outlet.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Prefix + number.ToString("D2", CultureInfo.InvariantCulture)
            : outlet ?? "outlet-unknown";
    }

    private static string Url(string outlet, DateOnly date, string slug) =>
        $"https://{outlet}.example/{date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/{slug}";

    /// <summary>A headline: the first sentence's first words (the title is a field of its own, not part of the text).</summary>
    private static string Title(ProcessedDocument document)
    {
        var first = document.Passages.Count > 0 ? document.Passages[0].Text : document.Id;
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var title = string.Join(' ', words.Take(10)).TrimEnd('.', ',', ';', ':');
        return title.Length == 0 ? document.Id : title;
    }
}
