using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaimCompare.Server.Hosting;

/// <summary>The <c>type</c> URI of a problem whose status ASP.NET Core has no default for (413, 414, 428, 429, 431 ...).</summary>
internal static class ProblemTypes
{
    public static string For(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        StatusCodes.Status414UriTooLong => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15",
        StatusCodes.Status428PreconditionRequired => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        StatusCodes.Status503ServiceUnavailable => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        // 499 (client closed) and anything else without a registered meaning: the status says it all (RFC 9457 4.2.1).
        _ => "about:blank",
    };
}

/// <summary>Headers on every response: no MIME sniffing, and nothing cached (answers carry reviewers' data).</summary>
internal static class ResponseHeaders
{
    public static Task AddAsync(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next();
    }
}

/// <summary>
/// The service's own limits on the request target and headers, answered with problem details (414, 431). Kestrel's
/// limits are raised above them, since Kestrel answers a request over its limits with an empty body and never calls
/// the app.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Longest request target (path and query), in characters; Kestrel's default request-line limit.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Largest total of header names and values, in bytes; Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Most headers per request; Kestrel's default.</summary>
    public const int MaxHeaderCount = 100;

    public static void RaiseServerLimits(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = Math.Max(limits.MaxRequestLineSize, 8 * MaxTargetLength);
        limits.MaxRequestHeadersTotalSize = Math.Max(limits.MaxRequestHeadersTotalSize, 4 * MaxHeaderBytes);
        limits.MaxRequestHeaderCount = Math.Max(limits.MaxRequestHeaderCount, 2 * MaxHeaderCount);
    }

    public static async Task CheckAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var target = request.PathBase.Value!.Length + request.Path.Value!.Length + request.QueryString.Value!.Length;
        if (target > MaxTargetLength)
        {
            await WriteAsync(context, StatusCodes.Status414UriTooLong, "URI too long",
                $"The request target is {target:N0} characters long; the limit is {MaxTargetLength:N0}. Send long values in a body.").ConfigureAwait(false);
            return;
        }

        var count = 0;
        var bytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            count += Math.Max(1, values.Count);
            bytes += name.Length * Math.Max(1, values.Count);
            foreach (var value in values)
            {
                bytes += value?.Length ?? 0;
            }
        }

        if (count > MaxHeaderCount || bytes > MaxHeaderBytes)
        {
            await WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request header fields too large",
                $"The request has {count} header fields of {bytes:N0} bytes in all; the limits are {MaxHeaderCount} fields and {MaxHeaderBytes:N0} bytes.").ConfigureAwait(false);
            return;
        }

        await next().ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}

/// <summary>Records store write failures for <c>/healthz</c>; the exception handler still answers (503 problem details).</summary>
internal sealed class StoreFailureHandler(StoreWriteFailures failures) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StoreWriteFailures.IsWriteFailure(exception))
        {
            failures.Record(StoreWriteFailures.Describe(exception));
        }
        else if (StoreWriteFailures.IsTransient(exception))
        {
            // Answered 503 by the status selector: the database was briefly unavailable, so the client may try again.
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return ValueTask.FromResult(false);
    }
}

/// <summary><c>/healthz</c>'s body: the status, and for anything but Healthy the reason on the next line.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Status != HealthStatus.Healthy && entry.Description is { } description)
            {
                text.Append('\n').Append(name).Append(": ").Append(description);
            }
        }

        return context.Response.WriteAsync(text.ToString());
    }
}
