using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ClaimCompare.Core.Text;

/// <summary>The normalisation loop shared by <see cref="TextNormalizer"/> and <see cref="TextPipeline"/>.</summary>
/// <remarks>
/// One forward pass. Runs of printable ASCII are found with a vectorised
/// <c>IndexOfAnyExceptInRange(' ', '~')</c> and copied in bulk; only the characters around them
/// (whitespace runs, punctuation variants, non-ASCII) are looked at one by one. NFKC is applied
/// only to maximal runs of non-ASCII characters that are not already normalised, so ASCII and
/// already-normalised text never pay for it, and each run becomes at most one atomic edit.
/// <para>With <c>stripMarkup</c>, a little inline markup in otherwise plain text goes too: known HTML tags
/// (<c>&lt;b&gt;</c>, <c>&lt;a href="..."&gt;</c>, comments) vanish like zero-width characters, line and block tags
/// (<c>&lt;br&gt;</c>, <c>&lt;p&gt;</c>, <c>&lt;li&gt;</c>) count as line breaks, and character references
/// (<c>&amp;amp;</c>, <c>&amp;#8217;</c>) become their characters, each as an edit so that every span still maps to
/// the original. "5 &lt; 6", "AT&amp;T" and unknown tags stay as they are. Telling a whole HTML page from text is not
/// done here (<c>Ingest.MarkupDetector</c>).</para>
/// </remarks>
internal ref struct NormalizerCore
{
    /// <summary>
    /// Letters that NFKC leaves alone whatever precedes them (Latin-1 letters, basic Cyrillic): a run made only of
    /// these skips the call into ICU. Combining marks are not among them, so "e" + U+0301 still gets composed.
    /// </summary>
    private static readonly SearchValues<char> s_stableLetters = SearchValues.Create(StableLetters());

    private static readonly SearchValues<char> s_markupStarts = SearchValues.Create("<&");

    private readonly ReadOnlySpan<char> _source;
    private readonly bool _keepLineBreaks;
    private readonly bool _recordEdits;
    private readonly bool _stripMarkup;
    /// <summary>In windowed mode, the most source characters one step copies or normalises at once (0: no limit).</summary>
    private readonly int _maxStep;
    private PooledBuffer<char> _output;
    private PooledBuffer<NormalizationEdit> _edits;

    /// <summary>The offset in the whole normalised text of <c>_output[0]</c> (0 unless <see cref="Discard"/> dropped a prefix).</summary>
    private int _base;
    private int _pos;
    private int _nonPrintable;
    private int _markup;

    public NormalizerCore(ReadOnlySpan<char> source, bool keepLineBreaks, bool recordEdits, bool stripMarkup = false)
    {
        _source = source;
        _keepLineBreaks = keepLineBreaks;
        _recordEdits = recordEdits;
        _stripMarkup = stripMarkup;
        // Room for a little expansion ("…" becomes "..."), so that a huge document's buffer need not grow.
        _output = new PooledBuffer<char>(source.Length + (source.Length >> 8) + 16);
        _edits = new PooledBuffer<NormalizationEdit>(recordEdits ? 16 : 0);
        _nonPrintable = -1;
        _markup = stripMarkup ? -1 : source.Length;
    }

    /// <summary>
    /// A normaliser that produces its output a window at a time (<see cref="Fill"/>, <see cref="Discard"/>): the same
    /// text and edits, with offsets in the whole normalised text, but only the part not yet discarded is held.
    /// </summary>
    /// <param name="source">The text.</param>
    /// <param name="keepLineBreaks">As for the other constructor.</param>
    /// <param name="recordEdits">As for the other constructor.</param>
    /// <param name="stripMarkup">As for the other constructor.</param>
    /// <param name="window">The initial capacity of the output window, in characters.</param>
    /// <param name="maxStep">The most source characters copied or normalised in one step; a run of printable ASCII is
    /// cut only after a character that is not a space (the output is then the same), a long run of other characters
    /// only before a letter that composes with nothing before it.</param>
    public NormalizerCore(ReadOnlySpan<char> source, bool keepLineBreaks, bool recordEdits, bool stripMarkup, int window, int maxStep)
    {
        _source = source;
        _keepLineBreaks = keepLineBreaks;
        _recordEdits = recordEdits;
        _stripMarkup = stripMarkup;
        _maxStep = maxStep;
        _output = new PooledBuffer<char>(window);
        _edits = new PooledBuffer<NormalizationEdit>(recordEdits ? 16 : 0);
        _nonPrintable = -1;
        _markup = stripMarkup ? -1 : source.Length;
    }

    public readonly ReadOnlySpan<char> Output => _output.AsSpan();

    /// <summary>The offset in the whole normalised text of the first character held.</summary>
    public readonly int Base => _base;

    /// <summary>How much normalised text has been produced in all (held or discarded).</summary>
    public readonly int Length => _base + _output.Count;

    /// <summary>Whether the whole source has been read.</summary>
    public readonly bool Done => _pos >= _source.Length;

    /// <summary>How far the source has been read.</summary>
    public readonly int SourcePosition => _pos;

    /// <summary>The normalised text as a writable span (the pipeline turns joined line breaks into spaces in place).</summary>
    public readonly Span<char> WritableOutput => _output.AsSpan();

    public readonly ReadOnlySpan<NormalizationEdit> Edits => _edits.AsSpan();

    public void Dispose()
    {
        _output.Dispose();
        _edits.Dispose();
    }

    public void Run() => Fill(int.MaxValue);

    /// <summary>Normalises until at least <paramref name="length"/> characters have been produced in all, or the source ends.</summary>
    public void Fill(int length)
    {
        var source = _source;
        var pos = _pos;
        var nonPrintable = _nonPrintable;
        var markup = _markup;
        while (pos < source.Length && _base + _output.Count < length)
        {
            // Only search again once past the last special character found: rescanning from every double space to a
            // far-away special character would make "a  a  a  ..." quadratic.
            if (nonPrintable < pos)
            {
                var rel = source[pos..].IndexOfAnyExceptInRange(' ', '~');
                nonPrintable = rel < 0 ? source.Length : pos + rel;
            }

            if (markup < pos)
            {
                var rel = source[pos..].IndexOfAny(s_markupStarts);
                markup = rel < 0 ? source.Length : pos + rel;
            }

            var special = Math.Min(nonPrintable, markup);

            pos = CopyPrintableAscii(pos, special);
            if (pos >= source.Length)
            {
                break;
            }

            if (pos < special)
            {
                // Stopped early at a space that starts a run (double space, leading, or before a line break).
                pos = ConsumeWhitespaceRun(pos);
                continue;
            }

            pos = ConsumeSpecial(pos);
        }

        _pos = pos;
        _nonPrintable = nonPrintable;
        _markup = markup;
    }

    /// <summary>Goes on from a point between two steps of an earlier run over the same source: it had read
    /// <paramref name="sourcePosition"/> characters and written <paramref name="length"/>, the last of them
    /// <paramref name="last"/> (which a combining mark may take back). Only for a fresh windowed normaliser.</summary>
    public void Restart(int sourcePosition, int length, char last)
    {
        _pos = sourcePosition;
        if (length > 0)
        {
            _base = length - 1;
            _output.Add(last);
        }
    }

    /// <summary>Drops the output before offset <paramref name="offset"/> of the whole normalised text (the last character
    /// produced is always kept: a combining mark may take it back), and the edits that only offsets before
    /// <paramref name="editsFrom"/> need.</summary>
    public void Discard(int offset, int editsFrom)
    {
        offset = Math.Min(offset, Length - 1);
        if (offset > _base)
        {
            _output.RemoveFirst(offset - _base);
            _base = offset;
        }

        if (_recordEdits && _edits.Count > 1)
        {
            // Keep the last edit that starts before editsFrom - 1: the map of an offset needs the last edit at or before it.
            var edits = _edits.AsSpan();
            var keep = 0;
            while (keep + 1 < edits.Length && edits[keep + 1].NormStart < editsFrom - 1)
            {
                keep++;
            }

            if (keep > 0)
            {
                _edits.RemoveFirst(keep);
            }
        }
    }

    /// <summary>Copies printable ASCII in [pos, special) up to the first space that begins a whitespace run.</summary>
    private int CopyPrintableAscii(int pos, int special)
    {
        var limit = special;
        if (_maxStep > 0 && special - pos > _maxStep)
        {
            // Cut only after a character that is not a space: the next step then goes on exactly as this one would have.
            limit = pos + _maxStep;
            while (limit > pos + 1 && _source[limit - 1] == ' ')
            {
                limit--;
            }

            if (_source[limit - 1] == ' ')
            {
                limit = special;
            }
        }

        var chunk = _source[pos..limit];
        if (chunk.IsEmpty)
        {
            return pos;
        }

        var copyLength = chunk.IndexOf("  ");
        if (copyLength < 0)
        {
            copyLength = chunk.Length;
            if (limit == special && chunk[^1] == ' ' && (special == _source.Length || StartsWhitespaceRun(_source[special]) || (_stripMarkup && _source[special] is '<' or '&')))
            {
                copyLength--;
            }
        }

        if (_base + _output.Count == 0 && chunk[0] == ' ')
        {
            copyLength = 0;
        }

        _output.AddRange(chunk[..copyLength]);
        return pos + copyLength;
    }

    private int ConsumeSpecial(int pos)
    {
        var c = _source[pos];
        if (c is '<' or '&')
        {
            return ConsumeMarkup(pos);
        }

        switch (Classify(c, out var mapped))
        {
            case CharClass.Whitespace:
            case CharClass.Ignorable:
                return ConsumeWhitespaceRun(pos);
            case CharClass.Substitute:
                _output.Add(mapped);
                return pos + 1;
            case CharClass.Ellipsis:
                AddEdit(Length, Length + 3, pos, pos + 1);
                _output.AddRange("...");
                return pos + 1;
            case CharClass.Surrogate when !IsSurrogatePairAt(_source, pos):
                _output.Add('\uFFFD');
                return pos + 1;
            default:
                return ConsumeNonAsciiRun(pos);
        }
    }

    /// <summary>Consumes whitespace, control and zero-width characters from <paramref name="start"/>; emits one separator or nothing.</summary>
    private int ConsumeWhitespaceRun(int start)
    {
        var source = _source;
        var end = start;
        var lineBreaks = 0;
        var sawWhitespace = false;
        while (end < source.Length)
        {
            var c = source[end];
            if (c == ' ')
            {
                sawWhitespace = true;
            }
            else if (c is '<' or '&' && _stripMarkup)
            {
                var length = Markup.Read(source, end, out var kind, out _);
                if (kind == MarkupKind.None || kind == MarkupKind.Character)
                {
                    break;
                }

                sawWhitespace |= kind != MarkupKind.Inline;
                lineBreaks += kind switch { MarkupKind.LineBreak => 1, MarkupKind.Block => 2, _ => 0 };
                end += length;
                continue;
            }
            else if (c < ' ' || c >= '\u007F')
            {
                var cls = Classify(c, out _);
                if (cls == CharClass.Whitespace)
                {
                    sawWhitespace = true;
                    lineBreaks += LineBreakWeight(c, end + 1 < source.Length ? source[end + 1] : '\0');
                }
                else if (cls != CharClass.Ignorable)
                {
                    break;
                }
            }
            else
            {
                break;
            }

            end++;
        }

        var outPos = Length;
        if (!sawWhitespace || outPos == 0 || end == source.Length)
        {
            AddEdit(outPos, outPos, start, end);
            return end;
        }

        ReadOnlySpan<char> separator = !_keepLineBreaks || lineBreaks == 0 ? " " : lineBreaks == 1 ? "\n" : "\n\n";
        _output.AddRange(separator);
        if (separator.Length != end - start)
        {
            AddEdit(outPos, outPos + separator.Length, start, end);
        }

        return end;
    }

    /// <summary>A '&lt;' or '&amp;' in the text: a tag or a space reference joins the whitespace run around it, a character
    /// reference becomes its character (mapped like any other), anything else is copied as it is.</summary>
    private int ConsumeMarkup(int pos)
    {
        var length = Markup.Read(_source, pos, out var kind, out var decoded);
        switch (kind)
        {
            case MarkupKind.None:
                _output.Add(_source[pos]);
                return pos + 1;
            case MarkupKind.Character:
                var outPos = Length;
                foreach (var d in decoded.AsSpan())
                {
                    var mapped = d;
                    var cls = d >= '\u0080' ? ClassifyNonAscii(d, out mapped) : CharClass.Ascii;
                    if (cls == CharClass.Ellipsis)
                    {
                        _output.AddRange("...");
                    }
                    else
                    {
                        _output.Add(cls == CharClass.Substitute ? mapped : d);
                    }
                }

                AddEdit(outPos, Length, pos, pos + length);
                return pos + length;
            default:
                return ConsumeWhitespaceRun(pos);
        }
    }

    /// <summary>NFKC-normalises the maximal run of other non-ASCII characters starting at <paramref name="start"/>.</summary>
    private int ConsumeNonAsciiRun(int start)
    {
        var source = _source;
        var end = start;
        var stepEnd = _maxStep > 0 ? (int)Math.Min(source.Length, (long)start + _maxStep) : source.Length;
        while (end < source.Length)
        {
            var c = source[end];
            if (c < '\u0080')
            {
                break;
            }

            if (end >= stepEnd && end - start >= _maxStep / 2 && StartsNewComposition(c) && !char.IsHighSurrogate(source[end - 1]))
            {
                // A huge run is normalised in steps, cut only before a letter that composes with nothing before it.
                break;
            }

            var cls = Classify(c, out _);
            if (cls == CharClass.Other)
            {
                end++;
            }
            else if (cls == CharClass.Surrogate && IsSurrogatePairAt(source, end))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        var runStart = start;
        if (start > 0 && char.IsAsciiLetter(source[start - 1]) && IsCombiningMark(source[start]) && _output.Count > 0)
        {
            // A combining mark composes with the ASCII letter before it (e + U+0301 → é): take the letter
            // back; it was copied one-for-one, so no edit refers to it.
            _output.Shrink(1);
            runStart = start - 1;
        }

        var run = source[runStart..end];
        var outPos = _output.Count;
        if (!run.ContainsAnyExcept(s_stableLetters) || IsNormalizedKC(run))
        {
            _output.AddRange(run);
            return end;
        }

        var written = NormalizeKC(run);
        MapPunctuation(_output.AsSpan().Slice(outPos, written));
        if (written != run.Length)
        {
            AddEdit(_base + outPos, _base + outPos + written, runStart, end);
        }

        return end;
    }

    private int NormalizeKC(ReadOnlySpan<char> run)
    {
        try
        {
            var length = run.GetNormalizedLength(NormalizationForm.FormKC);
            var destination = _output.AppendSpan(length);
            if (run.TryNormalize(destination, out var written, NormalizationForm.FormKC))
            {
                _output.Shrink(length - written);
                return written;
            }

            _output.Shrink(length);
        }
        catch (ArgumentException)
        {
            // ICU rejects some code points (unassigned or noncharacters); keep them as they are.
        }

        _output.AddRange(run);
        return run.Length;
    }

    private static string StableLetters()
    {
        var letters = new StringBuilder();
        for (var c = '\u00C0'; c <= '\u00FF'; c++)
        {
            letters.Append(c);
        }

        for (var c = '\u0400'; c <= '\u045F'; c++)
        {
            letters.Append(c);
        }

        return letters.ToString();
    }

    private static bool IsNormalizedKC(ReadOnlySpan<char> run)
    {
        try
        {
            return run.IsNormalized(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void MapPunctuation(Span<char> text)
    {
        foreach (ref var c in text)
        {
            if (c >= '\u0080' && Classify(c, out var mapped) == CharClass.Substitute)
            {
                c = mapped;
            }
        }
    }

    private void AddEdit(int normStart, int normEnd, int origStart, int origEnd)
    {
        if (!_recordEdits)
        {
            return;
        }

        if (_edits.Count > 0)
        {
            ref var last = ref _edits[_edits.Count - 1];
            if (last.NormStart == last.NormEnd && last.NormEnd == normStart && last.OrigEnd == origStart)
            {
                // A pure deletion directly followed by another edit: merge, so NormStart stays strictly increasing.
                last = last with { NormEnd = normEnd, OrigEnd = origEnd };
                return;
            }
        }

        _edits.Add(new NormalizationEdit(normStart, normEnd, origStart, origEnd));
    }

    private static bool StartsWhitespaceRun(char c) => c < ' ' || c == '\u007F' || (c >= '\u0080' && Classify(c, out _) is CharClass.Whitespace or CharClass.Ignorable);

    private static bool IsSurrogatePairAt(ReadOnlySpan<char> text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);

    /// <summary>A letter that no normalisation composes with what comes before it (not a combining mark, a Hangul jamo or a
    /// half-width voicing mark), so a run of non-ASCII text may be normalised in two steps before it.</summary>
    private static bool StartsNewComposition(char c) =>
        char.IsLetter(c) && c is not (>= '\u1100' and <= '\u11FF') and not (>= '\u3130' and <= '\u318F') and not (>= '\uA960' and <= '\uA97F')
            and not (>= '\uD7B0' and <= '\uD7FF') and not (>= '\uFFA0' and <= '\uFFDC') and not '\uFF9E' and not '\uFF9F'
            and not (>= '\u3099' and <= '\u309C');

    private static bool IsCombiningMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static int LineBreakWeight(char c, char next) => c switch
    {
        '\n' or '\u000B' or '\u0085' or '\u2028' => 1,
        '\r' => next == '\n' ? 0 : 1,
        '\u000C' or '\u2029' => 2,
        _ => 0,
    };

    /// <summary>Sorts a character that the ASCII fast path stopped at.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CharClass Classify(char c, out char mapped)
    {
        mapped = c;
        if (c < '\u0080')
        {
            return c is < ' ' or '\u007F' or ' ' ? CharClass.Whitespace : CharClass.Ascii;
        }

        return ClassifyNonAscii(c, out mapped);
    }

    private static CharClass ClassifyNonAscii(char c, out char mapped)
    {
        mapped = c;
        switch (c)
        {
            // Single quotes, apostrophes, primes and single guillemets.
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u2035' or '\u2039' or '\u203A'
                or '\u02BC' or '\uFF07' or '\u0091' or '\u0092':
                mapped = '\'';
                return CharClass.Substitute;

            // Double quotes, double primes and guillemets.
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u2036' or '\u00AB' or '\u00BB'
                or '\u301D' or '\u301E' or '\u301F' or '\uFF02' or '\u0093' or '\u0094':
                mapped = '"';
                return CharClass.Substitute;

            // Hyphens, dashes, minus signs (0x96 and 0x97 are Windows-1252 dashes read as Latin-1).
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u2043'
                or '\uFE58' or '\uFE63' or '\uFF0D' or '\u2E3A' or '\u2E3B' or '\u0096' or '\u0097':
                mapped = '-';
                return CharClass.Substitute;

            case '\u2026':
                return CharClass.Ellipsis;

            // Zero-width characters, soft hyphen, bidi marks: invisible, so they must not split words.
            case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF'
                or '\u180E' or '\u2061' or '\u2062' or '\u2063' or '\u2064':
                return CharClass.Ignorable;
        }

        if (char.IsWhiteSpace(c) || (c <= '\u009F'))
        {
            // Unicode spaces and separators, and the C1 control block.
            return CharClass.Whitespace;
        }

        if (char.IsSurrogate(c))
        {
            return CharClass.Surrogate;
        }

        return CharClass.Other;
    }

    private enum CharClass
    {
        Ascii,
        Whitespace,
        Ignorable,
        Substitute,
        Ellipsis,
        Surrogate,
        Other,
    }
}
