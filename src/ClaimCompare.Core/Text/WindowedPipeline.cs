namespace ClaimCompare.Core.Text;

/// <summary>
/// <see cref="TextPipeline"/> for a huge document handed to a <see cref="PassageSink"/>: the same passages, spans and
/// removals, with the normalised text held a window at a time instead of whole.
/// </summary>
/// <remarks>
/// <para>Two passes over the document, each normalising it a window at a time (<see cref="NormalizerCore.Fill"/>,
/// <see cref="NormalizerCore.Discard"/>). The first runs the boilerplate rules line by line (<see cref="WindowedRules"/>)
/// and finds what only the whole document can say: whether it has blank lines (which decides how single line breaks are
/// read), its dateline's date, and what the trailing rules take off its last lines. It keeps only the removals and the
/// lines the rules changed. The second builds paragraphs and splits them into sentences as their text arrives
/// (<see cref="SentenceSplitter.SplitChunk"/>), maps each span to the original through the edits still held, and hands
/// each passage to the sink.</para>
/// <para>Memory beyond the document's own text: the window (a few times <c>window</c> characters), the removals and
/// the changed lines. A paragraph or sentence longer than the window is split as it streams by; a passage longer than
/// the window reaches the sink without its normalised text held whole (<see cref="StreamedPassage.IsNormalizedWhole"/>).</para>
/// <para>The one difference from the whole-document pipeline: a run of more than <c>window / 4</c> non-ASCII characters
/// with no ASCII character in it is normalised in pieces, cut before a letter that composes with nothing before it;
/// where such a run changes length under NFKC, its offset map has one entry per piece instead of one.</para>
/// </remarks>
internal static class WindowedPipeline
{
    /// <summary>The default window, in characters of normalised text.</summary>
    public const int DefaultWindow = 1 << 20;

    /// <summary>The smallest window: the rules must see a giant line's head and tail, the splitter its look-ahead.</summary>
    public const int MinimumWindow = 4 * WindowedRules.HeadLength;

