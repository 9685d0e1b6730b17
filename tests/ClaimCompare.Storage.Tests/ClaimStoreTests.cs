using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Text;
using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Storage.Tests;

/// <summary>The store's contract, run against SQLite and PostgreSQL alike: each case on a fresh database.</summary>
public class ClaimStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private sealed class FailAfter(string step) : IIngestStepHook
    {
        public void AfterStep(string stepName)
        {
            if (stepName == step)
            {
                throw new IOException("disk gone");
            }
        }
    }

    public static TheoryData<StoreKind, string> BackendsAndSteps()
    {
        var data = new TheoryData<StoreKind, string>();
        foreach (var step in new[] { "document", "passages", "signatures", "near-duplicates", "findings", "review-items" })
        {
            data.Add(StoreKind.Sqlite, step);
            if (PostgresTestDatabase.SkipReason is null)
            {
                data.Add(StoreKind.Postgres, step);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BackendsAndSteps))]
    public async Task An_ingest_failing_at_any_step_writes_nothing(StoreKind kind, string step)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync(new FailAfter(step));
        var first = await db.OpenMigratedAsync();
        await first.IngestAsync(TestDocuments.Document("d0", storyKey: "other"), None);
        var edge = new NearDuplicateEdge("d1", 0, new SourceSpan(0, 20, "First sentence here."), "d0", 0, new SourceSpan(0, 20, "First sentence here."), 1, 1, 1, "verbatim");

        await Assert.ThrowsAsync<IOException>(() =>
            store.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops")) with { NearDuplicates = [edge] }, None));

        foreach (var table in new[] { "documents", "passages", "signatures", "stories" })
        {
            Assert.Equal(1L, db.Count(table));
        }

        foreach (var table in new[] { "near_duplicates", "removed_spans", "findings", "review_items", "review_evidence", "review_audit" })
        {
            Assert.Equal(0L, db.Count(table));
        }

        // The failed ingest left nothing half-done behind: the same document goes in afterwards.
        var retried = await first.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops")) with { NearDuplicates = [edge] }, None);
        Assert.False(retried.Duplicate);
        Assert.Single(retried.CreatedReviewItems);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_repeated_content_hash_is_reported_as_a_duplicate_and_not_written(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();

        var first = await store.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops")), None);
        var second = await store.IngestAsync(TestDocuments.Document("d1", storyKey: "another story") with { Id = "other-id" }, None);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal("d1", second.DocumentId);
        Assert.Equal(first.StoryId, second.StoryId);
        Assert.Empty(second.CreatedReviewItems);
        Assert.Equal(1L, db.Count("documents"));
        Assert.Equal(1L, db.Count("stories"));
        Assert.Equal(1L, db.Count("findings"));
        Assert.Equal("d1", await store.FindByContentHashAsync("hash-d1", None));
        Assert.Null(await store.FindByContentHashAsync("hash-unknown", None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_document_is_read_back_with_its_metadata_passages_and_removed_spans(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        const string Text = "BRUSSELS -- Talks fail. Allies met in Genève on Wednesday.";
        var document = new NewDocument("d1", "hash-d1", "Outlet A", null, DateTimeOffset.Parse("2022-01-12T10:30:15+02:00", System.Globalization.CultureInfo.InvariantCulture),
            null, Text,
            [
                new Passage(0, 0, PassageKind.Heading, 12, 23, Text[12..23], "talks fail."),
                new Passage(1, 1, PassageKind.Sentence, 24, 58, Text[24..58], "allies met in geneve on wednesday."),
            ],
            [], [], [], new StoryTarget(null, null, "Talks"), "tester")
        {
            ClaimsJson = "{\"figures\":[]}",
            Removed = [new RemovedSpan(0, 12, "dateline", Text[..12])],
        };
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        var outcome = await store.IngestAsync(document, None);
        var stored = await store.GetDocumentAsync("d1", None);

        Assert.NotNull(stored);
        Assert.Equal(("d1", "hash-d1", "Outlet A", (string?)null, (string?)null, Text), (stored.Id, stored.ContentHash, stored.Source, stored.Url, stored.Title, stored.Text));
        Assert.Equal(DateTimeOffset.Parse("2022-01-12T08:30:15Z", System.Globalization.CultureInfo.InvariantCulture), stored.Published);
        Assert.Equal(TimeSpan.Zero, stored.Published!.Value.Offset);
        Assert.Equal(outcome.StoryId, stored.StoryId);
        Assert.Null(stored.StoryKey);
        Assert.InRange(stored.IngestedAt, before, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(["Talks fail.", "Allies met in Genève on Wednesday."], stored.Passages.Select(p => p.Text));
        Assert.Equal(["talks fail.", "allies met in geneve on wednesday."], stored.Passages.Select(p => p.Normalized));
        Assert.Equal([PassageKind.Heading, PassageKind.Sentence], stored.Passages.Select(p => p.Kind));
        Assert.Equal([(0, 12, 23), (1, 24, 58)], stored.Passages.Select(p => (p.Paragraph, p.Start, p.End)));
        var removed = Assert.Single(stored.Removed);
        Assert.Equal((0, 12, "dateline", "BRUSSELS -- "), (removed.Start, removed.End, removed.Reason, removed.Text));
        Assert.Null(await store.GetDocumentAsync("d2", None));
        Assert.Equal("{\"figures\":[]}", Assert.Single(await store.GetClaimsAsync(["d1", "d2"], None)).ClaimsJson);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Documents_join_stories_by_id_or_key_and_stories_are_listed_newest_first_with_their_sources(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();

        var a = await store.IngestAsync(TestDocuments.Document("d1", storyKey: "border") with { Source = "outlet a" }, None);
        var b = await store.IngestAsync(TestDocuments.Document("d2", storyKey: "border") with { Source = "Outlet B", Published = TestDocuments.Published.AddDays(2) }, None);
        var c = await store.IngestAsync(TestDocuments.Document("d3", storyKey: null) with { Story = new StoryTarget(a.StoryId, null, null), Source = "outlet a" }, None);
        var d = await store.IngestAsync(TestDocuments.Document("d4", storyKey: "talks"), None);
        var e = await store.IngestAsync(TestDocuments.Document("d5", storyKey: null) with { Story = new StoryTarget(null, null, "Untitled") }, None);

        Assert.Equal([a.StoryId, a.StoryId, a.StoryId], new[] { a.StoryId, b.StoryId, c.StoryId });
        Assert.NotEqual(a.StoryId, d.StoryId);
        Assert.NotEqual(d.StoryId, e.StoryId);
        Assert.Equal(3L, db.Count("stories"));
        Assert.Equal(a.StoryId, await store.FindStoryByKeyAsync("border", None));
        Assert.Null(await store.FindStoryByKeyAsync("nothing", None));

        var story = await store.GetStoryAsync(a.StoryId, None);
        Assert.NotNull(story);
        Assert.Equal(("border", "Title", 3), (story.Key, story.Title, story.Documents));
        Assert.Equal(TestDocuments.Published, story.FirstPublished);
        Assert.Equal(TestDocuments.Published.AddDays(2), story.LastPublished);
        // Distinct and in byte order, as SQLite sorts text: upper case first.
        Assert.Equal(["Outlet B", "outlet a"], story.Sources);
        Assert.Null(await store.GetStoryAsync(999, None));

        var page1 = await store.ListStoriesAsync(1, 2, None);
        var page2 = await store.ListStoriesAsync(2, 2, None);
        Assert.Equal(3, page1.Total);
        Assert.Equal([e.StoryId, d.StoryId], page1.Items.Select(s => s.Id));
        Assert.Equal([a.StoryId], page2.Items.Select(s => s.Id));
        Assert.Equal((2, 2), (page2.Page, page2.PageSize));
        Assert.Null(page1.Items[0].Key);
        Assert.Empty((await store.ListStoriesAsync(3, 2, None)).Items);

        Assert.Equal(["d1", "d2", "d3"], await store.GetStoryDocumentIdsAsync(a.StoryId, None));
        Assert.Equal(["d1", "d2", "d3"], (await store.GetStoryDocumentsAsync(a.StoryId, None)).Select(x => x.Id));
        Assert.All(await store.GetStoryDocumentsAsync(a.StoryId, None), x => Assert.Equal("First sentence here.", Assert.Single(x.Passages).Text));
        Assert.Equal(["d1", "d2", "d3", "d4", "d5"], (await store.GetDocumentHeadersAsync(null, None)).Select(h => h.Id));
        var headers = await store.GetDocumentHeadersAsync(["d2", "d4", "missing"], None);
        Assert.Equal([("d2", "Outlet B", a.StoryId), ("d4", "Outlet", d.StoryId)], headers.Select(h => (h.Id, h.Source, h.StoryId)));
        var stories = await store.GetDocumentStoriesAsync(["d5", "d1"], None);
        Assert.Equal([("d1", a.StoryId), ("d5", e.StoryId)], stories.Select(s => (s.Document, s.StoryId)));
        Assert.Empty(await store.GetDocumentStoriesAsync([], None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Near_duplicate_edges_are_stored_once_and_read_from_either_side(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        await store.IngestAsync(TestDocuments.Document("d1"), None);
        await store.IngestAsync(TestDocuments.Document("d2"), None);
        var span = new SourceSpan(0, 20, "First sentence here.");
        var edge = new NearDuplicateEdge("d3", 0, span, "d1", 0, span, 0.9, 0.95, 0.97, "near-verbatim");
        var toD2 = edge with { OtherDocument = "d2", Kind = "verbatim", Jaccard = 1 };

        await store.IngestAsync(TestDocuments.Document("d3") with { NearDuplicates = [edge, toD2, edge] }, None);

        Assert.Equal(2L, db.Count("near_duplicates"));
        var fromD1 = Assert.Single(await store.GetEdgesForDocumentAsync("d1", None));
        Assert.Equal(edge.Reverse(), fromD1);
        Assert.Equal([edge, toD2], await store.GetEdgesForDocumentAsync("d3", None));
        Assert.Equal(2, (await store.GetEdgesAsync(null, None)).Count);
        Assert.Equal([toD2], await store.GetEdgesAsync(["d2", "d3"], None));
        Assert.Empty(await store.GetEdgesAsync(["d1", "d2"], None));
        Assert.Empty(await store.GetEdgesAsync([], None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_rewrite_edge_keeps_its_confidence_and_a_copy_keeps_1_from_either_side(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        await store.IngestAsync(TestDocuments.Document("d1"), None);
        await store.IngestAsync(TestDocuments.Document("d2"), None);
        var span = new SourceSpan(0, 20, "First sentence here.");
        var rewrite = new NearDuplicateEdge("d3", 0, span, "d1", 0, new SourceSpan(0, 22, "The first sentence is."), 0.31, 0.4, 0.72, "rewrite") { Confidence = 0.6180339887498949 };
        var copy = new NearDuplicateEdge("d3", 0, span, "d2", 0, span, 1, 1, 1, "verbatim");

        await store.IngestAsync(TestDocuments.Document("d3") with { NearDuplicates = [rewrite, copy] }, None);

        var fromD3 = await store.GetEdgesForDocumentAsync("d3", None);
        Assert.Equal([0.6180339887498949, 1.0], fromD3.Select(e => e.Confidence));
        Assert.Equal([rewrite, copy], fromD3);
        Assert.Equal(0.6180339887498949, Assert.Single(await store.GetEdgesForDocumentAsync("d1", None)).Confidence);
        Assert.Equal(rewrite.Reverse(), Assert.Single(await store.GetEdgesForDocumentAsync("d1", None)));
        Assert.Equal([0.6180339887498949, 1.0], (await store.GetEdgesAsync(null, None)).Select(e => e.Confidence));
        Assert.Equal(0.6180339887498949, db.Scalar("SELECT confidence FROM near_duplicates WHERE kind = 'rewrite'"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Delete_cascades_to_derived_rows_but_keeps_review_evidence_and_audit(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        await store.IngestAsync(TestDocuments.Document("d0"), None);
        var span = new SourceSpan(0, 20, "First sentence here.");
        await store.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops")) with
        {
            NearDuplicates = [new NearDuplicateEdge("d1", 0, span, "d0", 0, span, 1, 1, 1, "verbatim")],
            Removed = [new RemovedSpan(20, 21, "byline", " ")],
        }, None);

        Assert.True(await store.DeleteDocumentAsync("d1", None));
        Assert.False(await store.DeleteDocumentAsync("d1", None));

        Assert.Equal(1L, db.Count("passages"));
        Assert.Equal(1L, db.Count("signatures"));
        Assert.Equal(0L, db.Count("near_duplicates"));
        Assert.Equal(0L, db.Count("removed_spans"));
        Assert.Equal(0L, db.Count("findings"));
        Assert.Equal(1L, db.Count("review_evidence"));
        Assert.Equal(1L, db.Count("review_audit"));
        Assert.Null(await store.GetDocumentAsync("d1", None));
        Assert.Null(await store.FindByContentHashAsync("hash-d1", None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Signatures_are_read_back_with_their_passage_spans(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        await store.IngestAsync(TestDocuments.Document("d1"), None);

        var signatures = new List<StoredSignature>();
        await foreach (var s in store.ReadSignaturesAsync(None))
        {
            signatures.Add(s);
        }

        var signature = Assert.Single(signatures);
        Assert.Equal(("d1", 0, 0, 20, "test/v1"), (signature.Document, signature.Passage, signature.Start, signature.End, signature.Scheme));
        Assert.Equal([1, 2, 3], signature.Signature);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Stored_passages_are_read_back_in_document_and_passage_order_with_their_kind_span_and_text(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var heading = new Passage(0, 0, PassageKind.Heading, 0, 11, "Talks fail.", "Talks fail.");
        var sentence = new Passage(1, 1, PassageKind.Sentence, 13, 33, "Allies met in Geneva", "Allies met in Geneva");
        await store.IngestAsync(TestDocuments.Document("d2") with { Passages = [heading, sentence], Signatures = [] }, None);
        await store.IngestAsync(TestDocuments.Document("d1"), None);
        await store.IngestAsync(TestDocuments.Document("D3"), None);

        var passages = new List<StoredPassage>();
        await foreach (var p in store.ReadPassagesAsync(None))
        {
            passages.Add(p);
        }

        // Byte order of ids, whatever the database's locale: "D3" before "d1".
        Assert.Equal(["D3:0", "d1:0", "d2:0", "d2:1"], passages.Select(p => $"{p.Document}:{p.Passage.Index}"));
        Assert.Equal((PassageKind.Heading, 0, 11, "Talks fail."), (passages[2].Passage.Kind, passages[2].Passage.Start, passages[2].Passage.End, passages[2].Passage.Normalized));
        Assert.Equal((PassageKind.Sentence, 1, 13, 33), (passages[3].Passage.Kind, passages[3].Passage.Paragraph, passages[3].Passage.Start, passages[3].Passage.End));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Findings_are_stored_per_story_and_only_conflicts_quote_variants_and_role_conflicts_open_items(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var agree = TestDocuments.Conflict("d1", "talks lasted four hours") with { Kind = FindingKind.Agree };
        var single = TestDocuments.Conflict("d1", "one source", 10) with { Kind = FindingKind.SingleSource };
        var quote = TestDocuments.Conflict("d1", "Stoltenberg on talks", 20) with { Kind = FindingKind.QuoteVariant };
        var role = TestDocuments.Conflict("d1", "Wendy Sherman", 30) with { Kind = FindingKind.RoleConflict };
        var conflict = TestDocuments.Conflict("d1", "troops", 40);

        var outcome = await store.IngestAsync(TestDocuments.Document("d1", findings: [agree, single, quote, role, conflict]), None);
        await store.IngestAsync(TestDocuments.Document("d2", storyKey: "other", findings: TestDocuments.Conflict("d2", "troops")), None);

        Assert.Equal(3, outcome.CreatedReviewItems.Count);
        Assert.Empty(outcome.UpdatedReviewItems);
        var findings = await store.GetStoryFindingsAsync(outcome.StoryId, None);
        Assert.Equal([FindingKind.Agree, FindingKind.SingleSource, FindingKind.QuoteVariant, FindingKind.RoleConflict, FindingKind.Conflict],
            findings.Select(f => f.Finding.Kind));
        Assert.All(findings, f => Assert.Equal(("d1", outcome.StoryId), (f.Document, f.StoryId)));
        Assert.Equal(findings.Select(f => f.Id).Order(), findings.Select(f => f.Id));
        Assert.Equal("Stoltenberg on talks", findings[2].Finding.Topic);
        Assert.Equal(45, findings[4].Finding.Evidence[0].Claim.End);
        var items = await store.ListReviewItemsAsync(new ReviewQuery(null, outcome.StoryId, null, 1, 50), None);
        Assert.Equal(["quote-variant", "role-conflict", "conflict"], items.Items.Select(i => i.Kind));
        Assert.All(items.Items, i => Assert.Equal((ReviewStatus.Open, 1L, 1, (string?)null), (i.Status, i.Version, i.EvidenceCount, i.Assignee)));
        Assert.Equal(ReviewItemKey.Compute(outcome.StoryId, conflict), items.Items[2].Key);
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_repeated_finding_attaches_evidence_to_its_item_bumps_the_version_and_keeps_a_dismissal(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var first = await store.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "Troops near the border")), None);
        var id = Assert.Single(first.CreatedReviewItems);
        Assert.Equal(UpdateOutcome.Updated, (await store.DecideAsync(id, ReviewStatus.Dismissed, "rounded", 1, "alice", None)).Outcome);

        // The same topic (other case and spacing), now with the first document's claim and a new one.
        var repeat = new Finding(FindingKind.Conflict, "troops  near the BORDER", 0.7, [TestDocuments.Evidence("d1", 0), TestDocuments.Evidence("d2", 7)]);
        var second = await store.IngestAsync(TestDocuments.Document("d2", findings: repeat), None);
        // Nothing new: the same claims again.
        var third = await store.IngestAsync(TestDocuments.Document("d3", findings: repeat), None);

        Assert.Empty(second.CreatedReviewItems);
        Assert.Equal([id], second.UpdatedReviewItems);
        Assert.Empty(third.UpdatedReviewItems);
        var detail = await store.GetReviewItemAsync(id, None);
        Assert.NotNull(detail);
        Assert.Equal((ReviewStatus.Dismissed, "rounded", 3L, 2), (detail.Item.Status, detail.Item.Note, detail.Item.Version, detail.Item.EvidenceCount));
        Assert.Equal([("d1", 0), ("d2", 7)], detail.Evidence.Select(e => (e.Document, e.Evidence.Claim.Start)));
        Assert.Equal(0.7, detail.Evidence[1].Confidence);
        Assert.Equal(["created", "decided", "evidence-added"], detail.Audit.Select(a => a.Action));
        Assert.Equal(["tester", "alice", "tester"], detail.Audit.Select(a => a.Actor));
        Assert.Contains("\"evidenceCount\":1", detail.Audit[2].Before, StringComparison.Ordinal);
        Assert.Contains("\"evidenceCount\":2", detail.Audit[2].After, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"dismissed\"", detail.Audit[2].After, StringComparison.Ordinal);
        Assert.Null(detail.Audit[0].Before);
        Assert.Equal(1L, db.Count("review_items"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_finding_on_a_claim_an_item_holds_attaches_to_it_whatever_its_topic_but_not_across_kinds_or_stories(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var first = await store.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops: military, russian")), None);
        var id = Assert.Single(first.CreatedReviewItems);

        var reworded = new Finding(FindingKind.Conflict, "troops: russian, border", 0.6, [TestDocuments.Evidence("d2", 3), TestDocuments.Evidence("d1", 0)]);
        var second = await store.IngestAsync(TestDocuments.Document("d2", findings: reworded), None);
        var otherKind = reworded with { Kind = FindingKind.QuoteVariant };
        var third = await store.IngestAsync(TestDocuments.Document("d3", findings: otherKind), None);
        var otherStory = await store.IngestAsync(TestDocuments.Document("d4", storyKey: "elsewhere", findings: reworded), None);

        Assert.Equal([id], second.UpdatedReviewItems);
        Assert.Empty(second.CreatedReviewItems);
        Assert.Single(third.CreatedReviewItems);
        Assert.Single(otherStory.CreatedReviewItems);
        Assert.Equal("troops: military, russian", (await store.GetReviewItemAsync(id, None))!.Item.Topic);
        Assert.Equal(2, (await store.GetReviewItemAsync(id, None))!.Item.EvidenceCount);
        Assert.Equal(3L, db.Count("review_items"));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_decision_on_a_stale_version_is_refused_and_audited_changes_are_kept(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var outcome = await store.IngestAsync(TestDocuments.Document("d1", findings: TestDocuments.Conflict("d1", "troops")), None);
        var id = Assert.Single(outcome.CreatedReviewItems);

        var assigned = await store.AssignAsync(id, "bob", 1, "alice", None);
        var ok = await store.DecideAsync(id, ReviewStatus.Confirmed, "yes", 2, "alice", None);
        var stale = await store.DecideAsync(id, ReviewStatus.Dismissed, "no", 2, "bob", None);
        var staleAssign = await store.AssignAsync(id, null, 1, "bob", None);
        var missing = await store.AssignAsync(999, "x", 1, "bob", None);
        var missingDecision = await store.DecideAsync(999, ReviewStatus.Confirmed, null, 1, "bob", None);
        var detail = await store.GetReviewItemAsync(id, None);

        Assert.Equal((UpdateOutcome.Updated, "bob", 2L), (assigned.Outcome, assigned.Item!.Assignee, assigned.Item.Version));
        Assert.Equal((UpdateOutcome.Updated, ReviewStatus.Confirmed, "yes", 3L), (ok.Outcome, ok.Item!.Status, ok.Item.Note, ok.Item.Version));
        Assert.Equal(UpdateOutcome.VersionMismatch, stale.Outcome);
        Assert.Equal((ReviewStatus.Confirmed, 3L), (stale.Item!.Status, stale.Item.Version));
        Assert.Equal(UpdateOutcome.VersionMismatch, staleAssign.Outcome);
        Assert.Equal((UpdateOutcome.NotFound, (ReviewItem?)null), (missing.Outcome, missing.Item));
        Assert.Equal(UpdateOutcome.NotFound, missingDecision.Outcome);
        Assert.NotNull(detail);
        Assert.Equal((ReviewStatus.Confirmed, "bob", "yes", 3L), (detail.Item.Status, detail.Item.Assignee, detail.Item.Note, detail.Item.Version));
        Assert.True(detail.Item.UpdatedAt >= detail.Item.CreatedAt);
        Assert.Equal(["created", "assigned", "decided"], detail.Audit.Select(a => a.Action));
        Assert.Equal("alice", detail.Audit[2].Actor);
        Assert.Contains("\"status\":\"open\"", detail.Audit[2].Before, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"confirmed\"", detail.Audit[2].After, StringComparison.Ordinal);
        Assert.Contains("\"assignee\":\"bob\"", detail.Audit[1].After, StringComparison.Ordinal);
        Assert.Equal(detail.Audit.Select(a => a.Id).Order(), detail.Audit.Select(a => a.Id));
        Assert.Null(await store.GetReviewItemAsync(999, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.DecideAsync(id, "closed", null, 3, "alice", None));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task The_review_queue_filters_by_status_story_and_assignee_and_pages_in_id_order(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var outcome = await store.IngestAsync(TestDocuments.Document($"d{i}", storyKey: i < 3 ? "one" : "two", findings: TestDocuments.Conflict($"d{i}", $"topic {i}")), None);
            ids.Add(Assert.Single(outcome.CreatedReviewItems));
        }

        await store.AssignAsync(ids[1], "bob", 1, "alice", None);
        await store.DecideAsync(ids[3], ReviewStatus.NeedsInfo, "source?", 1, "alice", None);
        await store.AssignAsync(ids[4], "bob", 1, "alice", None);
        var storyTwo = (await store.FindStoryByKeyAsync("two", None))!.Value;

        async Task<PagedResult<ReviewItem>> Query(string? status = null, long? story = null, string? assignee = null, int page = 1, int size = 50) =>
            await store.ListReviewItemsAsync(new ReviewQuery(status, story, assignee, page, size), None);

        var page2 = await Query(page: 2, size: 2);
        Assert.Equal((5, 2, 2), (page2.Total, page2.Page, page2.PageSize));
        Assert.Equal([ids[2], ids[3]], page2.Items.Select(i => i.Id));
        Assert.Equal([ids[4]], (await Query(page: 3, size: 2)).Items.Select(i => i.Id));
        Assert.Empty((await Query(page: 4, size: 2)).Items);
        Assert.Equal(4, (await Query(ReviewStatus.Open)).Total);
        Assert.Equal([ids[3]], (await Query(ReviewStatus.NeedsInfo)).Items.Select(i => i.Id));
        Assert.Equal([ids[3], ids[4]], (await Query(story: storyTwo)).Items.Select(i => i.Id));
        Assert.Equal([ids[1], ids[4]], (await Query(assignee: "bob")).Items.Select(i => i.Id));
        Assert.Equal([ids[4]], (await Query(ReviewStatus.Open, storyTwo, "bob")).Items.Select(i => i.Id));
        Assert.Equal(0, (await Query(ReviewStatus.Confirmed)).Total);
        Assert.All((await Query()).Items, i => Assert.Equal(1, i.EvidenceCount));
    }

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task Migrating_twice_applies_nothing_twice_and_reports_the_version(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = db.Open();

        var first = await store.MigrateAsync(None);
        await store.IngestAsync(TestDocuments.Document("d1"), None);
        var second = await db.Open().MigrateAsync(None);

        Assert.Equal(7, first);
        Assert.Equal(7, second);
        Assert.Equal(7L, db.Count("schema_version"));
        Assert.Equal("initial schema", db.Scalar("SELECT name FROM schema_version WHERE version = 1"));
        Assert.NotNull(await store.GetDocumentAsync("d1", None));
    }

    [Fact]
    public void Review_item_keys_ignore_case_and_spacing_of_the_topic_but_not_the_kind_or_story()
    {
        var a = ReviewItemKey.Compute(1, TestDocuments.Conflict("d", "Troops near  the border"));
        var b = ReviewItemKey.Compute(1, TestDocuments.Conflict("d", "troops near the border"));
        var otherStory = ReviewItemKey.Compute(2, TestDocuments.Conflict("d", "troops near the border"));
        var otherKind = ReviewItemKey.Compute(1, TestDocuments.Conflict("d", "troops near the border") with { Kind = FindingKind.QuoteVariant });

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherStory);
        Assert.NotEqual(a, otherKind);
    }
}
