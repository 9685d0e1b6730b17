using ClaimCompare.Core.Ingest;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Server.Budgets;
using ClaimCompare.Server.Ingest;
using ClaimCompare.Server.Security;
using ClaimCompare.Server.Stories;
using ClaimCompare.Storage;

namespace ClaimCompare.Server.Api;

/// <summary>Document routes: ingest, read, delete, overlap.</summary>
public static class DocumentsApi
{
    private const int MaxSourceLength = 200;
    private const int MaxUrlLength = 2048;
    private const int MaxTitleLength = 1000;
    private const int MaxStoryKeyLength = 200;

    /// <summary>Maps <c>/api/documents</c>.</summary>
    /// <param name="routes">The app.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/documents").WithTags("Documents");

        group.MapPost("/", IngestAsync)
            .RequireAuthorization(Policies.Ingest)
            .Accepts<IngestRequest>("application/json", "text/html", "application/xhtml+xml")
            .Produces<IngestResponse>(StatusCodes.Status201Created)
            .Produces<IngestResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Ingest an article: passages, near-duplicates among stored documents, findings. Idempotent.")
            .WithDescription("JSON with text or html, or the page itself as text/html (metadata in the query: source, url, published, title, story). "
                + "A page's main content is extracted and becomes the document text; the page is kept (GET /api/documents/{id}/original). "
                + "A page without article content is 422.");

        group.MapGet("/{id}/original", OriginalAsync)
            .RequireAuthorization(Policies.Read)
            .Produces<OriginalResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The page a document was extracted from, with the source offset of each paragraph of its text.");

