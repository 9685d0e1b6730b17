using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
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
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // stdout JSON is never embedded in HTML; keeping quotes and accents literal keeps it diffable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Bytes of JSON gathered before one write to stdout.</summary>
    private const int OutputChunk = 256 * 1024;

    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText DateName = JsonEncodedText.Encode("date");
    private static readonly JsonEncodedText PassagesName = JsonEncodedText.Encode("passages");
    private static readonly JsonEncodedText RemovedName = JsonEncodedText.Encode("removed");
    private static readonly JsonEncodedText IndexName = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText ParagraphName = JsonEncodedText.Encode("paragraph");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText EndName = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Sentence = JsonEncodedText.Encode("sentence");
    private static readonly JsonEncodedText Heading = JsonEncodedText.Encode("heading");

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
            var pipeline = new TextPipeline();
            using var progress = Progress.Start(context, "split", "documents", streamsOutput: true);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var buffers = new ConcurrentBag<ArrayBufferWriter<byte>>();
                // Documents' JSON is gathered into writes of about 256 KB (one system call each, instead of one per
                // document), and flushed at least every 0.1 s while the next document is not ready, so a slow input still streams.
                var pending = new ArrayBufferWriter<byte>(OutputChunk + (64 * 1024));
                var written = 0;
                var sinceFlush = System.Diagnostics.Stopwatch.StartNew();
                void FlushPending()
                {
                    sinceFlush.Restart();
                    if (pending.WrittenCount > 0)
                    {
                        context.Out.WriteUtf8(pending.WrittenSpan);
                        pending.ResetWrittenCount();
                    }

                    context.Out.Flush();
                }

                var code = context.RunStreaming(parse, inputs, maxBytes,
                    document =>
                    {
                        var buffer = buffers.TryTake(out var reused) ? reused : new ArrayBufferWriter<byte>(16 * 1024);
                        WriteJson(buffer, pipeline.Process(document));
                        return (Buffer: buffer, Chars: document.Text.Length);
                    },
                    result =>
                    {
                        // Each document's writer starts the array with "["; after the first document that byte is the comma.
                        var bytes = MemoryMarshal.AsMemory(result.Buffer.WrittenMemory).Span;
                        if (written > 0)
                        {
                            bytes[0] = (byte)',';
                        }

                        if (pending.WrittenCount + bytes.Length > OutputChunk)
                        {
                            FlushPending();
                        }

                        if (bytes.Length >= OutputChunk)
                        {
                            context.Out.WriteUtf8(bytes);
                        }
                        else
                        {
                            pending.Write(bytes);
                        }

                        written++;
                        progress.Advance(result.Chars);
                        result.Buffer.ResetWrittenCount();
                        buffers.Add(result.Buffer);
                    },
                    () =>
                    {
                        // Waiting for a worker: what is gathered goes out if it has waited a while.
                        if (sinceFlush.ElapsedMilliseconds >= OrderedDocumentStream.IdleInterval)
                        {
                            FlushPending();
                        }
                    });
                if (written > 0)
                {
                    pending.Write("\n]\n"u8);
                }

                FlushPending();
                return code;
            }

            var sinceTextFlush = System.Diagnostics.Stopwatch.StartNew();
            return context.RunStreaming(parse, inputs, maxBytes,
                document => (Text: WriteText(pipeline.Process(document)), Chars: document.Text.Length),
                result =>
                {
                    context.Out.Write(result.Text);
                    progress.Advance(result.Chars);
                },
                () =>
                {
                    if (sinceTextFlush.ElapsedMilliseconds >= OrderedDocumentStream.IdleInterval)
                    {
                        context.Out.Flush();
                        sinceTextFlush.Restart();
                    }
                });
        });
        return command;
    }

    /// <summary>
    /// One document as an element of the top-level array, preceded by the array's <c>[</c> (the caller turns it into
    /// the separating comma after the first document), so the indentation is that of one array of all documents.
    /// </summary>
    private static void WriteJson(ArrayBufferWriter<byte> buffer, ProcessedDocument document)
    {
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString(IdName, document.Id);
        json.WriteString(PathName, document.Path);
        if (FormatDate(document.Date) is { } date)
        {
            json.WriteString(DateName, date);
        }
        else
        {
            json.WriteNull(DateName);
        }

        json.WriteStartArray(PassagesName);
        foreach (var p in document.Passages)
        {
            json.WriteStartObject();
            json.WriteNumber(IndexName, p.Index);
            json.WriteNumber(ParagraphName, p.Paragraph);
            json.WriteString(KindName, p.Kind == PassageKind.Heading ? Heading : Sentence);
            json.WriteNumber(StartName, p.Start);
            json.WriteNumber(EndName, p.End);
            json.WriteString(TextName, p.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray(RemovedName);
        foreach (var r in document.Removed)
        {
            json.WriteStartObject();
            json.WriteNumber(StartName, r.Start);
            json.WriteNumber(EndName, r.End);
            json.WriteString(ReasonName, r.Reason);
            json.WriteString(TextName, r.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static string WriteText(ProcessedDocument document)
    {
        var output = new StringBuilder(document.OriginalText.Length + (document.Passages.Count * 32));
        var culture = CultureInfo.InvariantCulture;
        output.Append(culture, $"== {document.Id}  {document.Path}\n");
        output.Append(culture, $"   date: {FormatDate(document.Date) ?? "unknown"}   passages: {document.Passages.Count}   removed: {document.Removed.Count}\n");
        var paragraph = -1;
        foreach (var passage in document.Passages)
        {
            if (passage.Paragraph != paragraph)
            {
                paragraph = passage.Paragraph;
                output.Append('\n');
            }

            var marker = passage.Kind == PassageKind.Heading ? "#" : " ";
            output.Append(culture, $"{marker} [{passage.Index,3}] ¶{passage.Paragraph,-3} {passage.Start,6}-{passage.End,-6} {passage.Normalized}\n");
        }

        if (document.Removed.Count > 0)
        {
            output.Append('\n');
            foreach (var removed in document.Removed)
            {
                output.Append(culture, $"- removed {removed.Reason} {removed.Start}-{removed.End}: {Flatten(removed.Text)}\n");
            }
        }

        output.Append('\n');
        return output.ToString();
    }

    internal static string? FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Flatten(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
