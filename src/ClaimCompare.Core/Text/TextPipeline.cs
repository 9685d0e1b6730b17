namespace ClaimCompare.Core.Text;

/// <summary>
/// Turns a <see cref="SourceDocument"/> into passages (sentences and headings) with exact spans in the
/// original text, removing and reporting boilerplate on the way.
/// </summary>
/// <remarks>
/// <para>Stages: the whole document is normalised once, keeping line breaks and an offset map
/// (<see cref="TextNormalizer"/>); its lines go through the boilerplate rules (each removal reported with one of
/// the <see cref="BoilerplateReasons"/>);
/// the remaining lines are grouped into paragraphs; each paragraph becomes one heading or is split into
/// sentences (<see cref="SentenceSplitter"/>); every span is mapped back to the original text.</para>
/// <para>Paragraphs are separated by blank lines. In a document with blank lines, a single line break
/// joins two lines of one paragraph (hard-wrapped text) unless the first line ends a sentence, looks like
/// a heading, or the second starts a list item. In a document without blank lines (one paragraph per
/// line, like fixture 003) every line break separates paragraphs, except where the text is plainly
/// wrapped mid-sentence: the next line starts in lower case, or the line ends in a comma, a dash or a
/// word such as "the" or "on".</para>
/// <para>The pipeline holds no mutable state: one instance can serve many threads. Everything it reads
/// or writes is in memory; it does no I/O.</para>
/// </remarks>
public sealed class TextPipeline
{
    /// <summary>Creates a pipeline with <see cref="TextPipelineOptions.Default"/>.</summary>
    public TextPipeline()
        : this(TextPipelineOptions.Default)
    {
    }

