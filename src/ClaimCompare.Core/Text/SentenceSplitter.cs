using System.Buffers;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Text;

/// <summary>Splits a paragraph of news text into sentences. Stateless and thread-safe.</summary>
/// <remarks>
/// <para>Works best on text from <see cref="TextNormalizer"/> (straight quotes, "..." ellipses, single
/// spaces) but also accepts raw text: curly quotes and … are recognised too.</para>
/// <para>The splitter looks only at candidate terminators (. ! ? … 。), found with a vectorised
/// <see cref="SearchValues{T}"/> scan. Every decision looks at a bounded window around the candidate
/// (the word before it, at most <see cref="MaxWordLookback"/> characters, and the word after it), and the
/// scan never moves backwards, so the running time is linear in the input whatever it contains.</para>
/// <para>Rules, in order, for a run of terminators followed by any closing quotes or brackets:</para>
/// <list type="number">
/// <item>At the end of the text: a sentence end. A Chinese or Japanese full stop (。！？) always ends one.</item>
/// <item>Followed by whitespace and then a lower-case letter: no end ("etc. and", "\"Why?\" he asked").</item>
/// <item>Followed by whitespace and another period or ellipsis: no end here; the ellipsis decides ("fail. ... If").</item>
/// <item>An ellipsis (two or more periods, or …) ends a sentence only before a capital letter: it
/// usually marks omitted words inside a quotation ("firm... in pushing back"), but before a capital the
/// quoted text goes on with a new sentence ("bound to fail. ... If the approach"); the ellipsis stays with
/// the sentence before it.</item>
/// <item>? and ! end a sentence before a capital or digit, except a quoted question or exclamation followed
/// by its attribution ("Why now?" Peskov asked.): a verb of saying among the next three words keeps it whole.</item>
/// <item>A single period after a title or reference prefix (Mr., Gen., No., e.g.) never ends a sentence;
/// after an abbreviation that may end one (Inc., Jr., a.m., U.S., Jan., initials such as "R.") it does only
/// when the next word commonly starts sentences (The, He, But...); after any other word it does before a
/// capital letter, digit or opening quote. A one-to-three digit number at the start of a sentence followed
/// by a period is a list marker, not a sentence.</item>
/// <item>No whitespace after the terminator ("Ukraine.Next", "Ukraine.CreditCredit"): an end only between
/// a lower-case word of two or more letters and a capital followed by a letter, and never inside a token
/// that looks like a URL or e-mail address (contains / or @, or starts with www) or is an unbroken blob of
/// more than 64 characters on either side, so "1.5", "$3.2bn", "U.S.-Russia" and
/// "arkansasonline.com/113talks/" stay whole.</item>
/// </list>
/// <para>A piece with no letter or digit ("..." alone, a lone quote mark) is never emitted on its own; it is
/// joined to the next sentence. Sentence ranges exclude surrounding whitespace.</para>
/// </remarks>
public static class SentenceSplitter
{
    /// <summary>How far back the splitter looks for the word before a period; longer words are not abbreviations.</summary>
    public const int MaxWordLookback = 12;

    private const int MaxTokenLookaround = 64;

    private static readonly SearchValues<char> s_terminators = SearchValues.Create(".!?\u2026\u3002\uFF01\uFF1F");

    /// <summary>Splits <paramref name="text"/> into sentence ranges.</summary>
    /// <param name="text">A paragraph (line breaks count as spaces); may be empty.</param>
    /// <returns>Ranges into <paramref name="text"/> in order, non-overlapping, trimmed of whitespace; empty for blank text.</returns>
    public static IReadOnlyList<Range> Split(ReadOnlySpan<char> text)
    {
        var result = new List<Range>();
        Split(text, result);
        return result;
    }

    /// <summary>Splits <paramref name="text"/> into sentence ranges and appends them to <paramref name="sentences"/>.</summary>
    /// <param name="text">A paragraph; may be empty.</param>
    /// <param name="sentences">Receives the ranges, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sentences"/> is null.</exception>
    public static void Split(ReadOnlySpan<char> text, ICollection<Range> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var buffer = new PooledBuffer<Range>(16);
        try
        {
            SplitInto(text, ref buffer);
            foreach (var range in buffer.AsSpan())
            {
                sentences.Add(range);
            }
        }
        finally
        {
            buffer.Dispose();
        }
    }

