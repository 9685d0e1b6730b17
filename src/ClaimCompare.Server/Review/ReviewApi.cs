using System.Globalization;
using ClaimCompare.Server.Api;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Security;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClaimCompare.Server.Review;

/// <summary>Review-queue routes: list, read (with ETag), assign and decide (with If-Match).</summary>
public static class ReviewApi
{
    /// <summary>Maps <c>/api/review</c>.</summary>
    /// <param name="routes">The app.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/review").WithTags("Review").RequireAuthorization(Policies.Review);

        group.MapGet("/", ListAsync)
            .Produces<PagedResult<ReviewItem>>()
            .ProducesValidationProblem()
            .WithSummary("The review queue, oldest first; filter by status, story and assignee.");

        group.MapGet("/{id:long}", GetAsync)
            .Produces<ReviewItemDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One item with its evidence and audit trail; the ETag header is its version.");

        group.MapPost("/{id:long}/assign", AssignAsync)
            .Accepts<AssignRequest>("application/json")
            .Produces<ReviewItem>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Assign the item; requires If-Match with the item's ETag.");

        group.MapPost("/{id:long}/decision", DecideAsync)
            .Accepts<DecisionRequest>("application/json")
            .Produces<ReviewItem>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Set the status (open, in-progress, confirmed, dismissed, needs-info) with a note; requires If-Match.");

        return group;
    }

    private static async Task<IResult> ListAsync(
        IClaimStore store, IOptions<ServiceOptions> options, CancellationToken cancellationToken,
        string? status = null, long? story = null, string? assignee = null, int page = 1, int pageSize = 50)
    {
        if (Paging.Check(page, pageSize, options.Value.MaxPageSize) is { } error)
        {
            return error;
        }

        if (status is not null && !ReviewStatus.IsValid(status))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["status"] = [StatusMessage(status)] });
        }

        var result = await store.ListReviewItemsAsync(new ReviewQuery(status, story, assignee, page, pageSize), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, IClaimStore store, CancellationToken cancellationToken)
    {
        var detail = await store.GetReviewItemAsync(id, cancellationToken).ConfigureAwait(false);
        if (detail is null)
        {
            return Problems.NotFound("review item", id);
        }

        context.Response.Headers.ETag = ETag(detail.Item.Version);
        return TypedResults.Ok(detail);
    }

    private static async Task<IResult> AssignAsync(long id, HttpContext context, IClaimStore store, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<AssignRequest>(context, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var assignee = string.IsNullOrWhiteSpace(request!.Assignee) ? null : request.Assignee.Trim();
        if (assignee is { Length: > 200 })
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["assignee"] = ["The assignee is longer than 200 characters."] });
        }

        return await ConditionalAsync(id, context, store,
            version => store.AssignAsync(id, assignee, version, Actor.Of(context.User), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> DecideAsync(long id, HttpContext context, IClaimStore store, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<DecisionRequest>(context, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!ReviewStatus.IsValid(request!.Status))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["status"] = [StatusMessage(request.Status)] });
        }

        if (request.Note is { Length: > 4000 })
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["note"] = ["The note is longer than 4000 characters."] });
        }

        return await ConditionalAsync(id, context, store,
            version => store.DecideAsync(id, request.Status!, request.Note, version, Actor.Of(context.User), cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Applies an update only if the client's If-Match names the item's current version.</summary>
    /// <remarks>If-Match is required: without it two reviewers deciding at once would silently overwrite each other.</remarks>
    private static async Task<IResult> ConditionalAsync(
        long id, HttpContext context, IClaimStore store, Func<long, Task<ReviewUpdate>> update, CancellationToken cancellationToken)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.Create(StatusCodes.Status428PreconditionRequired, "Precondition required",
                "Send If-Match with the ETag from GET /api/review/{id}, so a concurrent change is never overwritten.");
        }

        long version;
        if (ifMatch.Trim() == "*")
        {
            var current = await store.GetReviewItemAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return Problems.NotFound("review item", id);
            }

            version = current.Item.Version;
        }
        else if (!TryParseETag(ifMatch, out version))
        {
            return Stale(context, null);
        }

        var result = await update(version).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case UpdateOutcome.NotFound:
                return Problems.NotFound("review item", id);
            case UpdateOutcome.VersionMismatch:
                return Stale(context, result.Item);
            default:
                context.Response.Headers.ETag = ETag(result.Item!.Version);
                return TypedResults.Ok(result.Item);
        }
    }

    private static IResult Stale(HttpContext context, ReviewItem? current)
    {
        if (current is not null)
        {
            context.Response.Headers.ETag = ETag(current.Version);
        }

        return Problems.Create(StatusCodes.Status412PreconditionFailed, "Precondition failed",
            "The item changed since you read it (its ETag no longer matches If-Match). Read it again and retry.");
    }

    internal static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static bool TryParseETag(string header, out long version)
    {
        version = 0;
        // One entity tag is expected; weak tags compare by value for this resource.
        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag))
        {
            return false;
        }

        var value = tag.Tag.Value;
        return value is { Length: > 2 } && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    private static string StatusMessage(string? status) =>
        $"'{status}' is not a review status; use one of {string.Join(", ", ReviewStatus.All)}.";
}
