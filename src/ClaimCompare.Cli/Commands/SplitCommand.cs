using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaimCompare.Cli.Input;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Commands;

/// <summary><c>claimcompare split</c>: normalise, strip boilerplate and split documents into passages.</summary>
/// <remarks>
/// Streams: each document is split on a worker thread as soon as it is read and written in input order (in writes of
/// about 256 KB, and at least every 0.1 s while the next document is not ready), so memory holds a few documents,
/// never the input or the output.
/// </remarks>
internal static class SplitCommand
{
    /// <summary>Bytes of JSON gathered before one write to stdout.</summary>
    private const int OutputChunk = 256 * 1024;

    /// <summary>The writer of each worker thread.</summary>
    [ThreadStatic]
    private static SplitJsonWriter? t_writer;

    /// <summary>The text writer of each worker thread.</summary>
    [ThreadStatic]
    private static SplitTextWriter? t_textWriter;

    /// <summary>
    /// Documents of at least this many characters are split on the consumer's thread, in input order, with their JSON
    /// sent out as it is made (see <see cref="SplitJsonWriter"/>); smaller ones on the workers, each into a buffer of
    /// its own. Internal and settable for tests.
    /// </summary>
    internal static int StreamingLength { get; set; } = 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var inputs = CommonOptions.Inputs();
        var format = CommonOptions.Format(OutputFormat.Text, OutputFormat.Text, OutputFormat.Json);
        var maxBytes = CommonOptions.MaxBytes();
        var command = new Command("split", "Split articles into sentences and headings, with exact offsets and the boilerplate removed.")
        {
            inputs, format, maxBytes,
        };
        command.SetAction(parse =>
        {
            // The background GC: without it, documents promoted while in flight pile up as gen-2 garbage and the peak
            // grows with the input (see the project file).
            GCSettings.LatencyMode = GCLatencyMode.Interactive;
            var pipeline = new TextPipeline();
            using var progress = Progress.Start(context, "split", "documents", streamsOutput: true);
            // Documents' output is gathered into writes of about 256 KB (one system call each, instead of one per
            // document), and flushed at least every 0.1 s while the next document is not ready, so a slow input still streams.
            var output = new ChunkedOutput(context.Out, OutputChunk);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                using var streaming = new SplitJsonWriter();
                var code = StreamInOrder(context, parse, inputs, maxBytes, output, progress,
                    (document, buffer) => (t_writer ??= new SplitJsonWriter()).Write(pipeline, document, buffer, comma: false),
                    (document, written) => streaming.Write(pipeline, document, output, comma: written > 0),
                    // Each document's writer starts the array with "["; after the first document that byte is the comma.
                    static (bytes, written) =>
                    {
                        if (written > 0)
                        {
                            bytes[0] = (byte)',';
                        }
                    },
                    out var documents);
                if (documents > 0)
                {
                    output.Write("\n]\n"u8);
                }

                Flush(context, output);
                return code;
            }

            var text = new SplitTextWriter();
            var textCode = StreamInOrder(context, parse, inputs, maxBytes, output, progress,
                (document, buffer) => (t_textWriter ??= new SplitTextWriter()).Write(pipeline, document, buffer),
                (document, _) => text.Write(pipeline, document, output),
                null,
                out _);
            Flush(context, output);
            return textCode;
        });
        return command;
    }

    /// <summary>Lets the consumer change a small document's bytes before they go out; <paramref name="written"/> counts the documents before it.</summary>
    private delegate void BeforeSend(Span<byte> bytes, int written);

    /// <summary>
    /// Splits the inputs and sends each document's output in input order: a small document on a worker, into a buffer of
    /// its own (pooled); a huge one (<see cref="StreamingLength"/>) later on this thread, straight into
    /// <paramref name="output"/> in chunks as it is split, so memory holds its text and a window of its normalised text,
    /// not its passages or its output.
    /// </summary>
    private static int StreamInOrder(
        CliContext context, ParseResult parse, Argument<string[]> inputs, Option<long> maxBytes, ChunkedOutput output, Progress progress,
        Action<SourceDocument, ArrayBufferWriter<byte>> writeSmall, Action<SourceDocument, int> writeHuge, BeforeSend? beforeSend,
        out int documents)
    {
        var buffers = new ConcurrentBag<ArrayBufferWriter<byte>>();
        var written = 0;
        var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
        var code = context.RunStreaming(parse, inputs, maxBytes,
            document =>
            {
                if (document.Text.Length >= StreamingLength)
                {
                    return (Buffer: (ArrayBufferWriter<byte>?)null, Document: document);
                }

                var buffer = buffers.TryTake(out var reused) ? reused : new ArrayBufferWriter<byte>(16 * 1024);
                writeSmall(document, buffer);
                return (Buffer: buffer, Document: document);
            },
            result =>
            {
                if (result.Buffer is null)
                {
                    writeHuge(result.Document, written);
                }
                else
                {
                    var bytes = MemoryMarshal.AsMemory(result.Buffer.WrittenMemory).Span;
                    beforeSend?.Invoke(bytes, written);
                    output.Write(bytes);
                    result.Buffer.ResetWrittenCount();
                    buffers.Add(result.Buffer);
                }

                written++;
                progress.Advance(result.Document.Text.Length);
            },
            () =>
            {
                // Waiting for a worker: what is gathered goes out if it has waited a while.
                if (sinceFlush.ElapsedMilliseconds >= OrderedDocumentStream.IdleInterval)
                {
                    sinceFlush.Restart();
                    Flush(context, output);
                }
            });
        documents = written;
        return code;
    }

    private static void Flush(CliContext context, ChunkedOutput output)
    {
        output.Send();
        context.Out.Flush();
    }

    internal static string? FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

}