    internal static void SplitInto(ReadOnlySpan<char> text, ref PooledBuffer<Range> sentences)
    {
        var state = new SplitState(SkipWhitespace(text, 0));
        SplitChunk(text, 0, final: true, ref state, ref sentences);
    }

    /// <summary>
    /// How far past a candidate terminator the text must reach before a piece that is not the paragraph's last is split
    /// there: every rule looks at most a few words ahead (the attribution check three words, an address 64 characters).
    /// </summary>
    internal const int ChunkLookahead = 256;

    /// <summary>
    /// Splits the part of a paragraph held in <paramref name="text"/>, whose first character is at offset
    /// <paramref name="origin"/> of the paragraph's text, and carries on from <paramref name="state"/> (ranges and state are in
    /// those offsets). Unless <paramref name="final"/> (the text runs to the end of the paragraph), a terminator is decided
    /// only when <see cref="ChunkLookahead"/> characters follow it; the caller calls again with more text. The text must
    /// hold at least <see cref="ChunkLookahead"/> characters before <see cref="SplitState.Position"/> (or start where the
    /// paragraph does): fed that way, the sentences are exactly those of one call on the whole paragraph.
    /// </summary>
    internal static void SplitChunk(ReadOnlySpan<char> text, int origin, bool final, ref SplitState state, ref PooledBuffer<Range> sentences)
    {
        // A sentence that began before the text held is far longer than anything the rules measure from its start.
        var sentenceStart = Math.Max(0, state.SentenceStart - origin);
        var sentenceStartAbsolute = state.SentenceStart;
        var pos = state.Position - origin;
        while (pos < text.Length)
        {
            var rel = text[pos..].IndexOfAny(s_terminators);
            if (rel < 0)
            {
                pos = text.Length;
                break;
            }

            var terminator = pos + rel;
            var runEnd = terminator;
            while (runEnd < text.Length && IsTerminator(text[runEnd]))
            {
                runEnd++;
            }

            var end = runEnd;
            while (end < text.Length && IsCloser(text[end]))
            {
                end++;
            }

            // "And time."In spite of...": a straight mark glued to the next word opens the next sentence.
            if (end > runEnd && end < text.Length && text[end - 1] is '"' or '\'' && char.IsLetter(text[end]))
            {
                end--;
            }

            // Reference marks belong to the sentence they follow: "founded in 1850.[3] It grew".
            end = SkipCitations(text, end);

            if (!final && end + ChunkLookahead > text.Length)
            {
                // Decided when more of the paragraph is held.
                pos = terminator;
                break;
            }

            pos = end;
            if (!EndsSentence(text, sentenceStart, terminator, runEnd, end, out var nextStart))
            {
                continue;
            }

            if (!state.HasAlnum(text, origin, sentenceStart, end))
            {
                continue;
            }

            sentences.Add(new Range(sentenceStartAbsolute, origin + end));
            sentenceStart = nextStart;
            sentenceStartAbsolute = origin + nextStart;
            state.Reset(origin + nextStart);
            pos = Math.Max(pos, nextStart);
        }

        state.SentenceStart = sentenceStartAbsolute;
        state.Position = origin + pos;
        if (!final)
        {
            // Look at what the caller may drop before the next call.
            state.HasAlnum(text, origin, sentenceStart, Math.Min(pos, text.Length));
            return;
        }

        var last = TrimEnd(text, sentenceStart, text.Length);
        if (last > sentenceStart || (state.SentenceStart < origin && last > 0))
        {
            sentences.Add(new Range(sentenceStartAbsolute, origin + last));
        }
    }

