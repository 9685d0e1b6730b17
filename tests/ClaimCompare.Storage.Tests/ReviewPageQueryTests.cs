using ClaimCompare.Core.Comparison;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Storage.Tests;

/// <summary>
/// The store's contract for what the review pages read (filters by kind, outlet and date, open-first order, counts by
/// status, outlets, assignees, evidence with its documents) and for the write probe, on SQLite and PostgreSQL alike.
/// </summary>
public class ReviewPageQueryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static DateTimeOffset Day(int day) => new(2022, 2, day, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Four items in one story: d1 (Alpha, 1 Feb) a conflict; d2 (Beta, 10 Feb) a quote variant; d3 (Alpha, 20 Feb) a
    /// conflict; d4 (Gamma, no date) a role conflict. The second is confirmed, the third assigned to bob, the first to amy.
    /// </summary>
    private static async Task<long[]> SeedAsync(IClaimStore store)
    {
        var documents = new[]
        {
            (Id: "d1", Source: "Alpha", Published: (DateTimeOffset?)Day(1), Finding: TestDocuments.Conflict("d1", "troops")),
            ("d2", "Beta", Day(10), TestDocuments.Conflict("d2", "the minister said") with { Kind = FindingKind.QuoteVariant }),
            ("d3", "Alpha", Day(20), TestDocuments.Conflict("d3", "casualties")),
            ("d4", "Gamma", null, TestDocuments.Conflict("d4", "minister Jones") with { Kind = FindingKind.RoleConflict }),
        };
        var ids = new List<long>();
        foreach (var (id, source, published, finding) in documents)
        {
            var outcome = await store.IngestAsync(
                TestDocuments.Document(id, findings: finding) with { Source = source, Published = published, Title = "Headline " + id }, None);
            ids.Add(Assert.Single(outcome.CreatedReviewItems));
        }

        Assert.Equal(UpdateOutcome.Updated, (await store.DecideAsync(ids[1], ReviewStatus.Confirmed, "checked", 1, "rev", None)).Outcome);
        Assert.Equal(UpdateOutcome.Updated, (await store.AssignAsync(ids[2], "bob", 1, "rev", None)).Outcome);
        Assert.Equal(UpdateOutcome.Updated, (await store.AssignAsync(ids[0], "amy", 1, "rev", None)).Outcome);
        return [.. ids];
    }

    private static ReviewQuery All(int pageSize = 50) => new(null, null, null, 1, pageSize);

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task The_queue_filters_by_kind_outlet_and_publication_date(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var ids = await SeedAsync(store);

        async Task<long[]> Ids(ReviewQuery query)
        {
            var page = await store.ListReviewItemsAsync(query, None);
            Assert.Equal(page.Items.Count, page.Total);
            return [.. page.Items.Select(i => i.Id)];
        }

        Assert.Equal([ids[0], ids[2]], await Ids(All() with { Kind = "conflict" }));
        Assert.Equal([ids[1]], await Ids(All() with { Kind = "quote-variant" }));
        Assert.Equal([ids[0], ids[2]], await Ids(All() with { Outlet = "Alpha" }));
        Assert.Empty(await Ids(All() with { Outlet = "alpha" }));
        // From is inclusive, To exclusive; an undated document matches no date filter.
        Assert.Equal([ids[1], ids[2]], await Ids(All() with { From = Day(10) }));
        Assert.Equal([ids[0]], await Ids(All() with { To = Day(10) }));
        Assert.Equal([ids[1]], await Ids(All() with { From = Day(5), To = Day(15) }));
        Assert.Equal([ids[2]], await Ids(All() with { Outlet = "Alpha", From = Day(5) }));
        Assert.Equal([ids[2]], await Ids(All() with { Kind = "conflict", Assignee = "bob" }));
        Assert.Empty(await Ids(All() with { Kind = "conflict", Status = ReviewStatus.Confirmed }));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Open_first_puts_decided_items_last_and_pages_in_that_order(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var ids = await SeedAsync(store);
        Assert.Equal(UpdateOutcome.Updated, (await store.DecideAsync(ids[0], ReviewStatus.NeedsInfo, null, 2, "rev", None)).Outcome);
        Assert.Equal(UpdateOutcome.Updated, (await store.DecideAsync(ids[3], ReviewStatus.InProgress, null, 1, "rev", None)).Outcome);

        // Statuses now: 0 needs-info, 1 confirmed, 2 open, 3 in-progress.
        var plain = await store.ListReviewItemsAsync(All(), None);
        var first = await store.ListReviewItemsAsync(All(2) with { OpenFirst = true }, None);
        var second = await store.ListReviewItemsAsync(All(2) with { OpenFirst = true, Page = 2 }, None);
        var past = await store.ListReviewItemsAsync(All(2) with { OpenFirst = true, Page = 3 }, None);

        Assert.Equal(ids, plain.Items.Select(i => i.Id));
        Assert.Equal([ids[2], ids[3]], first.Items.Select(i => i.Id));
        Assert.Equal([ids[0], ids[1]], second.Items.Select(i => i.Id));
        Assert.Empty(past.Items);
        Assert.Equal(4, past.Total);
        Assert.All(first.Items.Concat(second.Items), i => Assert.Equal(1, i.EvidenceCount));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Counts_by_status_ignore_the_status_filter_but_keep_the_others(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        await SeedAsync(store);

        var all = await store.CountReviewItemsByStatusAsync(All() with { Status = ReviewStatus.Confirmed }, None);
        var alpha = await store.CountReviewItemsByStatusAsync(All() with { Outlet = "Alpha" }, None);

        Assert.Equal(ReviewStatus.All.Order(StringComparer.Ordinal), all.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, all[ReviewStatus.Open]);
        Assert.Equal(1, all[ReviewStatus.Confirmed]);
        Assert.Equal(0, all[ReviewStatus.Dismissed]);
        Assert.Equal(2, alpha[ReviewStatus.Open]);
        Assert.Equal(0, alpha[ReviewStatus.Confirmed]);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Outlets_and_assignees_are_distinct_and_sorted(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        Assert.Empty(await store.ListSourcesAsync(None));
        Assert.Empty(await store.ListAssigneesAsync(None));

        await SeedAsync(store);

        Assert.Equal(["Alpha", "Beta", "Gamma"], await store.ListSourcesAsync(None));
        Assert.Equal(["amy", "bob"], await store.ListAssigneesAsync(None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Evidence_comes_with_its_documents_headers_and_outlives_a_deleted_document(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var ids = await SeedAsync(store);
        // A second article on the first conflict's claim extends that item.
        var extended = await store.IngestAsync(
            TestDocuments.Document("d5", findings: new Finding(FindingKind.Conflict, "troops", 0.8, [TestDocuments.Evidence("d1", 0), TestDocuments.Evidence("d5", 7)]))
                with { Source = "Delta", Published = Day(3) }, None);
        Assert.Equal([ids[0]], extended.UpdatedReviewItems);

        var evidence = await store.GetReviewEvidenceAsync([ids[0], ids[3], 999_999], None);
        Assert.Equal([ids[0], ids[3]], evidence.Keys.Order());
        Assert.Equal(["d1", "d5"], evidence[ids[0]].Select(e => e.Document));
        var d1 = evidence[ids[0]][0];
        Assert.Equal(("Alpha", Day(1), "https://example.org/d1", "Headline d1"), (d1.Outlet, d1.Published, d1.Url, d1.Title));
        Assert.Equal(("Gamma", (DateTimeOffset?)null), (evidence[ids[3]][0].Outlet, evidence[ids[3]][0].Published));
        Assert.Empty(await store.GetReviewEvidenceAsync([], None));

        var headers = await store.GetDocumentHeadersAsync(["d1", "d4"], None);
        Assert.Equal([("d1", "https://example.org/d1", "Headline d1"), ("d4", "https://example.org/d4", "Headline d4")],
            headers.Select(h => (h.Id, h.Url, h.Title)));

        Assert.True(await store.DeleteDocumentAsync("d1", None));
        var after = await store.GetReviewEvidenceAsync([ids[0]], None);
        var detail = await store.GetReviewItemAsync(ids[0], None);
        Assert.Equal(["d1", "d5"], after[ids[0]].Select(e => e.Document));
        Assert.Null(after[ids[0]][0].Outlet);
        Assert.Equal("Delta", after[ids[0]][1].Outlet);
        Assert.Equal([null, "Delta"], detail!.Evidence.Select(e => e.Outlet));
        // The outlet filter follows the documents: with d1 gone, only d3 is Alpha's.
        Assert.Equal([ids[2]], (await store.ListReviewItemsAsync(All() with { Outlet = "Alpha" }, None)).Items.Select(i => i.Id));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task The_write_probe_commits_and_changes_nothing_a_reader_sees(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        await store.IngestAsync(TestDocuments.Document("d1"), None);

        await store.ProbeWriteAsync(None);
        await store.ProbeWriteAsync(None);

        Assert.Equal(1L, db.Count("documents"));
        Assert.Equal(7L, db.Count("schema_version"));
        Assert.Equal(7, await store.MigrateAsync(None));
    }

    [PostgresFact]
    public async Task The_write_probe_fails_on_a_database_that_takes_no_writes()
    {
        await using var db = await TestStore.CreateAsync(StoreKind.Postgres);
        await db.OpenMigratedAsync();
        var readOnly = new Npgsql.NpgsqlConnectionStringBuilder(db.Location) { Options = "-c default_transaction_read_only=on" };
        await using var store = new Storage.Postgres.PostgresClaimStore(new Storage.Postgres.PostgresStoreOptions { ConnectionString = readOnly.ConnectionString });

        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => store.ProbeWriteAsync(None));
        Assert.Equal(Npgsql.PostgresErrorCodes.ReadOnlySqlTransaction, e.SqlState);
        Assert.Equal(7, await store.GetSchemaVersionAsync(None));
    }
}
