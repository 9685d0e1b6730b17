using ClaimCompare.Storage.Tests.Support;

namespace ClaimCompare.Storage.Tests;

/// <summary>The original page and the feed item key stored with a document, on SQLite and PostgreSQL alike.</summary>
public class OriginalsAndFeedItemsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [SqliteData]
    [PostgresData]
    public async Task A_document_keeps_its_page_and_feed_item_which_keeps_its_first_document_and_goes_with_it(StoreKind kind)
    {
        await using var db = await TestStore.CreateAsync(kind);
        var store = await db.OpenMigratedAsync();
        var original = new DocumentOriginal("html", "<p>First sentence here. Second one.</p>", """[{"start":0,"end":32,"element":0,"source":"p"}]""");

        await store.IngestAsync(TestDocuments.Document("d1") with { Original = original, ItemKey = "https://example.org/item-1" }, None);
        await store.IngestAsync(TestDocuments.Document("d2") with { ItemKey = "https://example.org/item-1" }, None);

        Assert.Equal("d1", await store.FindByItemKeyAsync("https://example.org/item-1", None));
        Assert.Null(await store.FindByItemKeyAsync("https://example.org/item-2", None));
        Assert.Equal(original, await store.GetOriginalAsync("d1", None));
        Assert.Null(await store.GetOriginalAsync("d2", None));

        Assert.True(await store.DeleteDocumentAsync("d1", None));
        Assert.Null(await store.FindByItemKeyAsync("https://example.org/item-1", None));
        Assert.Null(await store.GetOriginalAsync("d1", None));
    }
}
