using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using ClaimCompare.Server.Tests.Review;
using ClaimCompare.Server.Tests.Support;
using ClaimCompare.Storage;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Server.Tests;

public class ConcurrencyTests
{
    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Parallel_ingest_loses_nothing_and_stores_repeats_and_shared_items_once(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var client = app.Client(TestApp.IngestKey);
        const int Distinct = 40;

        // Every article is sent twice at once, and all raise the same conflict in one story.
        var tasks = Enumerable.Range(0, Distinct * 2).Select(i => Task.Run(async () =>
        {
            var n = i % Distinct;
            var article = Articles.Article($"Outlet {n}",
                $"Outlet {n} wrote article number {n} with [[conflict|troops near the border|{n}]] in it today.\n\n{Articles.WireCopy}", story: "border");
            var response = await TestApp.IngestAsync(client, article);
            return (n, response.StatusCode, (await TestApp.JsonAsync(response)).GetProperty("id").GetString());
        })).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(Distinct, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.GroupBy(r => r.n), g => Assert.Single(g.Select(r => r.Item3).Distinct()));
        Assert.Equal(Distinct, TestApp.Count(app.DatabasePath, "documents"));
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "review_items"));
        Assert.Equal(Distinct, TestApp.Count(app.DatabasePath, "review_evidence"));
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "stories"));
        // Each new copy of the two wire sentences links to every earlier one (up to the per-passage cap).
        Assert.True(TestApp.Count(app.DatabasePath, "near_duplicates") >= 2 * (Distinct - 1));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Of_racing_decisions_with_the_same_ETag_exactly_one_wins_and_the_rest_get_412(StoreKind backend)
    {
        await using var app = TestApp.Start(backend: backend);
        using var ingest = app.Client(TestApp.IngestKey);
        using var alice = app.Client(TestApp.ReviewerKey);
        using var bob = app.Client(TestApp.SecondReviewerKey);
        var created = await TestApp.JsonAsync(await TestApp.IngestAsync(ingest, ReviewApiTests.Marked("Outlet A", "conflict", "troops", "1")));
        var id = ReviewApiTests.CreatedItemId(created);

        for (var round = 0; round < 5; round++)
        {
            var (etag, _) = await ReviewApiTests.ReadAsync(alice, id);
            var racers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
                (i % 2 == 0 ? alice : bob).SendAsync(ReviewApiTests.Post(id, "decision",
                    new { status = i % 2 == 0 ? "confirmed" : "dismissed", note = $"racer {i} round {round}" }, etag)))).ToList();
            var responses = await Task.WhenAll(racers);

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        }

        var (_, json) = await ReviewApiTests.ReadAsync(alice, id);
        // One audit entry per winning decision: no update was lost and none was applied twice.
        Assert.Equal(1 + 5, json.GetProperty("audit").GetArrayLength());
        Assert.Equal(6, json.GetProperty("item").GetProperty("version").GetInt64());
    }
}

/// <summary>The analysis runs outside the ingest lock; what is committed meanwhile must still be seen.</summary>
public class ConcurrentAnalysisTests
{
    private const string Original =
        "Russia has amassed close to 100,000 troops near the border with Ukraine, according to Western officials who briefed reporters in Brussels.\n\n"
        + "About 3,000 troops began drills in the southern Rostov region on Tuesday, the defence ministry in Moscow said.";

    private const string Copy =
        "Russia has amassed close to 100,000 troops near the border with Ukraine, according to Western officials who briefed reporters in Brussels.\n\n"
        + "About 10,000 troops began drills in the southern Rostov region on Tuesday, the defence ministry in Moscow said.";

    [Fact]
    public async Task A_copy_committed_while_an_article_is_analysed_is_found_by_the_revision_under_the_lock()
    {
        var holding = new HoldingAnalyzer();
        await using var app = TestApp.Start(withMarkerFindings: false, services: s =>
        {
            s.AddSingleton<CoreDocumentAnalyzer>();
            s.AddSingleton<IDocumentAnalyzer>(p => holding.Wrap(p.GetRequiredService<CoreDocumentAnalyzer>()));
        });
        using var client = app.Client(TestApp.IngestKey);

        // The first article is analysed against an empty store and then held before the lock ...
        var first = Task.Run(async () => await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet A", Original))));
        await holding.Analysed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // ... while its copy, with another figure, is ingested and committed.
        var copy = await TestApp.JsonAsync(await TestApp.IngestAsync(client, Articles.Article("Outlet B", Copy)));
        Assert.Empty(copy.GetProperty("nearDuplicates").EnumerateArray());
        holding.Release.SetResult();
        var held = await first.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, holding.Revisions);
        var copyId = copy.GetProperty("id").GetString();
        Assert.Contains(held.GetProperty("nearDuplicates").EnumerateArray(), e => e.GetProperty("otherDocument").GetString() == copyId);
        var conflict = Assert.Single(held.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "conflict");
        var evidence = conflict.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("claim").GetProperty("text").GetString()).ToList();
        Assert.Contains(evidence, t => t!.Contains("3,000", StringComparison.Ordinal));
        Assert.Contains(evidence, t => t!.Contains("10,000", StringComparison.Ordinal));
        Assert.Equal(1, TestApp.Count(app.DatabasePath, "review_items WHERE kind = 'conflict'"));
    }

    /// <summary>Holds the first analysis after it ran, until released, and counts revisions.</summary>
    private sealed class HoldingAnalyzer
    {
        private int _analyses;
        private int _revisions;

        public TaskCompletionSource Analysed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Revisions => Volatile.Read(ref _revisions);

        public IDocumentAnalyzer Wrap(CoreDocumentAnalyzer inner) => new Wrapper(this, inner);

        private sealed class Wrapper(HoldingAnalyzer owner, CoreDocumentAnalyzer inner) : IConcurrentDocumentAnalyzer, IDocumentPreparer, IStatefulAnalyzer
        {
            public Task RebuildAsync(IAsyncEnumerable<ClaimCompare.Storage.StoredDocument> documents, CancellationToken cancellationToken) => inner.RebuildAsync(documents, cancellationToken);

            public void Committed(IngestAnalysis analysis) => inner.Committed(analysis);

            public void Deleted(ClaimCompare.Storage.StoredDocument document) => inner.Deleted(document);

            public AnalyzerCapabilities Capabilities => inner.Capabilities;

            public Task PrepareAsync(SourceDocument document, CancellationToken cancellationToken) => inner.PrepareAsync(document, cancellationToken);

            public async Task<IngestAnalysis> AnalyzeAsync(SourceDocument document, IAnalysisContext context, CancellationToken cancellationToken)
            {
                var analysis = await inner.AnalyzeAsync(document, context, cancellationToken);
                if (Interlocked.Increment(ref owner._analyses) == 1)
                {
                    owner.Analysed.SetResult();
                    await owner.Release.Task.WaitAsync(cancellationToken);
                }

                return analysis;
            }

            public Task<IngestAnalysis> ReviseAsync(
                SourceDocument document, IngestAnalysis analysis, IReadOnlyList<CommittedChange> changes, IAnalysisContext context, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._revisions);
                return inner.ReviseAsync(document, analysis, changes, context, cancellationToken);
            }
        }
    }
}
