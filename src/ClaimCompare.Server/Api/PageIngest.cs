using System.Buffers;
using System.Text.Json;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClaimCompare.Server.Api;

/// <summary>Reads bodies that are not JSON (a page, a feed) under the same size limit as JSON bodies.</summary>
internal static class RawBody
{
    public static async Task<(byte[]? Bytes, IResult? Error)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.MaxBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return (null, TooLarge(limit));
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            if (buffer.Length == 0)
            {
                return (null, Problems.Create(StatusCodes.Status400BadRequest, "Empty body", "The request body is empty."));
            }

            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
    }

    /// <summary>The charset parameter of the request's Content-Type, if any.</summary>
    public static string? Charset(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue ? type.Charset.Value : null;

    /// <summary>Whether the request's Content-Type is one of <paramref name="mediaTypes"/>.</summary>
    public static bool Is(HttpRequest request, params string[] mediaTypes) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && Array.Exists(mediaTypes, m => type.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge(long limit) =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The request body exceeds the limit of {limit} bytes.");
}

/// <summary>Turns extracted pages into what the store keeps of them.</summary>
internal static class PageIngest
{
    public static IResult NoArticle(string problem) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "No article content",
            $"The page yields no article: {problem}.", new Dictionary<string, object?> { ["problem"] = problem });

    /// <summary>The stored original: the mark-up and each paragraph's source offset, as JSON.</summary>
    public static DocumentOriginal Original(string markup, IReadOnlyList<ArticleBlock> blocks)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var block in blocks)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", block.Start);
                writer.WriteNumber("end", block.End);
                writer.WriteString("element", block.Element);
                writer.WriteNumber("source", block.SourceOffset);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return new DocumentOriginal("html", markup, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static IReadOnlyList<OriginalBlock> Blocks(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var blocks = new List<OriginalBlock>();
        foreach (var block in document.RootElement.EnumerateArray())
        {
            blocks.Add(new OriginalBlock(
                block.GetProperty("start").GetInt32(), block.GetProperty("end").GetInt32(),
                block.GetProperty("element").GetString() ?? "", block.GetProperty("source").GetInt32()));
        }

        return blocks;
    }

    public static string? HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
