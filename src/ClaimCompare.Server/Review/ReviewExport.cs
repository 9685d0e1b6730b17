using System.Globalization;
using System.Text;
using System.Text.Json;
using ClaimCompare.Server.Api;
using ClaimCompare.Server.Pages;
using ClaimCompare.Server.Security;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Review;

/// <summary>
/// <c>GET /api/review/export</c>: the queue as CSV (<c>format=csv</c>) and its decided items as schema.org
/// <c>ClaimReview</c> JSON-LD (<c>format=claimreview</c>), with the list's filters. Both stream page by page.
/// </summary>
public static class ReviewExport
{
    private const int BatchSize = 200;

    /// <summary>Statuses a ClaimReview export holds by default: the decided ones.</summary>
    private static readonly string?[] Decided = [ReviewStatus.Confirmed, ReviewStatus.Dismissed];

    /// <summary>Maps the export route.</summary>
    /// <param name="routes">The app.</param>
    /// <returns>The route.</returns>
    public static RouteHandlerBuilder MapReviewExport(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/review/export", ExportAsync)
            .WithTags("Review")
            .RequireAuthorization(Policies.Review)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/ld+json")
            .ProducesValidationProblem()
            .WithSummary("Export: format=csv (the queue, every status unless status= is given) or format=claimreview " +
                         "(confirmed and dismissed items as schema.org ClaimReview JSON-LD; status=needs-info also allowed). " +
                         "Filters as the list: status, kind, story, assignee, outlet, from, to.");

    private static async Task<IResult> ExportAsync(
        HttpContext context, IClaimStore store, CancellationToken cancellationToken,
        string? format = null, string? status = null, string? kind = null, long? story = null, string? assignee = null,
        string? outlet = null, DateOnly? from = null, DateOnly? to = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var claimReview = string.Equals(format, "claimreview", StringComparison.OrdinalIgnoreCase);
        if (!csv && !claimReview)
        {
            errors["format"] = ["format must be csv or claimreview."];
        }

        if (status is not null && !ReviewStatus.IsValid(status))
        {
            errors["status"] = [$"'{status}' is not a review status; use one of {string.Join(", ", ReviewStatus.All)}."];
        }
        else if (claimReview && status is ReviewStatus.Open or ReviewStatus.InProgress)
        {
            errors["status"] = ["A ClaimReview export holds decided items only: confirmed, dismissed or needs-info."];
        }

        if (kind is not null && !ReviewNames.ReviewKinds.Contains(kind))
        {
            errors["kind"] = [$"'{kind}' is not a kind of review item; use one of {string.Join(", ", ReviewNames.ReviewKinds)}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = new ReviewQuery(status, story, string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim(), 1, BatchSize)
        {
            Kind = kind,
            Outlet = string.IsNullOrWhiteSpace(outlet) ? null : outlet.Trim(),
            From = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            To = to is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        };
        string?[] statuses = status is not null ? [status] : claimReview ? [.. Decided] : [null];
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (csv)
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"review-queue.csv\"";
            await WriteCsvAsync(context.Response.Body, store, query, statuses, baseUrl, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            context.Response.ContentType = "application/ld+json; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"claimreview.jsonld\"";
            await WriteClaimReviewAsync(context.Response.Body, store, query, statuses, baseUrl, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Empty;
    }

    /// <summary>Every matching item with its evidence and audit trail, batch by batch, oldest first.</summary>
    private static async IAsyncEnumerable<ReviewItemDetail> ItemsAsync(
        IClaimStore store, ReviewQuery query, IReadOnlyList<string?> statuses,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var status in statuses)
        {
            for (var page = 1; ; page++)
            {
                var batch = await store.ListReviewItemsAsync(query with { Status = status, Page = page }, cancellationToken).ConfigureAwait(false);
                foreach (var item in batch.Items)
                {
                    if (await store.GetReviewItemAsync(item.Id, cancellationToken).ConfigureAwait(false) is { } detail)
                    {
                        yield return detail;
                    }
                }

                if (batch.Items.Count < query.PageSize)
                {
                    break;
                }
            }
        }
    }

    private static async Task WriteCsvAsync(
        Stream body, IClaimStore store, ReviewQuery query, IReadOnlyList<string?> statuses, string baseUrl, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',',
            "id", "story", "kind", "status", "assignee", "in_question", "topic", "sources", "urls", "note", "decided_by", "decided_at",
            "created_at", "updated_at", "link").AsMemory(), cancellationToken).ConfigureAwait(false);
        await foreach (var detail in ItemsAsync(store, query, statuses, cancellationToken).ConfigureAwait(false))
        {
            var item = detail.Item;
            var decision = LastDecision(detail);
            var sources = detail.Evidence.Select(SourceNames.Label).Distinct(StringComparer.Ordinal);
            var urls = detail.Evidence.Select(e => e.Url).Where(SourceNames.IsSafeLink).Distinct(StringComparer.Ordinal);
            string[] cells =
            [
                item.Id.ToString(CultureInfo.InvariantCulture),
                item.StoryId.ToString(CultureInfo.InvariantCulture),
                item.Kind,
                item.Status,
                item.Assignee ?? string.Empty,
                ReviewSummary.Describe(item.Kind, item.Topic, [.. detail.Evidence.Select(e => e.Evidence)]),
                item.Topic,
                string.Join("; ", sources),
                string.Join(" ", urls),
                item.Note ?? string.Empty,
                decision?.Actor ?? string.Empty,
                decision is null ? string.Empty : decision.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                item.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                item.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                $"{baseUrl}/review/{item.Id}",
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Csv.Cell)).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteClaimReviewAsync(
        Stream body, IClaimStore store, ReviewQuery query, IReadOnlyList<string?> statuses, string baseUrl, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        await foreach (var detail in ItemsAsync(store, query, statuses, cancellationToken).ConfigureAwait(false))
        {
            WriteClaimReview(json, detail, baseUrl);
            if (json.BytesPending > 16 * 1024)
            {
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One schema.org ClaimReview: what was in question, where it appeared, and the reviewer's verdict.</summary>
    private static void WriteClaimReview(Utf8JsonWriter json, ReviewItemDetail detail, string baseUrl)
    {
        var item = detail.Item;
        var decision = LastDecision(detail);
        var (value, name) = Rating(item.Status);
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "ClaimReview");
        json.WriteString("identifier", $"claimcompare-review-item-{item.Id}");
        json.WriteString("url", $"{baseUrl}/review/{item.Id}");
        json.WriteString("claimReviewed", ReviewSummary.Describe(item.Kind, item.Topic, [.. detail.Evidence.Select(e => e.Evidence)]));
        json.WriteStartObject("itemReviewed");
        json.WriteString("@type", "Claim");
        json.WriteString("name", item.Topic);
        var appearances = detail.Evidence.OrderBy(e => e.Published ?? DateTimeOffset.MaxValue).ThenBy(e => e.Document, StringComparer.Ordinal).ToList();
        if (appearances.FirstOrDefault(e => e.Published is not null)?.Published is { } first)
        {
            json.WriteString("datePublished", SourceNames.Date(first));
        }

        json.WriteStartArray("appearance");
        foreach (var evidence in appearances)
        {
            json.WriteStartObject();
            json.WriteString("@type", "NewsArticle");
            if (SourceNames.IsSafeLink(evidence.Url))
            {
                json.WriteString("url", evidence.Url);
            }

            if (evidence.Title is not null)
            {
                json.WriteString("headline", evidence.Title);
            }

            if (evidence.Published is { } published)
            {
                json.WriteString("datePublished", SourceNames.Date(published));
            }

            json.WriteStartObject("publisher");
            json.WriteString("@type", "Organization");
            json.WriteString("name", evidence.Outlet ?? evidence.Document);
            json.WriteEndObject();
            json.WriteString("text", evidence.Evidence.Sentence.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("author");
        json.WriteString("@type", "Person");
        json.WriteString("name", decision?.Actor ?? "unknown");
        json.WriteEndObject();
        json.WriteStartObject("reviewRating");
        json.WriteString("@type", "Rating");
        json.WriteNumber("ratingValue", value);
        json.WriteNumber("bestRating", 3);
        json.WriteNumber("worstRating", 1);
        json.WriteString("alternateName", name);
        json.WriteEndObject();
        if (!string.IsNullOrWhiteSpace(item.Note))
        {
            json.WriteString("reviewBody", item.Note);
        }

        json.WriteString("datePublished", SourceNames.Date(decision?.At ?? item.UpdatedAt));
        json.WriteEndObject();
    }

    /// <summary>The rating of a decision: 1 the sources really conflict, 2 unresolved, 3 no conflict.</summary>
    internal static (int Value, string Name) Rating(string status) => status switch
    {
        ReviewStatus.Confirmed => (1, "Confirmed: the sources conflict"),
        ReviewStatus.NeedsInfo => (2, "Unresolved: needs more information"),
        ReviewStatus.Dismissed => (3, "Dismissed: no real conflict"),
        _ => (2, "Not decided"),
    };

    private static AuditEntry? LastDecision(ReviewItemDetail detail) =>
        detail.Audit.LastOrDefault(a => a.Action == "decided");
}

/// <summary>CSV cells (RFC 4180), safe to open in a spreadsheet.</summary>
internal static class Csv
{
    public static string Cell(string value)
    {
        // A cell a spreadsheet would read as a formula is prefixed with an apostrophe (OWASP "CSV injection").
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