    /// <summary>Decides whether the terminator run [terminator, runEnd) plus closers up to <paramref name="end"/> ends a sentence.</summary>
    private static bool EndsSentence(ReadOnlySpan<char> text, int sentenceStart, int terminator, int runEnd, int end, out int nextStart)
    {
        nextStart = end;
        if (end >= text.Length)
        {
            return true;
        }

        var mark = text[terminator];
        if (mark is '\u3002' or '\uFF01' or '\uFF1F')
        {
            // Chinese and Japanese full stops end a sentence with no space after them.
            nextStart = SkipWhitespace(text, end);
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return EndsWithoutSpace(text, terminator, runEnd, end);
        }

        nextStart = SkipWhitespace(text, end);
        if (nextStart >= text.Length)
        {
            return true;
        }

        var next = text[nextStart];
        if (IsTerminator(next))
        {
            return false;
        }

        var wordStart = SkipOpeners(text, nextStart);
        var first = wordStart < text.Length ? text[wordStart] : '\0';
        if (char.IsLower(first) && !(mark == '.' && runEnd - terminator == 1 && IsLetterItem(text, wordStart)))
        {
            return false;
        }

        if (runEnd - terminator > 1 || mark == '\u2026')
        {
            return mark is '.' or '\u2026' ? char.IsUpper(first) : true;
        }

        if (mark is '?' or '!')
        {
            // "Is this a threat?" Peskov asked. -- a quoted question followed by its attribution is one sentence.
            return end == runEnd || !IsAttribution(text, wordStart);
        }

        return PeriodEndsSentence(text, sentenceStart, terminator, wordStart);
    }

