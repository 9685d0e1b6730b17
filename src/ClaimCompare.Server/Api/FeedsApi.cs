using System.Security.Cryptography;
using System.Text;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Security;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Api;

/// <summary>Feed routes: ingest every item of an RSS or Atom feed.</summary>
public static partial class FeedsApi
{
    private const int MaxSourceLength = 200;

    /// <summary>Maps <c>/api/feeds</c>.</summary>
    /// <param name="routes">The app.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapFeedsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/feeds").WithTags("Feeds");
        group.MapPost("/", IngestAsync)
            .RequireAuthorization(Policies.Ingest)
            .Accepts<string>("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
            .Produces<FeedIngestResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Ingest each item of an RSS 2.0 or Atom feed as a document; idempotent on the item's link or id, answering per item.")
            .WithDescription("The body is the feed (at most MaxBodyBytes). Query: source (the outlet of every item; default: the item's <source>, "
                + "the feed's title, the link's host), story (a story key for every item). Each item's text is its content, else its summary, "
                + "HTML extracted. An item already stored under its link or id is a duplicate and is not ingested again.");
        return group;
    }

    private static async Task<IResult> IngestAsync(HttpContext context, IngestService ingest, IClaimStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!RawBody.Is(context.Request, "application/rss+xml", "application/atom+xml", "application/xml", "text/xml"))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the feed with Content-Type: application/rss+xml, application/atom+xml, application/xml or text/xml.");
        }

        var source = Blank(context.Request.Query["source"]);
        var story = Blank(context.Request.Query["story"]);
        if (source is { Length: > MaxSourceLength })
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["source"] = [$"The source is longer than {MaxSourceLength} characters."] });
        }

        var (bytes, error) = await RawBody.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        ParsedFeed feed;
        try
        {
            using var stream = new MemoryStream(bytes!, writable: false);
            feed = FeedParser.Parse(stream);
        }
        catch (FormatException ex)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Not a feed", $"The body is not a readable feed: {ex.Message}.");
        }

        var logger = loggers.CreateLogger("ClaimCompare.Server.Api.FeedsApi");
        var actor = Actor.Of(context.User);
        var results = new List<FeedItemResult>(feed.Items.Count);
        foreach (var item in feed.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await IngestItemAsync(item, source, story, ingest, store, actor, cancellationToken).ConfigureAwait(false));
        }

        var created = results.Count(r => r.Status == "created");
        var duplicates = results.Count(r => r.Status == "duplicate");
        var errors = results.Count(r => r.Status == "error");
        LogFeed(logger, feed.Format, feed.Title, feed.Items.Count, created, duplicates, errors);
        return TypedResults.Ok(new FeedIngestResponse(feed.Format, feed.Title, created, duplicates, errors, results));
    }

    private static async Task<FeedItemResult> IngestItemAsync(
        FeedItem item, string? source, string? story, IngestService ingest, IClaimStore store, string actor, CancellationToken cancellationToken)
    {
        if (item.Article is not { } article)
        {
            return new FeedItemResult(item.Number, item.Key, item.Link, "error", null, null, item.Problem, item.Warnings);
        }

        // Without a link or an id, the item's identity is its text.
        var key = item.Key ?? "text:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(article.Text)));
        if (await store.FindByItemKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            var stored = await store.GetDocumentAsync(existing, cancellationToken).ConfigureAwait(false);
            return new FeedItemResult(item.Number, item.Key, item.Link, "duplicate", existing, stored?.StoryId, null, item.Warnings);
        }

        var outlet = source ?? item.Source ?? "feed";
        var command = new IngestCommand(outlet.Length > MaxSourceLength ? outlet[..MaxSourceLength] : outlet, item.Link, article.Published, article.Title, article.Text, story)
        {
            Original = item.Html is { } html ? PageIngest.Original(html, article.Blocks) : null,
            ItemKey = key,
        };
        var result = await ingest.IngestAsync(command, actor, cancellationToken).ConfigureAwait(false);
        return new FeedItemResult(item.Number, item.Key, item.Link, result.Outcome.Duplicate ? "duplicate" : "created",
            result.Outcome.DocumentId, result.Outcome.StoryId, null, item.Warnings);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Feed ({Format}) {Title}: {Items} items, {Created} created, {Duplicates} duplicates, {Errors} errors")]
    private static partial void LogFeed(ILogger logger, string format, string? title, int items, int created, int duplicates, int errors);
}
