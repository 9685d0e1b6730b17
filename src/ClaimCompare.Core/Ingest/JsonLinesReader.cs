using System.Buffers;
using System.Text.Json;

namespace ClaimCompare.Core.Ingest;

/// <summary>One article of a JSON-lines dump.</summary>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Id">The <c>id</c> field (a string or a number), if present.</param>
/// <param name="Url">The <c>url</c> field.</param>
/// <param name="Source">The <c>source</c> field (the outlet).</param>
/// <param name="Published">The <c>published</c> field, when it is an ISO 8601 date or time.</param>
/// <param name="Title">The <c>title</c> field.</param>
/// <param name="Text">The <c>text</c> field: the article's plain text.</param>
/// <param name="Html">The <c>html</c> field: the article's page, used when there is no <c>text</c>.</param>
public sealed record JsonLineArticle(long Line, string? Id, string? Url, string? Source, DateTimeOffset? Published, string? Title, string? Text, string? Html);

/// <summary>What one line of a JSON-lines dump held: an article, or why not.</summary>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Article">The article, or <see langword="null"/> when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the line is not an article: not JSON (with the byte position), not an object, no
/// <c>text</c> or <c>html</c>, or longer than the limit.</param>
/// <param name="Warning">What was wrong but did not stop the line (a <c>published</c> value that is not a date).</param>
public readonly record struct JsonLine(long Line, JsonLineArticle? Article, string? Problem, string? Warning);

/// <summary>Reads a JSON-lines dump of articles, one JSON object per line, streaming with memory bounded by the longest line.</summary>
/// <remarks>
/// <para>Fields: <c>id</c>, <c>url</c>, <c>source</c>, <c>published</c>, <c>title</c>, and <c>text</c> or <c>html</c>;
/// others are ignored. Blank lines are skipped; a line that is not a JSON object is reported with its number and the
/// reading goes on with the next line. A line longer than the limit is skipped without being held in memory.</para>
/// <para>The reader keeps one buffer, grown to the longest line seen (at most the limit); each line's strings are
/// the only allocation, so a dump of any size streams through in constant memory.</para>
/// </remarks>
public static class JsonLinesReader
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Reads the lines of <paramref name="stream"/> lazily, in order.</summary>
    /// <param name="stream">The dump, UTF-8 (a leading byte-order mark is skipped).</param>
    /// <param name="maxLineBytes">The longest line accepted, in bytes.</param>
    /// <returns>One entry per non-blank line.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineBytes"/> is not positive.</exception>
    public static IEnumerable<JsonLine> Read(Stream stream, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        return ReadIterator(stream, maxLineBytes);
    }

    private static IEnumerable<JsonLine> ReadIterator(Stream stream, int maxLineBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var start = 0;
            var end = 0;
            long line = 0;
            var skipping = false;
            var first = true;
            var eof = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !eof)
                {
                    if (!skipping && end - start > maxLineBytes)
                    {
                        // Too long: drop what is held and skip to the next line break.
                        skipping = true;
                        line++;
                        yield return new JsonLine(line, null, $"line {line}: longer than the limit of {maxLineBytes:N0} bytes (raise it with --max-bytes)", null);
                    }

                    if (skipping)
                    {
                        start = end = 0;
                    }
                    else if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    if (end == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLineBytes + ChunkSize));
                        Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        eof = true;
                    }

                    end += read;
                    continue;
                }

                var length = newline < 0 ? end - start : newline;
                if (length == 0 && newline < 0)
                {
                    yield break;
                }

                var bytes = buffer.AsSpan(start, length);
                start += newline < 0 ? length : length + 1;
                if (skipping)
                {
                    skipping = false;
                    continue;
                }

                line++;
                if (first)
                {
                    first = false;
                    if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    {
                        bytes = bytes[3..];
                    }
                }

                if (bytes.Length > maxLineBytes)
                {
                    yield return new JsonLine(line, null, $"line {line}: longer than the limit of {maxLineBytes:N0} bytes (raise it with --max-bytes)", null);
                    continue;
                }

                if (IsBlank(bytes))
                {
                    continue;
                }

                yield return Parse(bytes, line);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses one line.</summary>
    /// <param name="utf8">The line's bytes, without the line break.</param>
    /// <param name="line">Its number, for messages.</param>
    /// <returns>The article or the problem.</returns>
    public static JsonLine Parse(ReadOnlySpan<byte> utf8, long line)
    {
        string? id = null, url = null, source = null, published = null, title = null, text = null, html = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new JsonLine(line, null, $"line {line}: expected a JSON object, found {Describe(reader.TokenType)}", null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                ref string? target = ref id;
                var known = true;
                if (name.SequenceEqual("id"u8))
                {
                    target = ref id;
                }
                else if (name.SequenceEqual("url"u8))
                {
                    target = ref url;
                }
                else if (name.SequenceEqual("source"u8))
                {
                    target = ref source;
                }
                else if (name.SequenceEqual("published"u8))
                {
                    target = ref published;
                }
                else if (name.SequenceEqual("title"u8))
                {
                    target = ref title;
                }
                else if (name.SequenceEqual("text"u8))
                {
                    target = ref text;
                }
                else if (name.SequenceEqual("html"u8))
                {
                    target = ref html;
                }
                else
                {
                    known = false;
                }

                reader.Read();
                if (!known)
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        target = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        target = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.Null:
                        target = null;
                        break;
                    default:
                        return new JsonLine(line, null, $"line {line}: field \"{System.Text.Encoding.UTF8.GetString(name)}\" must be a string, not {Describe(reader.TokenType)}", null);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return new JsonLine(line, null, $"line {line}: not JSON (the object does not end)", null);
            }

            if (reader.Read())
            {
                return new JsonLine(line, null, $"line {line}: not JSON (more after the object at byte {reader.TokenStartIndex + 1}; one object per line)", null);
            }
        }
        catch (JsonException ex)
        {
            return new JsonLine(line, null, $"line {line}: not JSON (byte {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)})", null);
        }

        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(html))
        {
            return new JsonLine(line, null, $"line {line}: no \"text\" or \"html\"", null);
        }

        string? warning = null;
        DateTimeOffset? date = null;
        if (!string.IsNullOrWhiteSpace(published))
        {
            if (FeedParser.TryParseDate(published, out var parsed))
            {
                date = parsed;
            }
            else
            {
                warning = $"line {line}: \"published\" is not a date (\"{Truncate(published)}\"); the date is left unknown";
            }
        }

        return new JsonLine(line, new JsonLineArticle(line, Blank(id), Blank(url), Blank(source), date, Blank(title), string.IsNullOrWhiteSpace(text) ? null : text, string.IsNullOrWhiteSpace(html) ? null : html), null, warning);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.None => "nothing",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message.TrimEnd('.') : message[..dot];
    }
}
