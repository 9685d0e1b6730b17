using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;

namespace ClaimCompare.Server.Hosting;

/// <summary>
/// Gives Kestrel's own error responses a problem-details body. Kestrel answers a request it cannot parse (a malformed
/// request line or header, bad chunked framing, an unsupported HTTP version, a request over its raised limits, a
/// request that times out before its headers arrive) itself, with <c>Content-Length: 0</c> and <c>Connection: close</c>,
/// before any middleware runs, and offers no hook for the body (aspnet/KestrelHttpServer#2947). This connection
/// middleware sits between Kestrel's HTTP/1.1 layer and the socket and rewrites exactly that shape of response.
/// </summary>
/// <remarks>
/// Responses pass through untouched and uncopied unless a flush begins with <c>HTTP/1.1 4</c> or <c>HTTP/1.1 5</c>; such a
/// flush is held (a few hundred bytes: the status line and headers) until its header block ends, and is rewritten only
/// when it is a header block alone with <c>Content-Length: 0</c>, <c>Connection: close</c> and no <c>Content-Type</c>,
/// which the application never sends (its errors all carry problem details). On an HTTPS endpoint this middleware sits
/// outside TLS, sees ciphertext and leaves everything alone.
/// </remarks>
internal static class ServerErrorProblems
{
    /// <summary>Adds the rewriting writer to every connection of an endpoint.</summary>
    /// <param name="listenOptions">An endpoint's options (Kestrel's endpoint defaults, so every <c>--urls</c> address).</param>
    public static void Use(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listenOptions) =>
        listenOptions.Use(next => connection =>
        {
            var transport = connection.Transport;
            connection.Transport = new Transport(transport.Input, new Writer(transport.Output));
            return next(connection);
        });

    /// <summary>The problem-details response for a Kestrel error response's header block, or null when it is not one.</summary>
    /// <param name="head">The bytes of one flush: a status line, headers and the blank line, nothing after.</param>
    /// <returns>The replacement response, or null to send <paramref name="head"/> as it is.</returns>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("HTTP/1.1 "u8) || head.Length < 16 || head.IndexOf("\r\n\r\n"u8) != head.Length - 4)
        {
            return null;
        }

        var statusLineEnd = head.IndexOf("\r\n"u8);
        var headers = head[statusLineEnd..];
        var emptyLength = headers.IndexOf("\r\nContent-Length: 0\r\n"u8);
        if (emptyLength < 0 || headers.IndexOf("\r\nConnection: close\r\n"u8) < 0
            || headers.IndexOf("\r\nContent-Type:"u8) >= 0
            || !int.TryParse(head.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || status < 400 || status > 599 || statusLineEnd < 13 || head[12] != (byte)' ')
        {
            return null;
        }

        var reason = Encoding.ASCII.GetString(head[13..statusLineEnd]);
        var body = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("type", TypeFor(status));
            json.WriteString("title", reason);
            json.WriteNumber("status", status);
            json.WriteString("detail", DetailFor(status));
            json.WriteEndObject();
        }

        // The status line and Kestrel's headers (Date, Connection: close) stay; the empty length gives way to the body's.
        var output = new ArrayBufferWriter<byte>(head.Length + body.WrittenCount + 160);
        output.Write(head[..(statusLineEnd + emptyLength)]);
        output.Write(headers[(emptyLength + "\r\nContent-Length: 0"u8.Length)..^2]);
        output.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"Content-Type: application/problem+json\r\nContent-Length: {body.WrittenCount}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n")));
        output.Write(body.WrittenSpan);
        return output.WrittenSpan.ToArray();
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        411 => "https://tools.ietf.org/html/rfc9110#section-15.5.12",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        505 => "https://tools.ietf.org/html/rfc9110#section-15.6.6",
        _ => ProblemTypes.For(status),
    };

    private static string DetailFor(int status) => status switch
    {
        400 => "The request could not be read as HTTP/1.1: a malformed request line, header or chunked body. The connection is closed.",
        405 => "The server does not accept this method here. The connection is closed.",
        408 => "The request's headers or body did not arrive in time. The connection is closed.",
        411 => "This request needs a Content-Length or a chunked body. The connection is closed.",
        413 => "The request body is larger than the server accepts. The connection is closed.",
        414 => "The request line is longer than the server accepts (64 KiB). The connection is closed.",
        431 => "The request's headers are larger than the server accepts (128 KiB, or 200 fields). The connection is closed.",
        505 => "Only HTTP/1.0 and HTTP/1.1 are served here. The connection is closed.",
        _ => "The server refused the request before it reached the service. The connection is closed.",
    };

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>
    /// Lends its own small buffer at the start of each flush, until the bytes written there cannot be an error
    /// response's header block; from then on it lends the socket's writer's memory. At a flush, held bytes go out as
    /// they are, or rewritten when they are a Kestrel error response.
    /// </summary>
    /// <remarks>
    /// Kestrel keeps writing into a span it was lent after calling <see cref="Advance"/> (its BufferWriter slices the span
    /// on), so the writer tracks whose memory it lent last, and only switches to the socket's memory at the next
    /// <see cref="GetMemory"/>, after the held bytes are copied there.
    /// </remarks>
    private sealed class Writer(PipeWriter inner) : PipeWriter
    {
        /// <summary>A held flush longer than this is a response with a body: it goes out as it is.</summary>
        private const int MaxHeld = 8 * 1024;

        private static ReadOnlySpan<byte> ErrorPrefix => "HTTP/1.1 "u8;

        private readonly ArrayBufferWriter<byte> _held = new(512);
        private bool _lentOwn;
        private bool _passing;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes + _held.WrittenCount;

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (!_passing)
            {
                _lentOwn = true;
                return _held.GetMemory(sizeHint);
            }

            Release();
            _lentOwn = false;
            return inner.GetMemory(sizeHint);
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (!_lentOwn)
            {
                inner.Advance(bytes);
                return;
            }

            _held.Advance(bytes);
            _passing = _passing || !CouldBeErrorHead(_held.WrittenSpan);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            SendHeld();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            SendHeld();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            SendHeld();
            return inner.CompleteAsync(exception);
        }

        /// <summary>Ends a flush: the held bytes go out, rewritten when they are a Kestrel error response.</summary>
        private void SendHeld()
        {
            if (!_passing && _held.WrittenCount > 0 && Rewrite(_held.WrittenSpan) is { } problem)
            {
                _held.ResetWrittenCount();
                inner.Write(problem);
            }

            Release();
            _passing = false;
            _lentOwn = false;
        }

        /// <summary>Whether the bytes of a flush so far may still turn out to be an error response's header block alone.</summary>
        private static bool CouldBeErrorHead(ReadOnlySpan<byte> held)
        {
            if (held.Length > MaxHeld)
            {
                return false;
            }

            var prefix = Math.Min(held.Length, ErrorPrefix.Length);
            if (!held[..prefix].SequenceEqual(ErrorPrefix[..prefix])
                || (held.Length > ErrorPrefix.Length && held[ErrorPrefix.Length] is not ((byte)'4' or (byte)'5')))
            {
                return false;
            }

            var end = held.IndexOf("\r\n\r\n"u8);
            return end < 0 || end == held.Length - 4;
        }

        private void Release()
        {
            if (_held.WrittenCount > 0)
            {
                inner.Write(_held.WrittenSpan);
                _held.ResetWrittenCount();
            }
        }
    }
}
