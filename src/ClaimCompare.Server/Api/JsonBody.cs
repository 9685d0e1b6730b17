using System.Text.Json;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Api;

/// <summary>Reads JSON request bodies with a size limit and errors that say where the JSON is wrong.</summary>
/// <remarks>
/// Done by hand rather than by parameter binding: binding failures carry no position, and the limit must hold
/// behind any server (Kestrel enforces its own; the in-memory test server does not).
/// </remarks>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.MaxBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the body as JSON with Content-Type: application/json."));
        }

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }

        if (bytes.Length == 0)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "Empty body", "The request body is empty; send a JSON object."));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? (null, Problems.Create(StatusCodes.Status400BadRequest, "Invalid JSON", "The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "Invalid JSON",
                $"The request body is not valid JSON for this endpoint at {path} (line {line}, byte {position}).",
                new Dictionary<string, object?> { ["path"] = path, ["line"] = line, ["bytePositionInLine"] = position }));
        }
    }

    private static IResult TooLarge(long limit) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The request body exceeds the limit of {limit} bytes.");
}

/// <summary>Problem-details results.</summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    public static IResult NotFound(string what, object id) =>
        Create(StatusCodes.Status404NotFound, "Not found", $"No {what} with id '{id}'.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "The request has invalid fields; see errors.");

    /// <summary>
    /// A request stopped by its budget: 503 with <c>Retry-After</c> when it never got its turn (the service was busy),
    /// else 422 (this input costs more than the budget allows; retrying will not help), with what happened.
    /// </summary>
    public static IResult Budget(HttpContext context, Budgets.BudgetExceededException exceeded, string what)
    {
        var extensions = new Dictionary<string, object?> { ["limit"] = exceeded.Limit.ToString().ToLowerInvariant() };
        if (exceeded.Limit == Budgets.BudgetLimit.Queue)
        {
            context.Response.Headers.RetryAfter = "5";
            return Create(StatusCodes.Status503ServiceUnavailable, $"{what} budget exhausted while waiting", exceeded.Message, extensions);
        }

        return Create(StatusCodes.Status422UnprocessableEntity,
            exceeded.Limit switch
            {
                Budgets.BudgetLimit.Memory => $"{what} memory budget exceeded",
                Budgets.BudgetLimit.Cpu => $"{what} CPU-time budget exceeded",
                _ => $"{what} time budget exceeded",
            }, exceeded.Message, extensions);
    }
}
