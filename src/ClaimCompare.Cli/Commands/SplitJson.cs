using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaimCompare.Cli.Output;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Commands;

/// <summary>
/// Writes one document of <c>split --format json</c> as its passages come out of the pipeline
/// (<see cref="TextPipeline.Process(SourceDocument, PassageSink, CancellationToken)"/>): no passage object or string is
/// made, and with a <see cref="ChunkedOutput"/> behind it a huge document's JSON goes out in pieces instead of whole.
/// </summary>
/// <remarks>
/// A document is written as an element of the top-level array, preceded by the array's <c>[</c>, so that its
/// indentation is that of one array of all documents; the caller turns that byte into the separating comma after the
/// first document (<see cref="Begin"/> does it itself when told <c>comma</c>). One instance is reused for many documents
/// on one thread.
/// </remarks>
internal sealed class SplitJsonWriter : PassageSink, IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // stdout JSON is never embedded in HTML; keeping quotes and accents literal keeps it diffable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

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

    /// <summary>Characters of a passage's text written at once (see <see cref="WriteText"/>).</summary>
    internal const int TextSegment = 16 * 1024;

    private readonly Utf8JsonWriter _json = new(Stream.Null, WriterOptions);
    private ChunkedOutput? _chunked;

    /// <summary>Writes <paramref name="document"/> into <paramref name="output"/> as it is split.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="document">The document.</param>
    /// <param name="output">Where the JSON goes.</param>
    /// <param name="comma">Whether a document was written before: the element then starts with <c>,</c> instead of <c>[</c>
    /// (only for a <see cref="ChunkedOutput"/>, which may send the start out before the end is written; other callers
    /// replace the first byte themselves).</param>
    public void Write(TextPipeline pipeline, SourceDocument document, IBufferWriter<byte> output, bool comma)
    {
        _json.Reset(output);
        _chunked = comma ? output as ChunkedOutput : null;
        var streamed = pipeline.Process(document, this, CancellationToken.None);
        _chunked = null;
        _json.WriteEndArray();
        _json.WriteStartArray(RemovedName);
        foreach (var r in streamed.Removed)
        {
            _json.WriteStartObject();
            _json.WriteNumber(StartName, r.Start);
            _json.WriteNumber(EndName, r.End);
            _json.WriteString(ReasonName, r.Reason);
            _json.WriteString(TextName, r.Text);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    /// <inheritdoc />
    public override void Begin(SourceDocument document, DateOnly? documentDate)
    {
        _json.WriteStartArray();
        if (_chunked is not null)
        {
            _json.Flush();
            _chunked.ReplaceLast((byte)',');
        }

        _json.WriteStartObject();
        _json.WriteString(IdName, document.Id);
        _json.WriteString(PathName, document.Path);
        if (SplitCommand.FormatDate(documentDate) is { } text)
        {
            _json.WriteString(DateName, text);
        }
        else
        {
            _json.WriteNull(DateName);
        }

        _json.WriteStartArray(PassagesName);
    }

    /// <inheritdoc />
    public override void Add(in StreamedPassage passage)
    {
        _json.WriteStartObject();
        _json.WriteNumber(IndexName, passage.Index);
        _json.WriteNumber(ParagraphName, passage.Paragraph);
        _json.WriteString(KindName, passage.Kind == PassageKind.Heading ? Heading : Sentence);
        _json.WriteNumber(StartName, passage.Start);
        _json.WriteNumber(EndName, passage.End);
        WriteText(passage.Text);
        _json.WriteEndObject();
    }

    /// <summary>
    /// The passage's text; a long one in segments, since <see cref="Utf8JsonWriter"/> reserves room for the worst case
    /// of a whole string at once (18 bytes a character: a 16 M-character passage of text without white space asked for a
    /// buffer of its own of some 300 MB).
    /// </summary>
    private void WriteText(ReadOnlySpan<char> text)
    {
        if (text.Length <= TextSegment)
        {
            _json.WriteString(TextName, text);
            return;
        }

        _json.WritePropertyName(TextName);
        while (text.Length > TextSegment)
        {
            _json.WriteStringValueSegment(text[..TextSegment], isFinalSegment: false);
            text = text[TextSegment..];
        }

        _json.WriteStringValueSegment(text, isFinalSegment: true);
    }
}

/// <summary>
/// Gathers UTF-8 output into writes of about <c>chunk</c> bytes to stdout: one system call per chunk instead of one per
/// document, and a document's JSON written through it (as an <see cref="IBufferWriter{T}"/>) goes out in chunks as it is
/// made rather than whole.
/// </summary>
/// <remarks>Chunks end where the writer last advanced, which <see cref="Utf8JsonWriter"/> does only between tokens, so
/// a chunk never splits a character.</remarks>
internal sealed class ChunkedOutput(OutputWriter output, int chunk) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _pending = new(chunk + (64 * 1024));

    /// <inheritdoc />
    public void Advance(int count) => _pending.Advance(count);

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        SendIfFull();
        return _pending.GetMemory(sizeHint);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        SendIfFull();
        return _pending.GetSpan(sizeHint);
    }

    /// <summary>Appends <paramref name="bytes"/>, sending what is gathered first if they would not fit in the chunk.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_pending.WrittenCount + bytes.Length > chunk)
        {
            Send();
        }

        if (bytes.Length >= chunk)
        {
            output.WriteUtf8(bytes);
        }
        else
        {
            _pending.Write(bytes);
        }
    }

    /// <summary>Replaces the last byte written (not yet sent).</summary>
    public void ReplaceLast(byte value) =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(_pending.WrittenMemory).Span[^1] = value;

    /// <summary>Sends what is gathered to stdout (without flushing stdout itself).</summary>
    public void Send()
    {
        if (_pending.WrittenCount > 0)
        {
            output.WriteUtf8(_pending.WrittenSpan);
            _pending.ResetWrittenCount();
        }
    }

    private void SendIfFull()
    {
        if (_pending.WrittenCount >= chunk)
        {
            Send();
        }
    }
}
