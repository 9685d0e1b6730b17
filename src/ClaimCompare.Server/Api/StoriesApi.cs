using ClaimCompare.Core.Reporting;
using ClaimCompare.Server.Budgets;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Server.Security;
using ClaimCompare.Server.Stories;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Api;

/// <summary>Cluster and story routes.</summary>
public static class StoriesApi
{
    /// <summary>Maps <c>/api/clusters</c> and <c>/api/stories</c>.</summary>
    /// <param name="routes">The app.</param>
    /// <returns>The stories route group.</returns>
    public static RouteGroupBuilder MapStoriesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/clusters", ClustersAsync)
            .WithTags("Clusters")
            .RequireAuthorization(Policies.Read)
            .Produces<ClustersResponse>()
            .ProducesValidationProblem()
            .WithSummary("Near-duplicate passage clusters across outlets (minSources, default 2); filter by source and publication date (from, to).");

        var group = routes.MapGroup("/api/stories").WithTags("Stories").RequireAuthorization(Policies.Read);

        group.MapGet("/", ListAsync)
            .Produces<PagedResult<StorySummary>>()
            .ProducesValidationProblem()
            .WithSummary("Stories, newest first.");

        group.MapGet("/{id:long}", GetAsync)
            .Produces<StorySummary>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/report", ReportAsync)
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/markdown", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The story's comparison report, rendered by Core's renderers: format=json|markdown|html.");

        return group;
    }

    private static async Task<IResult> ClustersAsync(
        IClaimStore store, IOptions<ServiceOptions> options, CancellationToken cancellationToken,
        string? source = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int minSources = 2, int page = 1, int pageSize = 50)
    {
        if (Paging.Check(page, pageSize, options.Value.MaxPageSize) is { } error)
        {
            return error;
        }

        if (minSources < 1)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["minSources"] = ["minSources must be at least 1."] });
        }

        var headers = (await store.GetDocumentHeadersAsync(null, cancellationToken).ConfigureAwait(false))
            .ToDictionary(h => h.Id, StringComparer.Ordinal);
        var edges = await store.GetEdgesAsync(null, cancellationToken).ConfigureAwait(false);
        // Membership is cheap; scores and word diffs are computed for the requested page only.
        var clusters = ClusterBuilder.Group(edges, headers)
            .Where(c => c.Members.Select(m => headers[m.Document].Source).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= minSources)
            .Where(c => c.Members.Any(m => Matches(headers[m.Document], source, from, to)))
            .ToList();
        var offset = Paging.Offset(page, pageSize);
        var items = clusters.Skip((int)Math.Min(offset, clusters.Count)).Take(pageSize).Select(c => c.Materialize()).ToList();
        return TypedResults.Ok(new ClustersResponse(items, page, pageSize, clusters.Count));
    }

    private static bool Matches(DocumentHeader header, string? source, DateTimeOffset? from, DateTimeOffset? to) =>
        (source is null || string.Equals(header.Source, source, StringComparison.OrdinalIgnoreCase))
        && (from is null || header.Published >= from)
        && (to is null || header.Published <= to);

    private static async Task<IResult> ListAsync(
        IClaimStore store, IOptions<ServiceOptions> options, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        if (Paging.Check(page, pageSize, options.Value.MaxPageSize) is { } error)
        {
            return error;
        }

        return TypedResults.Ok(await store.ListStoriesAsync(page, pageSize, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(long id, IClaimStore store, CancellationToken cancellationToken) =>
        await store.GetStoryAsync(id, cancellationToken).ConfigureAwait(false) is { } story
            ? TypedResults.Ok(story)
            : Problems.NotFound("story", id);

    private static async Task<IResult> ReportAsync(
        long id, HttpContext context, IClaimStore store, StoryReports reports, CancellationToken cancellationToken, string format = "json")
    {
        (IReportRenderer Renderer, string ContentType)? target = format.ToLowerInvariant() switch
        {
            "json" => (new JsonReportRenderer(), "application/json; charset=utf-8"),
            "markdown" or "md" => (new MarkdownReportRenderer(), "text/markdown; charset=utf-8"),
            "html" => (new HtmlReportRenderer(), "text/html; charset=utf-8"),
            _ => null,
        };
        if (target is not { } chosen)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Unknown format", $"format must be json, markdown or html, not '{format}'.");
        }

        if (await store.GetStoryAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("story", id);
        }

        ComparisonReport report;
        try
        {
            report = await reports.BuildAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (BudgetExceededException e)
        {
            return Problems.Budget(context, e, "Report");
        }
        catch (ReportTooLargeException e)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Story too large for a report", e.Message);
        }

        // The report quotes outlets' text; even though the renderers encode it, the page may run nothing and load nothing.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return new RenderedReport(chosen.Renderer, report, chosen.ContentType);
    }

    /// <summary>
    /// Renders the report into a buffer that spills to a temporary file past 1 MiB, then copies it to the response: the
    /// renderers write synchronously, which Kestrel refuses on the response itself, and a large report never sits in
    /// memory as one string.
    /// </summary>
    private sealed class RenderedReport(IReportRenderer renderer, ComparisonReport report, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using var buffer = new Microsoft.AspNetCore.WebUtilities.FileBufferingWriteStream(memoryThreshold: 1 << 20);
            await using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
            {
                renderer.Render(report, writer);
            }

            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = buffer.Length;
            await buffer.DrainBufferAsync(httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}

/// <summary>Paging checks shared by list endpoints.</summary>
internal static class Paging
{
    /// <summary>How many items come before <paramref name="page"/>, in 64 bits: (page - 1) * pageSize overflows an int.</summary>
    public static long Offset(int page, int pageSize) => (page - 1L) * pageSize;

    public static IResult? Check(int page, int pageSize, int maxPageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (pageSize < 1 || pageSize > maxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {maxPageSize}."];
        }

        return errors.Count == 0 ? null : Problems.Validation(errors);
    }
}