        group.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Policies.Read)
            .Produces<DocumentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A stored document with its passages and findings.");

        group.MapDelete("/{id}", DeleteAsync)
            .RequireAuthorization(Policies.Admin)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a document from the store and the index.");

        group.MapGet("/{id}/overlap", OverlapAsync)
            .RequireAuthorization(Policies.Read)
            .Produces<OverlapResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What this document shares with every other stored document.");

        return group;
    }

    private static async Task<IResult> IngestAsync(HttpContext context, IngestService ingest, IDocumentAnalyzer analyzer, CancellationToken cancellationToken)
    {
        IngestRequest? request;
        HtmlExtraction? page = null;
        string? markup = null;
        if (RawBody.Is(context.Request, "text/html", "application/xhtml+xml"))
        {
            // The page itself is the body; its metadata comes in the query string.
            var (bytes, bodyError) = await RawBody.ReadAsync(context, cancellationToken).ConfigureAwait(false);
            if (bodyError is not null)
            {
                return bodyError;
            }

            var query = context.Request.Query;
            DateTimeOffset? published = null;
            if (!string.IsNullOrWhiteSpace(query["published"]))
            {
                if (!DateTimeOffset.TryParse(query["published"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return Problems.Validation(new Dictionary<string, string[]> { ["published"] = ["The published query parameter must be an ISO 8601 date or time."] });
                }

                published = parsed;
            }

            var decoded = HtmlDecoder.Decode(bytes, RawBody.Charset(context.Request));
            if (!decoded.Succeeded)
            {
                return PageIngest.NoArticle(decoded.Problem == DecodeProblem.Binary ? "the body looks like a binary file, not an HTML page" : "the page is empty");
            }

            markup = decoded.Text!;
            request = new IngestRequest(query["source"], query["url"], published, query["title"], null, query["story"]) { Html = markup };
        }
        else
        {
            var (json, error) = await JsonBody.ReadAsync<IngestRequest>(context, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            request = json!;
            if (request.Html is null && request.Text is not null && MarkupDetector.LooksLikeMarkup(request.Text))
            {
                // A page sent as text is a page.
                request = request with { Html = request.Text, Text = null };
            }

            markup = request.Html;
        }

        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (LooksBinary(request.Text ?? request.Html!))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Text is binary",
                "The text is mostly NUL and control characters, as a binary file is, not an article's prose (the same rule as the command line's). Send the article's plain text.");
        }

        var text = request.Text;
        var source = Blank(request.Source);
        var url = Blank(request.Url);
        var title = Blank(request.Title);
        var date = request.Published;
        if (markup is not null)
        {
            page = new HtmlArticleExtractor().Extract(markup, url);
            if (page.Article is not { } article)
            {
                return PageIngest.NoArticle(page.Problem!);
            }

            text = article.Text;
            url ??= article.CanonicalUrl;
            title ??= article.Title;
            date ??= article.Published;
            source ??= article.SiteName ?? PageIngest.HostOf(url);
            if (source is null)
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["source"] = ["The source (outlet) is required: the page names no site and has no URL."] });
            }
        }

        var command = new IngestCommand(source!.Trim(), url, date, title, text!, Blank(request.Story))
        {
            Original = page?.Article is { } extracted ? PageIngest.Original(markup!, extracted.Blocks) : null,
        };
        IngestResult result;
        try
        {
            result = await ingest.IngestAsync(command, Actor.Of(context.User), cancellationToken).ConfigureAwait(false);
        }
        catch (BudgetExceededException e)
        {
            return Problems.Budget(context, e, "Ingest");
        }

        var response = new IngestResponse(
            result.Outcome.DocumentId,
            result.Outcome.Duplicate,
            result.Outcome.StoryId,
            [.. result.Passages.Select(PassageDto.From)],
            result.NearDuplicates,
            result.Findings,
            new ReviewItemsTouched(result.Outcome.CreatedReviewItems, result.Outcome.UpdatedReviewItems),
            analyzer.Capabilities);
        return result.Outcome.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/api/documents/{response.Id}", response);
    }

    private static Dictionary<string, string[]> Validate(IngestRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Source) && request.Html is null)
        {
            errors["source"] = ["The source (outlet) is required."];
        }
        else if (request.Source is { Length: > MaxSourceLength })
        {
            errors["source"] = [$"The source is longer than {MaxSourceLength} characters."];
        }

        if (request.Html is not null && request.Text is not null)
        {
            errors["html"] = ["Send the article as text or as html, not both."];
        }
        else if (request.Html is not null ? string.IsNullOrWhiteSpace(request.Html) : string.IsNullOrWhiteSpace(request.Text))
        {
            errors[request.Html is not null ? "html" : "text"] = ["The text (or html) is required and must contain more than white space."];
        }

        if (!string.IsNullOrWhiteSpace(request.Url)
            && (request.Url.Length > MaxUrlLength
                || !Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")))
        {
            errors["url"] = ["The url must be an absolute http or https URL."];
        }

        if (request.Title is { Length: > MaxTitleLength })
        {
            errors["title"] = [$"The title is longer than {MaxTitleLength} characters."];
        }

        if (request.Story is { Length: > MaxStoryKeyLength })
        {
            errors["story"] = [$"The story key is longer than {MaxStoryKeyLength} characters."];
        }

        return errors;
    }

    /// <summary>
    /// The command line's binary-file rule (Core's <see cref="TextDecoder"/>: a NUL, or more than a tenth C0 controls,
    /// in the first 8 KiB), applied to the UTF-8 form of the text's first 8 Ki characters.
    /// </summary>
    private static bool LooksBinary(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 8 * 1024));
        var bytes = System.Text.Encoding.UTF8.GetBytes(head.ToArray());
        return TextDecoder.Decode(bytes).Problem == DecodeProblem.Binary;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> GetAsync(string id, IClaimStore store, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Problems.NotFound("document", id);
        }

        var findings = await store.GetStoryFindingsAsync(document.StoryId, cancellationToken).ConfigureAwait(false);
        var original = await store.GetOriginalAsync(document.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DocumentResponse(
            document.Id, document.Source, document.Url, document.Published, document.Title, document.StoryId, document.StoryKey,
            document.IngestedAt, document.Text, [.. document.Passages.Select(PassageDto.From)], document.Removed,
            [.. findings.Where(f => f.Document == document.Id).Select(f => f.Finding)])
        {
            Format = original?.Format ?? "text",
        });
    }

    private static async Task<IResult> OriginalAsync(string id, IClaimStore store, CancellationToken cancellationToken)
    {
        var original = await store.GetOriginalAsync(id, cancellationToken).ConfigureAwait(false);
        if (original is null)
        {
            return await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false) is null
                ? Problems.NotFound("document", id)
                : Problems.Create(StatusCodes.Status404NotFound, "No original", $"Document '{id}' arrived as text; there is no page to show.");
        }

        return TypedResults.Ok(new OriginalResponse(id, original.Format, original.Markup, PageIngest.Blocks(original.BlocksJson)));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IngestService ingest, CancellationToken cancellationToken) =>
        await ingest.DeleteAsync(id, Actor.Of(context.User), cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.NotFound("document", id);

    private static async Task<IResult> OverlapAsync(string id, IClaimStore store, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Problems.NotFound("document", id);
        }

        var edges = await store.GetEdgesForDocumentAsync(id, cancellationToken).ConfigureAwait(false);
        var documents = new Dictionary<string, StoredDocument>(StringComparer.Ordinal) { [id] = document };
        foreach (var other in edges.Select(e => e.OtherDocument).Distinct(StringComparer.Ordinal))
        {
            if (await store.GetDocumentAsync(other, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                documents[other] = stored;
            }
        }

        // Oriented from this document: A is always the requested one.
        var overlap = ClusterBuilder.Overlap(edges, documents)
            .Select(o => o.A == id ? o : new Core.Similarity.DocumentOverlap(o.B, o.A, o.SharedPassages, o.BShare, o.AShare, o.LikelyOrigin)
            {
                ASharedCharacters = o.BSharedCharacters,
                BSharedCharacters = o.ASharedCharacters,
                APassageShare = o.BPassageShare,
                BPassageShare = o.APassageShare,
            })
            .ToList();
        return TypedResults.Ok(new OverlapResponse(id, overlap, edges));
    }
}
