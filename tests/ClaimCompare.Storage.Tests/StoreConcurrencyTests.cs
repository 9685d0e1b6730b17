using ClaimCompare.Core.Comparison;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Storage.Tests;

/// <summary>
/// Many writers at once through several store instances on one database (each with its own connection pool, as separate
/// service processes have): nothing lost, nothing stored twice, exactly one winner per version.
/// </summary>
public class StoreConcurrencyTests
{
    private const int Instances = 4;
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<List<IClaimStore>> OpenInstancesAsync(TestStore db)
    {
        var stores = new List<IClaimStore>();
        for (var i = 0; i < Instances; i++)
        {
            stores.Add(await db.OpenMigratedAsync());
        }

        return stores;
    }

    /// <summary>Starts every call together (after a common gate opens), on the thread pool.</summary>
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await call(i);
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Of_many_concurrent_ingests_of_one_article_exactly_one_stores_it_and_the_rest_are_duplicates(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var stores = await OpenInstancesAsync(db);
        var document = TestDocuments.Document("d1", storyKey: "border", findings: TestDocuments.Conflict("d1", "troops"));

        var outcomes = await RaceAsync(32, i => stores[i % Instances].IngestAsync(document, None));

        Assert.Single(outcomes, o => !o.Duplicate);
        Assert.All(outcomes, o => Assert.Equal(("d1", outcomes[0].StoryId), (o.DocumentId, o.StoryId)));
        Assert.Single(outcomes.SelectMany(o => o.CreatedReviewItems));
        foreach (var table in new[] { "documents", "passages", "signatures", "stories", "findings", "review_items", "review_evidence", "review_audit" })
        {
            Assert.Equal(1L, db.Count(table));
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Concurrent_ingests_into_one_new_story_lose_nothing_and_share_one_story_and_one_review_item(StoreKind kind)
    {
        const int Documents = 40;
        await using var db = await TestStore.CreateAsync(kind);
        var stores = await OpenInstancesAsync(db);

        // Every article raises the same conflict (one topic) with its own claim; the story key is new to all of them.
        var outcomes = await RaceAsync(Documents, i => stores[i % Instances].IngestAsync(
            TestDocuments.Document($"d{i:00}", storyKey: "border", findings: TestDocuments.Conflict($"d{i:00}", "troops near the border", i)), None));

        Assert.All(outcomes, o => Assert.False(o.Duplicate));
        Assert.Single(outcomes.Select(o => o.StoryId).Distinct());
        var item = Assert.Single(outcomes.SelectMany(o => o.CreatedReviewItems));
        Assert.Equal(Documents - 1, outcomes.Count(o => o.UpdatedReviewItems.SequenceEqual([item])));
        Assert.Equal(Documents, db.Count("documents"));
        Assert.Equal(1L, db.Count("stories"));
        Assert.Equal(1L, db.Count("review_items"));
        var detail = await stores[0].GetReviewItemAsync(item, None);
        Assert.NotNull(detail);
        Assert.Equal(Documents, detail.Evidence.Count);
        Assert.Equal(Documents, detail.Item.Version);
        Assert.Equal(["created", .. Enumerable.Repeat("evidence-added", Documents - 1)], detail.Audit.Select(a => a.Action));
        // Each audit entry's before-image is the previous entry's after-image: no change was applied on a stale read.
        for (var i = 1; i < detail.Audit.Count; i++)
        {
            Assert.Equal(detail.Audit[i - 1].After, detail.Audit[i].Before);
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Concurrent_findings_on_one_disputed_claim_with_different_topics_attach_to_one_item(StoreKind kind)
    {
        const int Documents = 24;
        await using var db = await TestStore.CreateAsync(kind);
        var stores = await OpenInstancesAsync(db);
        await stores[0].IngestAsync(TestDocuments.Document("d00", storyKey: "border"), None);

        // Each later article disputes d00's claim under a topic worded its own way (as the aligner words it from the
        // sources it saw): serially the first opens an item and the rest find it by the claim it holds.
        var outcomes = await RaceAsync(Documents, i => stores[i % Instances].IngestAsync(
            TestDocuments.Document($"d{i + 1:00}", storyKey: "border", findings: new Finding(FindingKind.Conflict, $"troops, as outlet {i} has it", 0.7,
                [TestDocuments.Evidence("d00", 0), TestDocuments.Evidence($"d{i + 1:00}", 5)])), None));

        Assert.Single(outcomes.SelectMany(o => o.CreatedReviewItems));
        Assert.Equal(1L, db.Count("review_items"));
        Assert.Equal(Documents + 1L, db.Count("review_evidence"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Of_concurrent_decisions_on_one_version_exactly_one_wins_and_the_rest_conflict(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var stores = await OpenInstancesAsync(db);
        var item = Assert.Single((await stores[0].IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops")), None)).CreatedReviewItems);

        for (var round = 0; round < 5; round++)
        {
            var version = (await stores[0].GetReviewItemAsync(item, None))!.Item.Version;
            var updates = await RaceAsync(16, i => i % 3 == 0
                ? stores[i % Instances].AssignAsync(item, $"reviewer {i}", version, $"racer {i}", None)
                : stores[i % Instances].DecideAsync(item, i % 2 == 0 ? ReviewStatus.Confirmed : ReviewStatus.Dismissed, $"racer {i} round {round}", version, $"racer {i}", None));

            var winner = Assert.Single(updates, u => u.Outcome == UpdateOutcome.Updated);
            Assert.Equal(version + 1, winner.Item!.Version);
            Assert.Equal(15, updates.Count(u => u.Outcome == UpdateOutcome.VersionMismatch));
            Assert.All(updates.Where(u => u.Outcome == UpdateOutcome.VersionMismatch), u => Assert.True(u.Item!.Version > version));
        }

        var detail = await stores[1].GetReviewItemAsync(item, None);
        Assert.Equal(1 + 5, detail!.Item.Version);
        Assert.Equal(1 + 5, detail.Audit.Count);
        for (var i = 1; i < detail.Audit.Count; i++)
        {
            Assert.Equal(detail.Audit[i - 1].After, detail.Audit[i].Before);
        }
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Decisions_racing_ingests_that_add_evidence_lose_no_change(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var stores = await OpenInstancesAsync(db);
        var item = Assert.Single((await stores[0].IngestAsync(
            TestDocuments.Document("d00", storyKey: "border", findings: TestDocuments.Conflict("d00", "troops")), None)).CreatedReviewItems);
        // 20 ingests add evidence while 20 reviewers each decide once, on the version they read, reading again
        // after each conflict until their decision goes in.
        await RaceAsync(40, async i =>
        {
            if (i % 2 == 0)
            {
                await stores[i % Instances].IngestAsync(
                    TestDocuments.Document($"d{i + 1:00}", storyKey: "border", findings: TestDocuments.Conflict($"d{i + 1:00}", "troops", i)), None);
                return 0;
            }

            for (var attempt = 0; attempt < 100; attempt++)
            {
                var read = await stores[i % Instances].GetReviewItemAsync(item, None);
                var update = await stores[i % Instances].DecideAsync(item, ReviewStatus.Confirmed, $"reviewer {i}", read!.Item.Version, $"reviewer {i}", None);
                if (update.Outcome == UpdateOutcome.Updated)
                {
                    return 0;
                }

                Assert.Equal(UpdateOutcome.VersionMismatch, update.Outcome);
            }

            throw new InvalidOperationException($"reviewer {i} never got a decision in");
        });

        var detail = await stores[0].GetReviewItemAsync(item, None);
        Assert.NotNull(detail);
        Assert.Equal(21, detail.Evidence.Count);
        // Every change bumped the version once and left one audit entry, whichever way they interleaved.
        Assert.Equal(1 + 20 + 20, detail.Item.Version);
        Assert.Equal(1 + 20 + 20, detail.Audit.Count);
        Assert.Equal(20, detail.Audit.Count(a => a.Action == "decided"));
        Assert.Equal(20, detail.Audit.Count(a => a.Action == "evidence-added"));
        for (var i = 1; i < detail.Audit.Count; i++)
        {
            Assert.Equal(detail.Audit[i - 1].After, detail.Audit[i].Before);
        }
    }
}