    private static bool PeriodEndsSentence(ReadOnlySpan<char> text, int sentenceStart, int period, int nextWordStart)
    {
        var wordStart = period;
        while (wordStart > 0 && period - wordStart < MaxWordLookback && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        if (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            // Longer than any abbreviation: an ordinary word.
            return true;
        }

        var word = text[wordStart..period].TrimStart('.');
        if (word.IsEmpty)
        {
            var digits = period;
            while (digits > sentenceStart && period - digits < 4 && char.IsAsciiDigit(text[digits - 1]))
            {
                digits--;
            }

            return !(digits < period && period - digits <= 3 && IsListMarker(text, sentenceStart, digits));
        }

        if (word.Length == 1 && char.IsLetter(word[0]) && wordStart == period - 1 && IsListMarker(text, sentenceStart, wordStart))
        {
            return false;
        }

        var next = nextWordStart < text.Length ? text[nextWordStart] : '\0';
        switch (Abbreviations.Classify(word))
        {
            case AbbreviationKind.Prefix:
                return false;
            case AbbreviationKind.MaySuffix:
                return char.IsUpper(next) && Abbreviations.IsSentenceStarter(WordAt(text, nextWordStart));
            default:
                return true;
        }
    }

    /// <summary>Whether one of the (at most three) words from <paramref name="start"/> is a verb of saying.</summary>
    private static bool IsAttribution(ReadOnlySpan<char> text, int start)
    {
        var pos = start;
        for (var i = 0; i < 3 && pos < text.Length; i++)
        {
            var word = WordAt(text, pos);
            if (word.IsEmpty)
            {
                return false;
            }

            if (Abbreviations.IsSpeechVerb(word))
            {
                // "They said: "Yes..."" opens a new sentence with a quotation of its own.
                return pos + word.Length >= text.Length || text[pos + word.Length] != ':';
            }

            pos += word.Length;
            if (pos >= text.Length || text[pos] != ' ')
            {
                return false;
            }

            pos++;
        }

        return false;
    }

    /// <summary>
    /// Whether the marker starting at <paramref name="markerStart"/> (a number of at most three digits or one letter,
    /// before a period) is a list marker: it opens the sentence, follows a colon ("We want to: 1. Spin..."), or follows
    /// another marker ("2. a. The player", "36. B. The first time").
    /// </summary>
    private static bool IsListMarker(ReadOnlySpan<char> text, int sentenceStart, int markerStart)
    {
        var prefix = text[sentenceStart..markerStart].TrimEnd();
        if (prefix.IsEmpty || prefix[^1] == ':')
        {
            return true;
        }

        return prefix.Length is >= 2 and <= 4 && prefix[^1] == '.'
            && (!prefix[..^1].ContainsAnyExceptInRange('0', '9') || (prefix.Length == 2 && char.IsLetter(prefix[0])));
    }

    /// <summary>"b. The user shall...": a lower-case letter, a period and a capital open a lettered list item.</summary>
    private static bool IsLetterItem(ReadOnlySpan<char> text, int start) =>
        start + 3 < text.Length && char.IsLower(text[start]) && text[start + 1] == '.' && text[start + 2] == ' ' && char.IsUpper(text[start + 3])
        && (start == 0 || !char.IsLetter(text[start - 1]));

    /// <summary>Skips reference marks after a sentence end: "[3]", "[2][4]", "[11, 12]" (digits, commas and spaces, at most 16 characters).</summary>
    private static int SkipCitations(ReadOnlySpan<char> text, int pos)
    {
        while (pos + 2 < text.Length && text[pos] == '[' && char.IsAsciiDigit(text[pos + 1]))
        {
            var close = pos + 2;
            while (close < text.Length && close - pos <= 16 && (char.IsAsciiDigit(text[close]) || text[close] is ',' or ' ' or '-'))
            {
                close++;
            }

            if (close >= text.Length || text[close] != ']')
            {
                break;
            }

            pos = close + 1;
        }

        return pos;
    }

    private static bool EndsWithoutSpace(ReadOnlySpan<char> text, int terminator, int runEnd, int end)
    {
        if (runEnd - terminator > 1 || terminator < 2)
        {
            return false;
        }

        if (!char.IsLower(text[terminator - 1]) || !char.IsLetter(text[terminator - 2]))
        {
            return false;
        }

        // The next sentence may open with a quotation mark: "time."In spite", "time.“In spite".
        var word = end < text.Length && IsOpener(text[end]) && text[end] is not '(' and not '[' ? end + 1 : end;
        if (word + 1 >= text.Length || !char.IsUpper(text[word]) || !char.IsLetter(text[word + 1]))
        {
            return false;
        }

        return !LooksLikeAddress(text, terminator);
    }

    /// <summary>
    /// Whether the token around <paramref name="terminator"/> is a URL, an e-mail address, or an unbroken blob of more
    /// than <see cref="MaxTokenLookaround"/> characters on either side (which also bounds the work per candidate).
    /// </summary>
    private static bool LooksLikeAddress(ReadOnlySpan<char> text, int terminator)
    {
        var tokenStart = terminator;
        while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]))
        {
            if (terminator - tokenStart >= MaxTokenLookaround)
            {
                return true;
            }

            tokenStart--;
        }

        var tokenEnd = terminator;
        while (tokenEnd < text.Length && !char.IsWhiteSpace(text[tokenEnd]))
        {
            if (tokenEnd - terminator >= MaxTokenLookaround)
            {
                return true;
            }

            tokenEnd++;
        }

        var token = text[tokenStart..tokenEnd];
        return token.ContainsAny('/', '@') || token.StartsWith("www", StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && end - start <= MaxWordLookback && char.IsLetter(text[end]))
        {
            end++;
        }

        return text[start..end];
    }

    private static int SkipOpeners(ReadOnlySpan<char> text, int pos)
    {
        var limit = Math.Min(text.Length, pos + 3);
        while (pos < limit && IsOpener(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    internal static int SkipWhitespace(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static int TrimEnd(ReadOnlySpan<char> text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '\u2026' or '\u3002' or '\uFF01' or '\uFF1F';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '\u2019' or '\u201D' or '\u00BB' or '\u203A';

    private static bool IsOpener(char c) => c is '"' or '\'' or '(' or '[' or '\u2018' or '\u201C' or '\u00AB' or '\u2039';

    /// <summary>Where the splitting of one paragraph stands between two pieces of it (<see cref="SplitChunk"/>); also
    /// tracks, in one forward pass, whether the current sentence contains a letter or digit yet.</summary>
    internal struct SplitState
    {
        private int _scannedTo;
        private bool _found;

        public SplitState(int start)
        {
            SentenceStart = start;
            Position = start;
            _scannedTo = start;
            _found = false;
        }

        /// <summary>Where the current sentence starts.</summary>
        public int SentenceStart { get; set; }

        /// <summary>Where the search for the next terminator goes on.</summary>
        public int Position { get; set; }

        public void Reset(int start)
        {
            _scannedTo = start;
            _found = false;
        }

        public bool HasAlnum(ReadOnlySpan<char> text, int origin, int start, int end)
        {
            if (_found)
            {
                return true;
            }

            for (var i = Math.Max(_scannedTo - origin, start); i < end; i++)
            {
                if (char.IsLetterOrDigit(text[i]))
                {
                    _found = true;
                    break;
                }
            }

            _scannedTo = origin + end;
            return _found;
        }
    }
}