    /// <summary>Creates a pipeline with the given options.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TextPipelineOptions.MaxHeadingLength"/> is less than 1,
    /// or <see cref="TextPipelineOptions.DatelineSearchDepth"/> is negative.</exception>
    public TextPipeline(TextPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHeadingLength, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.DatelineSearchDepth, nameof(options));
        Options = options;
    }

    /// <summary>The settings of this pipeline.</summary>
    public TextPipelineOptions Options { get; }

    /// <summary>Documents of at least this many characters handed to a <see cref="PassageSink"/> are read a window at a
    /// time (<see cref="WindowedPipeline"/>). Settable for tests.</summary>
    internal int WindowedLength { get; init; } = 1024 * 1024;

    /// <summary>The window of <see cref="WindowedPipeline"/>, in characters. Settable for tests.</summary>
    internal int Window { get; init; } = WindowedPipeline.DefaultWindow;

    /// <summary>Processes one document.</summary>
    /// <param name="document">The document; its text may be empty or contain anything (control characters,
    /// lone surrogates): the result is then simply fewer passages.</param>
    /// <returns>The passages in document order and the removed spans in order of position. Every
    /// passage and removed span satisfies <c>Text == OriginalText[Start..End]</c>; they do not overlap.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> or its text is null.</exception>
    public ProcessedDocument Process(SourceDocument document) => Process(document, CancellationToken.None);

    /// <summary>Processes one document, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="document">The document, as for <see cref="Process(SourceDocument)"/>.</param>
    /// <param name="cancellationToken">Checked between paragraphs.</param>
    /// <returns>As <see cref="Process(SourceDocument)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> or its text is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ProcessedDocument Process(SourceDocument document, CancellationToken cancellationToken)
    {
        List<Passage>? passages = null;
        var (_, removed, date) = Run(document, null, ref passages, cancellationToken);
        return new ProcessedDocument(document.Id, document.Text, passages!, removed)
        {
            Path = document.Path,
            Date = date,
            Outlet = document.Outlet,
            Url = document.Url,
        };
    }

    /// <summary>
    /// Processes one document, handing each passage to <paramref name="sink"/> as it is found instead of keeping them:
    /// the same passages, in the same order, with the same spans as <see cref="Process(SourceDocument, CancellationToken)"/>.
    /// </summary>
    /// <param name="document">The document, as for <see cref="Process(SourceDocument)"/>.</param>
    /// <param name="sink">Receives the document's date (<see cref="PassageSink.Begin"/>), then each passage.</param>
    /// <param name="cancellationToken">Checked between paragraphs.</param>
    /// <returns>The number of passages and the removed spans.</returns>
    /// <remarks>A document of a million characters or more is normalised and split a window at a time, in two passes (the
    /// first for what only the whole document says: whether it has blank lines, its dateline, its last lines), so memory
    /// beyond its text is about that window, its removed spans and the lines the boilerplate rules changed: never a
    /// normalised copy of it, nor its passages. A passage longer than the window comes without its normalised text held
    /// whole (<see cref="StreamedPassage.IsNormalizedWhole"/>, <see cref="StreamedPassage.CopyNormalizedTo"/>).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="document"/>, its text or <paramref name="sink"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StreamedDocument Process(SourceDocument document, PassageSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(document.Text, nameof(document));
        List<Passage>? passages = null;
        var (count, removed, date) = document.Text.Length >= WindowedLength
            ? WindowedPipeline.Run(document, sink, Options, Window, cancellationToken)
            : Run(document, sink, ref passages, cancellationToken);
        return new StreamedDocument(document.Id, count, removed)
        {
            Path = document.Path,
            Date = date,
            Outlet = document.Outlet,
            Url = document.Url,
        };
    }

    private (int Count, RemovedSpan[] Removed, DateOnly? Date) Run(
        SourceDocument document, PassageSink? sink, ref List<Passage>? passages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(document.Text, nameof(document));
        cancellationToken.ThrowIfCancellationRequested();

        var original = document.Text;
        var normalizer = new NormalizerCore(original, keepLineBreaks: true, recordEdits: true, stripMarkup: Options.StripInlineMarkup);
        var lines = new PooledBuffer<TextLine>(64);
        var removals = new PooledBuffer<Removal>(8);
        var sentences = new PooledBuffer<Range>(32);
        try
        {
            normalizer.Run();
            var text = normalizer.WritableOutput;
            TextLine.Scan(text, ref lines);

            DateOnly? datelineDate = null;
            if (Options.RemoveBoilerplate)
            {
                var filter = new BoilerplateFilter(text, lines.AsSpan(), Options);
                filter.Apply(ref removals, out datelineDate);
            }

            var date = document.Date ?? datelineDate;
            sink?.Begin(document, date);
            var builder = new PassageBuilder(original, text, normalizer.Edits, sink);
            BuildPassages(text, lines.AsSpan(), ref builder, ref sentences, cancellationToken);
            passages = builder.Passages;
            return (builder.Count, MapRemovals(original, removals.AsSpan(), normalizer.Edits), date);
        }
        finally
        {
            sentences.Dispose();
            removals.Dispose();
            lines.Dispose();
            normalizer.Dispose();
        }
    }

    private void BuildPassages(Span<char> text, Span<TextLine> lines, ref PassageBuilder builder, ref PooledBuffer<Range> sentences, CancellationToken cancellationToken)
    {
        var blankLineDocument = false;
        for (var i = 1; i < lines.Length; i++)
        {
            blankLineDocument |= lines[i].BlankBefore;
        }

        var paragraph = -1;
        var paragraphStart = -1;
        var paragraphLines = 0;
        var previous = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.IsEmpty)
            {
                continue;
            }

            var joinsPrevious = previous >= 0 && previous == i - 1
                && !line.BlankBefore
                && line.IsWhole
                && lines[previous].IsWhole
                && LineShape.IsSoftBreak(text[lines[previous].Content], text[line.Content], Options.MaxHeadingLength, blankLineDocument);
            if (joinsPrevious)
            {
                // Hard-wrapped text: the line break inside the paragraph becomes a space (same length, no edit).
                text[lines[previous].End] = ' ';
                paragraphLines++;
            }
            else
            {
                if (paragraphStart >= 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    EmitParagraph(text, paragraphStart, lines[previous].ContentEnd, paragraphLines == 1, paragraph, ref builder, ref sentences);
                }

                paragraph++;
                paragraphStart = line.ContentStart;
                paragraphLines = 1;
            }

            previous = i;
        }

        if (paragraphStart >= 0)
        {
            EmitParagraph(text, paragraphStart, lines[previous].ContentEnd, paragraphLines == 1, paragraph, ref builder, ref sentences);
        }
    }

    private void EmitParagraph(ReadOnlySpan<char> text, int start, int end, bool singleLine, int paragraph, ref PassageBuilder builder, ref PooledBuffer<Range> sentences)
    {
        var content = text[start..end];
        sentences.Shrink(sentences.Count);
        SentenceSplitter.SplitInto(content, ref sentences);

        // A heading is one line that reads as one unfinished sentence; two sentences without a final period are still sentences.
        if (singleLine && sentences.Count == 1 && LineShape.IsHeading(content, Options.MaxHeadingLength))
        {
            builder.Add(paragraph, PassageKind.Heading, start, end);
            return;
        }

        foreach (var sentence in sentences.AsSpan())
        {
            var (offset, length) = sentence.GetOffsetAndLength(content.Length);
            builder.Add(paragraph, PassageKind.Sentence, start + offset, start + offset + length);
        }
    }

    private static RemovedSpan[] MapRemovals(string original, ReadOnlySpan<Removal> removals, ReadOnlySpan<NormalizationEdit> edits)
    {
        if (removals.IsEmpty)
        {
            return [];
        }

        var result = new RemovedSpan[removals.Length];
        for (var i = 0; i < removals.Length; i++)
        {
            var removal = removals[i];
            var start = OffsetMap.ToOriginalStart(edits, removal.Start);
            var end = Math.Max(start, OffsetMap.ToOriginalEnd(edits, removal.End));
            result[i] = new RemovedSpan(start, end, removal.Reason, original[start..end]);
        }

        Array.Sort(result, static (a, b) => a.Start.CompareTo(b.Start));
        return result;
    }
}