    public static (int Count, RemovedSpan[] Removed, DateOnly? Date) Run(
        SourceDocument document, PassageSink sink, TextPipelineOptions options, int window, CancellationToken cancellationToken)
    {
        window = Math.Max(window, MinimumWindow);
        var original = document.Text;
        var scan = Scan(original, options, window, cancellationToken);
        var date = document.Date ?? scan.Rules.Date;
        sink.Begin(document, date);
        var builder = new Builder(original, sink, options, scan, window);
        try
        {
            var count = builder.Run(cancellationToken);
            return (count, builder.Removed(), date);
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>The first pass: the rules, line by line; blank lines; the date.</summary>
    private static ScanResult Scan(string original, TextPipelineOptions options, int window, CancellationToken cancellationToken)
    {
        var rules = options.RemoveBoilerplate ? new WindowedRules(options) : null;
        var normalizer = new NormalizerCore(original, keepLineBreaks: true, recordEdits: false, options.StripInlineMarkup, window + (window >> 2), window >> 2);
        try
        {
            var blankLineDocument = false;
            var lineIndex = 0;
            var start = 0;
            var blankBefore = false;
            var searched = 0;
            var giant = false;
            while (true)
            {
                var text = normalizer.Output;
                var textBase = normalizer.Base;
                var length = normalizer.Length;
                var from = Math.Max(start, searched);
                var rel = from < length ? text[(from - textBase)..].IndexOf('\n') : -1;
                if (rel < 0 && !normalizer.Done)
                {
                    searched = length;
                    if (!giant && length - start >= window)
                    {
                        giant = true;
                        rules?.GiantHead(start, text[(start - textBase)..]);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    // Keep the line being read (or, for a giant line, the end a trailing rule may need).
                    var keep = giant ? Math.Max(start, length - WindowedRules.TailLength) : start;
                    normalizer.Discard(keep, keep);
                    normalizer.Fill(Math.Max(normalizer.Base + window, normalizer.Length + (window >> 2)));
                    continue;
                }

                var end = rel < 0 ? length : from + rel;
                if (end == start)
                {
                    if (end >= length)
                    {
                        break;
                    }

                    blankBefore = true;
                }
                else
                {
                    blankLineDocument |= lineIndex > 0 && blankBefore;
                    if (giant)
                    {
                        rules?.GiantEnd(end, text, textBase);
                    }
                    else
                    {
                        rules?.Line(start, end, text, textBase);
                    }

                    lineIndex++;
                    blankBefore = false;
                    giant = false;
                }

                start = end + 1;
                searched = start;
                if (start > length || (start == length && normalizer.Done))
                {
                    break;
                }
            }

            rules?.Finish();
            return new ScanResult(rules ?? new WindowedRules(options), blankLineDocument, rules is not null);
        }
        finally
        {
            normalizer.Dispose();
        }
    }

    /// <summary>A point between two steps of the normaliser: where it had read to, how much it had written, its last character.</summary>
    internal readonly record struct Checkpoint(int SourcePosition, int Length, char Last);

    private sealed record ScanResult(WindowedRules Rules, bool BlankLineDocument, bool HasRules);

    /// <summary>The second pass: paragraphs, sentences, passages.</summary>
    private sealed class Builder(string original, PassageSink sink, TextPipelineOptions options, ScanResult scan, int window) : IDisposable
    {
        private readonly List<LineMod> _mods = scan.HasRules ? scan.Rules.Mods : [];
        private readonly List<Removal> _removals = scan.HasRules ? scan.Rules.Removals : [];
        private readonly int[] _removalStarts = new int[scan.HasRules ? scan.Rules.Removals.Count : 0];
        private readonly int[] _removalEnds = new int[scan.HasRules ? scan.Rules.Removals.Count : 0];
        private readonly char[] _previousTail = new char[64];
        private PooledBuffer<Range> _sentences = new(32);
        private int _mappedStarts;
        private int _mappedEnds;
        private int _modCursor;

        // The paragraph being built.
        private int _paragraph = -1;
        private bool _inParagraph;
        private int _paragraphStart;
        private int _paragraphLines;
        private int _paragraphSentences;
        private SentenceSplitter.SplitState _split;

        // The text of the paragraph so far ends here: the end of the current line's content, or of what is held of it.
        private int _available;
        private int _currentContentStart;
        private int _currentContentEnd;
        private bool _currentComplete;

        // The last line that kept content.
        private int _previousIndex = -1;
        private int _previousEnd;
        private int _previousContentEnd;
        private bool _previousWhole;
        private int _previousTailLength;

        // Passages.
        private int _count;
        private int _lastEnd;
        private int _giantStart = -1;
        private int _giantStartMapped;
        private Checkpoint _giantCheckpoint;
        private readonly List<Checkpoint> _checkpoints = [new Checkpoint(0, 0, '\0')];

        public void Dispose() => _sentences.Dispose();

        public RemovedSpan[] Removed()
        {
            var result = new RemovedSpan[_removals.Count];
            for (var i = 0; i < result.Length; i++)
            {
                var start = _removalStarts[i];
                var end = Math.Max(start, _removalEnds[i]);
                result[i] = new RemovedSpan(start, end, _removals[i].Reason, original[start..end]);
            }

            Array.Sort(result, static (a, b) => a.Start.CompareTo(b.Start));
            return result;
        }

        public int Run(CancellationToken cancellationToken)
        {
            var normalizer = new NormalizerCore(original, keepLineBreaks: true, recordEdits: true, options.StripInlineMarkup, window + (window >> 2), window >> 2);
            try
            {
                Lines(ref normalizer, cancellationToken);
                MapRemovals(ref normalizer);
                return _count;
            }
            finally
            {
                normalizer.Dispose();
            }
        }

        private void Lines(ref NormalizerCore normalizer, CancellationToken cancellationToken)
        {
            var lineIndex = 0;
            var start = 0;
            var blankBefore = false;
            var searched = 0;
            var giant = false;
            normalizer.Fill(window);
            while (true)
            {
                var text = normalizer.Output;
                var textBase = normalizer.Base;
                var length = normalizer.Length;
                var from = Math.Max(start, searched);
                var rel = from < length ? text[(from - textBase)..].IndexOf('\n') : -1;
                if (rel < 0 && !normalizer.Done)
                {
                    searched = length;
                    if (!giant && length - start >= window)
                    {
                        giant = true;
                        BeginLine(ref normalizer, lineIndex, start, -1, blankBefore);
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    Pump(ref normalizer, giant ? -1 : start);
                    continue;
                }

                var end = rel < 0 ? length : from + rel;
                if (end == start)
                {
                    if (end >= length)
                    {
                        break;
                    }

                    blankBefore = true;
                }
                else
                {
                    if (!giant)
                    {
                        BeginLine(ref normalizer, lineIndex, start, end, blankBefore);
                    }

                    EndLine(ref normalizer, end);
                    lineIndex++;
                    blankBefore = false;
                    giant = false;
                }

                start = end + 1;
                searched = start;
                if (start > length || (start == length && normalizer.Done))
                {
                    break;
                }
            }

            if (_inParagraph)
            {
                FinishParagraph(ref normalizer);
            }
        }

        /// <summary>Reads on: feeds the splitter, maps what can be mapped, drops what is no longer needed, normalises more.</summary>
        private void Pump(ref NormalizerCore normalizer, int lineStart)
        {
            if (_inParagraph)
            {
                Feed(ref normalizer, final: false);
            }

            MapRemovals(ref normalizer);
            var keep = normalizer.Length;
            if (lineStart >= 0)
            {
                // The line not yet begun, and the line break before it, which a join turns into a space.
                keep = Math.Min(keep, Math.Max(0, lineStart - 1));
            }

            if (_inParagraph)
            {
                var lookback = _split.Position - SentenceSplitter.ChunkLookahead;
                var sentenceHeld = normalizer.Length - _split.SentenceStart < window;
                keep = Math.Min(keep, Math.Max(_paragraphStart, sentenceHeld ? Math.Min(_split.SentenceStart, lookback) : lookback));
                if (_sentences.Count > 0)
                {
                    keep = Math.Min(keep, _sentences[0].Start.Value);
                }

                if (_paragraphLines == 1 && _paragraphSentences == 0 && _available - _paragraphStart <= options.MaxHeadingLength)
                {
                    keep = Math.Min(keep, _paragraphStart);
                }

                if (_split.SentenceStart < keep && _giantStart != _split.SentenceStart)
                {
                    // The sentence being read started before what stays held: map its start while the edits are there,
                    // and remember where the normaliser can start again to give its normalised text.
                    _giantStart = _split.SentenceStart;
                    _giantStartMapped = OffsetMap.ToOriginalStart(normalizer.Edits, _giantStart);
                    var k = 0;
                    while (k + 1 < _checkpoints.Count && _checkpoints[k + 1].Length <= _giantStart)
                    {
                        k++;
                    }

                    _giantCheckpoint = _checkpoints[k];
                }
            }

            // Where the normaliser can start again (for the text of a passage longer than the window).
            var sentenceFloor = _inParagraph ? Math.Min(_split.SentenceStart, keep) : keep;
            while (_checkpoints.Count > 1 && _checkpoints[1].Length <= sentenceFloor)
            {
                _checkpoints.RemoveAt(0);
            }

            _checkpoints.Add(new Checkpoint(normalizer.SourcePosition, normalizer.Length, normalizer.Length > 0 ? normalizer.Output[^1] : '\0'));

            var before = normalizer.Length;
            normalizer.Discard(keep, Math.Min(keep, NextPendingRemovalOffset()));
            normalizer.Fill(normalizer.Base + window);
            if (normalizer.Length == before && !normalizer.Done)
            {
                // Nothing could be dropped: the window grows (only a run the rules must see whole, longer than the window).
                normalizer.Fill(before + (window >> 2));
            }
        }

        private int NextPendingRemovalOffset()
        {
            var next = int.MaxValue;
            if (_mappedStarts < _removals.Count)
            {
                next = _removals[_mappedStarts].Start;
            }

            if (_mappedEnds < _removals.Count)
            {
                next = Math.Min(next, _removals[_mappedEnds].End);
            }

            return next;
        }

        private void MapRemovals(ref NormalizerCore normalizer)
        {
            var length = normalizer.Length;
            var done = normalizer.Done;
            var edits = normalizer.Edits;
            while (_mappedStarts < _removals.Count && (done || _removals[_mappedStarts].Start < length))
            {
                _removalStarts[_mappedStarts] = OffsetMap.ToOriginalStart(edits, _removals[_mappedStarts].Start);
                _mappedStarts++;
            }

            while (_mappedEnds < _removals.Count && (done || _removals[_mappedEnds].End < length))
            {
                _removalEnds[_mappedEnds] = OffsetMap.ToOriginalEnd(edits, _removals[_mappedEnds].End);
                _mappedEnds++;
            }
        }

        private LineMod ModFor(int start, int end)
        {
            while (_modCursor < _mods.Count && _mods[_modCursor].Start < start)
            {
                _modCursor++;
            }

            return _modCursor < _mods.Count && _mods[_modCursor].Start == start
                ? _mods[_modCursor]
                : new LineMod(start, end, false, start, end);
        }

        /// <summary>A line starts: it joins the paragraph before or opens a new one. <paramref name="end"/> is -1 for a giant line.</summary>
        private void BeginLine(ref NormalizerCore normalizer, int lineIndex, int start, int end, bool blankBefore)
        {
            var mod = ModFor(start, end);
            _currentComplete = end >= 0;
            if (mod.Removed || (_currentComplete && mod.ContentStart >= mod.ContentEnd))
            {
                _currentContentEnd = -1;
                return;
            }

            var whole = mod.ContentStart == start && (mod.ContentEnd == end || (end < 0 && mod.ContentEnd < 0));
            var giantWithoutMod = end < 0 && mod.ContentEnd < 0;
            if (end < 0 && !giantWithoutMod)
            {
                // A giant line the rules changed: the change says where its content ends.
                whole = false;
            }

            var text = normalizer.Output;
            var textBase = normalizer.Base;
            var contentEnd = _currentComplete ? mod.ContentEnd : (giantWithoutMod ? normalizer.Length : Math.Min(mod.ContentEnd, normalizer.Length));
            var content = text[(mod.ContentStart - textBase)..(contentEnd - textBase)];
            var joins = _previousIndex >= 0 && _previousIndex == lineIndex - 1 && !blankBefore && whole && _previousWhole
                && LineShape.IsSoftBreak(_previousTail.AsSpan(0, _previousTailLength), content, options.MaxHeadingLength, scan.BlankLineDocument);
            if (joins)
            {
                // Hard-wrapped text: the line break inside the paragraph becomes a space (same length, no edit).
                normalizer.WritableOutput[_previousEnd - textBase] = ' ';
                _paragraphLines++;
            }
            else
            {
                if (_inParagraph)
                {
                    FinishParagraph(ref normalizer);
                }

                _inParagraph = true;
                _paragraph++;
                _paragraphStart = mod.ContentStart;
                _paragraphLines = 1;
                _paragraphSentences = 0;
                _split = new SentenceSplitter.SplitState(mod.ContentStart);
            }

            _previousIndex = lineIndex;
            _previousWhole = whole;
            _currentContentStart = mod.ContentStart;
            _currentContentEnd = giantWithoutMod ? int.MaxValue : mod.ContentEnd;
            _available = Math.Min(_currentContentEnd, normalizer.Length);
        }

        private void EndLine(ref NormalizerCore normalizer, int end)
        {
            if (_currentContentEnd < 0)
            {
                return;
            }

            var contentEnd = _currentContentEnd == int.MaxValue ? end : _currentContentEnd;
            _available = contentEnd;
            _previousEnd = end;
            _previousContentEnd = contentEnd;
            var tailStart = Math.Max(contentEnd - _previousTail.Length, Math.Max(normalizer.Base, _currentContentStart));
            _previousTailLength = contentEnd - tailStart;
            normalizer.Output[(tailStart - normalizer.Base)..(contentEnd - normalizer.Base)].CopyTo(_previousTail);
            _currentContentEnd = -1;
        }

        private void Feed(ref NormalizerCore normalizer, bool final)
        {
            if (_currentContentEnd >= 0)
            {
                _available = Math.Min(_currentContentEnd, normalizer.Length);
            }

            var origin = Math.Max(_paragraphStart, normalizer.Base);
            var text = normalizer.Output[(origin - normalizer.Base)..(_available - normalizer.Base)];
            SentenceSplitter.SplitChunk(text, origin, final, ref _split, ref _sentences);
            if (!final && (_paragraphLines > 1 || _paragraphSentences + _sentences.Count > 1 || _available - _paragraphStart > options.MaxHeadingLength))
            {
                // Not a heading: what is decided goes out now.
                EmitSentences(ref normalizer);
            }
        }

        private void FinishParagraph(ref NormalizerCore normalizer)
        {
            Feed(ref normalizer, final: true);
            MapRemovals(ref normalizer);
            var content = normalizer.Output[(Math.Max(_paragraphStart, normalizer.Base) - normalizer.Base)..(_available - normalizer.Base)];
            if (_paragraphLines == 1 && _paragraphSentences == 0 && _sentences.Count == 1 && _paragraphStart >= normalizer.Base
                && LineShape.IsHeading(content, options.MaxHeadingLength))
            {
                _sentences.Shrink(_sentences.Count);
                Emit(ref normalizer, PassageKind.Heading, _paragraphStart, _available);
            }
            else
            {
                EmitSentences(ref normalizer);
            }

            _inParagraph = false;
        }

        private void EmitSentences(ref NormalizerCore normalizer)
        {
            foreach (var sentence in _sentences.AsSpan())
            {
                Emit(ref normalizer, PassageKind.Sentence, sentence.Start.Value, sentence.End.Value);
            }

            _paragraphSentences += _sentences.Count;
            _sentences.Shrink(_sentences.Count);
        }

        private void Emit(ref NormalizerCore normalizer, PassageKind kind, int start, int end)
        {
            var edits = normalizer.Edits;
            var textBase = normalizer.Base;
            var mappedStart = start < textBase && start == _giantStart ? _giantStartMapped : OffsetMap.ToOriginalStart(edits, start);
            var originalStart = Math.Max(_lastEnd, mappedStart);
            var originalEnd = OffsetMap.ToOriginalEnd(edits, end);
            if (originalEnd <= originalStart)
            {
                return;
            }

            var whole = start >= textBase;
            var normalized = whole ? normalizer.Output[(start - textBase)..(end - textBase)] : default;
            var source = whole ? null : new NormalizedSource(original, options.StripInlineMarkup, window >> 2, _giantCheckpoint, start, end);
            sink.Add(new StreamedPassage(_count, _paragraph, kind, originalStart, originalEnd,
                original.AsSpan(originalStart, originalEnd - originalStart), normalized, source));
            _count++;
            _lastEnd = originalEnd;
        }
    }
}

/// <summary>Gives the normalised text of a passage longer than the window by normalising its part of the document again
/// from a <see cref="WindowedPipeline.Checkpoint"/> before it.</summary>
internal sealed class NormalizedSource(string original, bool stripMarkup, int maxStep, WindowedPipeline.Checkpoint from, int start, int end)
{
    private const int Piece = 16 * 1024;

    public int Length => end - start;

    public void CopyTo(System.Buffers.IBufferWriter<char> destination)
    {
        var normalizer = new NormalizerCore(original, keepLineBreaks: true, recordEdits: false, stripMarkup, (4 * maxStep) + Piece, maxStep);
        try
        {
            normalizer.Restart(from.SourcePosition, from.Length, from.Last);
            var written = start;
            while (written < end)
            {
                normalizer.Fill(Math.Min(end, Math.Max(written, normalizer.Length) + Piece));
                var available = Math.Min(end, normalizer.Length);
                if (available > written)
                {
                    var text = normalizer.Output[(written - normalizer.Base)..(available - normalizer.Base)];
                    var span = destination.GetSpan(text.Length)[..text.Length];
                    text.CopyTo(span);
                    // Every line break inside a paragraph was joined: a space.
                    span.Replace('\n', ' ');
                    destination.Advance(text.Length);
                    written = available;
                }
                else if (normalizer.Done)
                {
                    break;
                }

                normalizer.Discard(Math.Max(normalizer.Base, Math.Min(written, normalizer.Length)), 0);
            }
        }
        finally
        {
            normalizer.Dispose();
        }
    }
}
