using System.Buffers;
using System.Globalization;
using System.Text;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Commands;

/// <summary>
/// Writes one document of <c>split --format text</c> as its passages come out of the pipeline, in UTF-8: like
/// <see cref="SplitJsonWriter"/>, no passage object or string is made, and with a <see cref="ChunkedOutput"/> behind it a
/// huge document goes out in pieces. The passage and removal counts close the document's block, since they are known
/// only once it has been split.
/// </summary>
/// <remarks>One instance is reused for many documents on one thread.</remarks>
internal sealed class SplitTextWriter : PassageSink
{
    private readonly StringBuilder _line = new(256);
    private readonly Utf8Chars _chars = new();
    private IBufferWriter<byte> _output = null!;
    private int _paragraph;

    /// <summary>Writes <paramref name="document"/> into <paramref name="output"/> as it is split.</summary>
    public void Write(TextPipeline pipeline, SourceDocument document, IBufferWriter<byte> output)
    {
        _output = output;
        _paragraph = -1;
        var streamed = pipeline.Process(document, this, CancellationToken.None);
        var culture = CultureInfo.InvariantCulture;
        if (streamed.Removed.Count > 0)
        {
            _line.Append('\n');
            foreach (var removed in streamed.Removed)
            {
                _line.Append(culture, $"- removed {removed.Reason} {removed.Start}-{removed.End}: ");
                AppendFlattened(_line, removed.Text);
                _line.Append('\n');
                Flush();
            }
        }

        _line.Append(culture, $"   passages: {streamed.PassageCount}   removed: {streamed.Removed.Count}\n\n");
        Flush();
        _output = null!;
    }

    /// <inheritdoc />
    public override void Begin(SourceDocument document, DateOnly? documentDate)
    {
        var culture = CultureInfo.InvariantCulture;
        _line.Append(culture, $"== {document.Id}  {document.Path}\n");
        _line.Append(culture, $"   date: {SplitCommand.FormatDate(documentDate) ?? "unknown"}\n");
        Flush();
    }

    /// <inheritdoc />
    public override void Add(in StreamedPassage passage)
    {
        if (passage.Paragraph != _paragraph)
        {
            _paragraph = passage.Paragraph;
            _line.Append('\n');
        }

        var marker = passage.Kind == PassageKind.Heading ? "#" : " ";
        _line.Append(CultureInfo.InvariantCulture, $"{marker} [{passage.Index,3}] ¶{passage.Paragraph,-3} {passage.Start,6}-{passage.End,-6} ");
        if (passage.IsNormalizedWhole && passage.Normalized.Length <= 4096)
        {
            _line.Append(passage.Normalized).Append('\n');
            Flush();
            return;
        }

        // A long passage goes out in pieces (one longer than the window a huge document is read in is normalised again).
        Flush();
        _chars.Output = _output;
        passage.CopyNormalizedTo(_chars);
        _chars.Complete();
        _line.Append('\n');
        Flush();
    }

    private void Flush()
    {
        foreach (var chunk in _line.GetChunks())
        {
            Encode(chunk.Span, _output);
        }

        _line.Clear();
    }

    private static void Encode(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        while (!text.IsEmpty)
        {
            var piece = text[..Math.Min(text.Length, 4096)];
            if (char.IsHighSurrogate(piece[^1]) && piece.Length < text.Length)
            {
                piece = piece[..^1];
                if (piece.IsEmpty)
                {
                    piece = text[..2];
                }
            }

            var written = Encoding.UTF8.GetBytes(piece, output.GetSpan(Encoding.UTF8.GetMaxByteCount(piece.Length)));
            output.Advance(written);
            text = text[piece.Length..];
        }
    }

    /// <summary>Flattens white space as the text format always has: runs become one space, none at either end.</summary>
    private static void AppendFlattened(StringBuilder builder, string text)
    {
        var first = true;
        foreach (var part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first)
            {
                builder.Append(' ');
            }

            builder.Append(part);
            first = false;
        }
    }

    /// <summary>Receives characters in pieces and sends them on as UTF-8 (a surrogate pair split between pieces stays whole).</summary>
    private sealed class Utf8Chars : IBufferWriter<char>
    {
        private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
        private char[] _buffer = new char[16 * 1024];

        public IBufferWriter<byte> Output { get; set; } = null!;

        public void Advance(int count)
        {
            var chars = _buffer.AsSpan(0, count);
            var bytes = Output.GetSpan(_encoder.GetByteCount(chars, flush: false) + 4);
            var written = _encoder.GetBytes(chars, bytes, flush: false);
            Output.Advance(written);
        }

        public Memory<char> GetMemory(int sizeHint = 0)
        {
            if (sizeHint > _buffer.Length)
            {
                _buffer = new char[sizeHint];
            }

            return _buffer;
        }

        public Span<char> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public void Complete()
        {
            var bytes = Output.GetSpan(8);
            var written = _encoder.GetBytes([], bytes, flush: true);
            Output.Advance(written);
            Output = null!;
        }
    }
}
