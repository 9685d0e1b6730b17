using ClaimCompare.Core.Text;

namespace ClaimCompare.Storage.Tests.Sqlite;

public class SqliteClaimStoreTests
{
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

    [Theory]
    [InlineData("document")]
    [InlineData("passages")]
    [InlineData("signatures")]
    [InlineData("near-duplicates")]
    [InlineData("findings")]
    [InlineData("review-items")]
    public async Task An_ingest_failing_at_any_step_writes_nothing(string step)
    {
        using var db = new TempDatabase();
        await using var store = db.Open(new FailAfter(step));
        await store.MigrateAsync(CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() =>
            store.IngestAsync(TempDatabase.Document("d1", findings: TempDatabase.Conflict("d1", "troops")), CancellationToken.None));

        foreach (var table in new[] { "documents", "passages", "signatures", "findings", "stories", "review_items", "review_evidence", "review_audit" })
        {
            Assert.Equal(0L, db.Scalar($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task A_repeated_content_hash_is_reported_as_a_duplicate_and_not_written()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();
        await store.MigrateAsync(CancellationToken.None);

        var first = await store.IngestAsync(TempDatabase.Document("d1"), CancellationToken.None);
        var second = await store.IngestAsync(TempDatabase.Document("d1") with { Id = "other-id" }, CancellationToken.None);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal("d1", second.DocumentId);
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM documents"));
    }

    [Fact]
    public async Task A_decision_on_a_stale_version_is_refused_and_audited_changes_are_kept()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();
        await store.MigrateAsync(CancellationToken.None);
        var outcome = await store.IngestAsync(TempDatabase.Document("d1", findings: TempDatabase.Conflict("d1", "troops")), CancellationToken.None);
        var id = Assert.Single(outcome.CreatedReviewItems);

        var ok = await store.DecideAsync(id, ReviewStatus.Confirmed, "yes", 1, "alice", CancellationToken.None);
        var stale = await store.DecideAsync(id, ReviewStatus.Dismissed, "no", 1, "bob", CancellationToken.None);
        var missing = await store.AssignAsync(999, "x", 1, "bob", CancellationToken.None);
        var detail = await store.GetReviewItemAsync(id, CancellationToken.None);

        Assert.Equal(UpdateOutcome.Updated, ok.Outcome);
        Assert.Equal(UpdateOutcome.VersionMismatch, stale.Outcome);
        Assert.Equal(UpdateOutcome.NotFound, missing.Outcome);
        Assert.Equal(ReviewStatus.Confirmed, detail!.Item.Status);
        Assert.Equal(["created", "decided"], detail.Audit.Select(a => a.Action));
        Assert.Equal("alice", detail.Audit[1].Actor);
    }

    [Fact]
    public async Task Delete_cascades_to_derived_rows_but_keeps_review_evidence_and_audit()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();
        await store.MigrateAsync(CancellationToken.None);
        await store.IngestAsync(TempDatabase.Document("d1", findings: TempDatabase.Conflict("d1", "troops")), CancellationToken.None);

        Assert.True(await store.DeleteDocumentAsync("d1", CancellationToken.None));
        Assert.False(await store.DeleteDocumentAsync("d1", CancellationToken.None));

        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM passages"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM signatures"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM findings"));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM review_evidence"));
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM review_audit"));
    }

    [Fact]
    public async Task Review_item_keys_ignore_case_and_spacing_of_the_topic_but_not_the_kind_or_story()
    {
        var a = ReviewItemKey.Compute(1, TempDatabase.Conflict("d", "Troops near  the border"));
        var b = ReviewItemKey.Compute(1, TempDatabase.Conflict("d", "troops near the border"));
        var otherStory = ReviewItemKey.Compute(2, TempDatabase.Conflict("d", "troops near the border"));
        var otherKind = ReviewItemKey.Compute(1, TempDatabase.Conflict("d", "troops near the border") with { Kind = Core.Comparison.FindingKind.QuoteVariant });

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherStory);
        Assert.NotEqual(a, otherKind);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Signatures_are_read_back_with_their_passage_spans()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();
        await store.MigrateAsync(CancellationToken.None);
        await store.IngestAsync(TempDatabase.Document("d1"), CancellationToken.None);

        var signatures = new List<StoredSignature>();
        await foreach (var s in store.ReadSignaturesAsync(CancellationToken.None))
        {
            signatures.Add(s);
        }

        var signature = Assert.Single(signatures);
        Assert.Equal(("d1", 0, 0, 20, "test/v1"), (signature.Document, signature.Passage, signature.Start, signature.End, signature.Scheme));
        Assert.Equal([1, 2, 3], signature.Signature);
    }

    [Fact]
    public async Task Stored_passages_are_read_back_in_document_and_passage_order_with_their_kind_span_and_text()
    {
        using var db = new TempDatabase();
        await using var store = db.Open();
        await store.MigrateAsync(CancellationToken.None);
        var heading = new Passage(0, 0, PassageKind.Heading, 0, 11, "Talks fail.", "Talks fail.");
        var sentence = new Passage(1, 1, PassageKind.Sentence, 13, 33, "Allies met in Geneva", "Allies met in Geneva");
        await store.IngestAsync(TempDatabase.Document("d2") with { Passages = [heading, sentence], Signatures = [] }, CancellationToken.None);
        await store.IngestAsync(TempDatabase.Document("d1"), CancellationToken.None);

        var passages = new List<StoredPassage>();
        await foreach (var p in store.ReadPassagesAsync(CancellationToken.None))
        {
            passages.Add(p);
        }

        Assert.Equal(["d1:0", "d2:0", "d2:1"], passages.Select(p => $"{p.Document}:{p.Passage.Index}"));
        Assert.Equal((PassageKind.Heading, 0, 11, "Talks fail."), (passages[1].Passage.Kind, passages[1].Passage.Start, passages[1].Passage.End, passages[1].Passage.Normalized));
        Assert.Equal((PassageKind.Sentence, 1, 13, 33), (passages[2].Passage.Kind, passages[2].Passage.Paragraph, passages[2].Passage.Start, passages[2].Passage.End));
    }
}
