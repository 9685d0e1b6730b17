using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Claims;

/// <summary>Finds direct quotations and attributes each to a speaker.</summary>
/// <remarks>
/// <para>Marks are paired by a one-pass state machine per paragraph: “ and „ always open, ” always closes, a
/// straight " opens or closes by state, and curly single quotes count only at word edges (so "didn’t" is no
/// quote). A quote never crosses a paragraph nor removed boilerplate and is capped at
/// <see cref="MaxQuoteLength"/> characters, so unbalanced marks cost nothing. A quote left open at a paragraph
/// end whose next paragraph opens with a mark follows the newswire convention for multi-paragraph quotes.</para>
/// <para>Attribution looks, in order, right after the quote (", Stoltenberg told reporters", ", said he",
/// "” -Name"), then back to the start of the sentence for the nearest speech verb with a person as subject
/// ("X said", "X, the deputy secretary of state, said", "according to X", "…, saying"), and finally falls back on
/// the previous quote of the paragraph (a quote split across a sentence break). "he"/"she" resolve to the most
/// recent person of matching gender (from first names and honorifics) mentioned before.</para>
/// </remarks>
public static class QuoteExtractor
{
    /// <summary>The longest quote accepted, in characters.</summary>
    public const int MaxQuoteLength = 3000;

    private const int AfterReach = 10;

    /// <summary>How many passages after an attributed quotation an unattributed one still continues its speaker.</summary>
    private const int MaxFollowOnPassages = 3;

    /// <summary>The longest marked span, in words, that can be a name or term rather than a quotation.</summary>
    private const int MaxTermWords = 4;

    /// <summary>Extracts the quotes of <paramref name="document"/>, finding its people first.</summary>
    /// <param name="document">A processed document.</param>
    /// <returns>The quotes in text order; never throws on odd text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static IReadOnlyList<Quote> Extract(ProcessedDocument document) =>
        Extract(document, PersonRoleExtractor.Extract(document));

    /// <summary>Extracts the quotes of <paramref name="document"/>, attributing them to <paramref name="people"/>.</summary>
    /// <param name="document">A processed document.</param>
    /// <param name="people">The document's person mentions, from <see cref="PersonRoleExtractor.Extract"/>.</param>
    /// <returns>The quotes in text order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<Quote> Extract(ProcessedDocument document, IReadOnlyList<PersonMention> people)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(people);
        var text = document.OriginalText;
        var raw = FindQuotes(document);
        if (raw.Count == 0)
        {
            return [];
        }

        var context = new AttributionContext(text, document.Passages, people, raw);
        var attributions = new (bool Found, string? Speaker, string? Description)[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            attributions[i] = context.Attribute(raw[i]);
        }

        // The paragraphs of one quotation (every one but the last left open) have one speaker: the first attribution
        // found among them, wherever it stands.
        for (var first = 0; first < raw.Count;)
        {
            var last = first;
            while (last + 1 < raw.Count && raw[last].ContinuesNextParagraph)
            {
                last++;
            }

            var chosen = -1;
            for (var k = first; k <= last && chosen < 0; k++)
            {
                chosen = attributions[k].Found && (attributions[k].Speaker ?? attributions[k].Description) is not null ? k : -1;
            }

            if (chosen >= 0)
            {
                for (var k = first; k <= last; k++)
                {
                    attributions[k] = attributions[chosen];
                }
            }

            first = last + 1;
        }

        var quotes = new List<Quote>(raw.Count);
        string? previousSpeaker = null;
        string? previousDescription = null;
        var previousSentence = -1;
        var previousEnd = -1;
        for (var i = 0; i < raw.Count; i++)
        {
            var q = raw[i];
            var (found, speaker, description) = attributions[i];
            if (!found)
            {
                var partial = IsInsideSentence(text, q.OpenMark);
                if (partial && !q.ContinuesNextParagraph && IsShortPhrase(text, q.Start, q.End))
                {
                    // "convinced her to "visit" California": a word or two in marks with no one saying them is a
                    // scare quote, not a quotation.
                    continue;
                }

                if (i > 0 && raw[i - 1].ContinuesNextParagraph)
                {
                    // The next paragraph of a quotation left open: the same speaker.
                    speaker = previousSpeaker;
                    description = previousDescription;
                }
                else if (!partial)
                {
                    // A quotation that opens a sentence with no verb of saying continues the previous speaker, unless
                    // the text has since made someone else its subject; with no recent quotation it is the words of
                    // the person the last sentences are about.
                    var salient = context.SalientBefore(q.OpenMark, MaxFollowOnPassages);
                    var other = salient is not null && salient.Value.End > previousEnd && salient.Value.Name != previousSpeaker;
                    if (previousSentence >= 0 && q.PassageIndex - previousSentence <= MaxFollowOnPassages && !other)
                    {
                        speaker = previousSpeaker;
                        description = previousDescription;
                    }
                    else
                    {
                        (speaker, description) = context.ImplicitSpeaker(q.OpenMark);
                    }
                }
            }

            quotes.Add(new Quote
            {
                Start = q.Start,
                End = q.End,
                Text = text[q.Start..q.End],
                Speaker = speaker,
                SpeakerDescription = speaker is null ? description : null,
                PassageIndex = q.PassageIndex,
            });
            previousSpeaker = speaker;
            previousDescription = description;
            previousSentence = context.PassageAt(Math.Max(q.Start, q.End - 1));
            previousEnd = q.End;
        }

        return quotes;
    }

    /// <summary>Whether the mark at <paramref name="openMark"/> opens inside a sentence: a word, a number or a comma
    /// stands right before it.</summary>
    private static bool IsInsideSentence(string text, int openMark)
    {
        var k = openMark - 1;
        while (k >= 0 && text[k] is ' ' or '\t')
        {
            k--;
        }

        return k >= 0 && (char.IsLetterOrDigit(text[k]) || text[k] is ',' or '(' or '\u2013' or '\u2014');
    }

    /// <summary>At most three words and no sentence punctuation but a final one.</summary>
    private static bool IsShortPhrase(string text, int start, int end)
    {
        while (end > start && text[end - 1] is '.' or ',' or '!' or '?')
        {
            end--;
        }

        var words = 0;
        for (var i = start; i < end; i++)
        {
            if (text[i] is '.' or ',' or '!' or '?' or ';' or ':')
            {
                return false;
            }

            if (char.IsLetterOrDigit(text[i]) && (i == start || char.IsWhiteSpace(text[i - 1])) && ++words > 3)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A quote before attribution: inner span, marks, and where it sits.</summary>
    internal readonly record struct RawQuote(int Start, int End, int OpenMark, int CloseMark, int Paragraph, int PassageIndex, bool ContinuesNextParagraph);

    internal static List<RawQuote> FindQuotes(ProcessedDocument document)
    {
        var text = document.OriginalText;
        var passages = document.Passages;
        var quotes = new List<RawQuote>();
        var open = -1;
        var openPassage = -1;
        var single = -1;
        var singlePassage = -1;
        var paragraph = int.MinValue;
        var previousEnd = -1;
        for (var p = 0; p < passages.Count; p++)
        {
            var passage = passages[p];
            var start = Math.Clamp(passage.Start, 0, text.Length);
            var end = Math.Clamp(passage.End, start, text.Length);
            if (passage.Paragraph != paragraph || start < previousEnd || HasText(text, previousEnd, start))
            {
                if (open >= 0 && passage.Paragraph != paragraph && StartsWithOpeningMark(text, start, end))
                {
                    // Newswire style: a quote running on into the next paragraph is left open there.
                    AddQuote(text, quotes, open, previousEnd, open - 1, -1, paragraph, openPassage, continues: true);
                }

                open = -1;
                single = -1;
                paragraph = passage.Paragraph;
            }

            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (open >= 0 && i - open > MaxQuoteLength)
                {
                    open = -1;
                }

                switch (c)
                {
                    case '\u201C' or '\u201E' or '\u00AB' or '\u201D' or '\u00BB' or '"':
                        var direction = MarkDirection(text, i, start, end);
                        if (direction == Direction.Close || (direction == Direction.Either && open >= 0))
                        {
                            if (open >= 0)
                            {
                                AddQuote(text, quotes, open, i, open - 1, i, paragraph, openPassage, continues: false);
                                open = -1;
                            }
                        }
                        else
                        {
                            if (open >= 0 && EndsSentence(text, open, i))
                            {
                                // Newswire style inside one paragraph of text: "...the plan. "So we will wait...": the
                                // quotation goes on with a new paragraph that opens with a mark; the old one is never closed.
                                AddQuote(text, quotes, open, i, open - 1, -1, paragraph, openPassage, continues: true);
                            }

                            open = i + 1;
                            openPassage = passage.Index;
                            single = -1;
                        }

                        break;
                    case '\u2018' or '\u2019' or '\'' when open < 0:
                        // Single marks, curly or straight, count only at word edges: "didn't", "NRL's" and "Papali'i" are
                        // apostrophes. A plural possessive ("the Teams' standings") closes only when nothing later can.
                        if (single < 0)
                        {
                            if (c != '\u2019' && IsSingleOpener(text, i, start, end))
                            {
                                single = i + 1;
                                singlePassage = passage.Index;
                            }
                        }
                        else if (c != '\u2018' && IsSingleCloser(text, i, start, end) && !(IsPluralPossessive(text, i, end) && HasSingleCloser(text, i + 1, end)))
                        {
                            if (i - single <= MaxQuoteLength)
                            {
                                AddQuote(text, quotes, single, i, single - 1, i, paragraph, singlePassage, continues: false);
                            }

                            single = -1;
                        }

                        break;
                }
            }

            previousEnd = end;
        }

        if (open >= 0 && previousEnd > open && OpensSentence(text, open - 1))
        {
            // The document ends inside a quotation that opened a sentence (a story cut short): it runs to the end.
            AddQuote(text, quotes, open, previousEnd, open - 1, -1, paragraph, openPassage, continues: true);
        }

        return quotes;
    }

    private static bool IsSingleOpener(string text, int i, int passageStart, int passageEnd)
    {
        var before = i > passageStart ? text[i - 1] : ' ';
        return (char.IsWhiteSpace(before) || before is '(' or '[' or '\u2014' or '\u2013' or '"' or '\u201C' or ':')
            && i + 1 < passageEnd && char.IsLetter(text[i + 1]);
    }

    private static bool IsSingleCloser(string text, int i, int passageStart, int passageEnd)
    {
        var after = i + 1 < passageEnd ? text[i + 1] : ' ';
        return i > passageStart && !char.IsWhiteSpace(text[i - 1]) && !char.IsLetterOrDigit(after);
    }

    // "the Teams' standings": an s, the mark, a space and a lower-case word.
    private static bool IsPluralPossessive(string text, int i, int passageEnd) =>
        i > 0 && text[i - 1] == 's' && i + 2 < passageEnd && text[i + 1] == ' ' && char.IsLower(text[i + 2]);

    private static bool HasSingleCloser(string text, int from, int passageEnd)
    {
        for (var k = from; k < passageEnd; k++)
        {
            if (text[k] is '\'' or '\u2019' && IsSingleCloser(text, k, from, passageEnd) && !IsPluralPossessive(text, k, passageEnd))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the mark at <paramref name="mark"/> stands where a sentence starts.</summary>
    private static bool OpensSentence(string text, int mark)
    {
        var k = mark - 1;
        while (k >= 0 && char.IsWhiteSpace(text[k]))
        {
            k--;
        }

        return k < 0 || text[k] is '.' or '!' or '?' or ':' or '\u2026' || text[k] == '\n';
    }

    private enum Direction
    {
        Open,
        Close,
        Either,
    }

    /// <summary>Whether the mark at <paramref name="i"/> opens or closes a quotation, from its kind and its flanks.</summary>
    /// <remarks>Curly marks say which they are, but sloppy text mixes them up, so the flanks decide first: a mark
    /// with a space (or an opening bracket, or the start of the passage) before it and a word after it opens; one
    /// glued to the word before it and followed by a space or punctuation closes.</remarks>
    private static Direction MarkDirection(string text, int i, int passageStart, int passageEnd)
    {
        // The flanks are read in the text, not the passage: a sentence may end just after an opening mark glued to the
        // next word ("And time.“In spite of").
        _ = passageStart;
        _ = passageEnd;
        var before = i > 0 ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        var spaceBefore = char.IsWhiteSpace(before) || before is '(' or '[' or '{' or '\u2014' or '\u2013' or '-' or '/';
        var spaceAfter = char.IsWhiteSpace(after) || after is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '-' or '\u2014' or '\u2013';
        if (spaceBefore && !spaceAfter)
        {
            return Direction.Open;
        }

        if (!spaceBefore && spaceAfter)
        {
            return Direction.Close;
        }

        return text[i] switch
        {
            '\u201C' or '\u201E' or '\u00AB' => Direction.Open,
            '\u201D' or '\u00BB' => Direction.Close,
            _ => Direction.Either,
        };
    }

    /// <summary>Whether the open quotation [<paramref name="from"/>, <paramref name="to"/>) ends with a sentence end.</summary>
    private static bool EndsSentence(string text, int from, int to)
    {
        var i = to - 1;
        while (i >= from && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i > from && i < to - 1 && text[i] is '.' or '!' or '?' or '\u2026';
    }

    /// <summary>
    /// Marks around a name, a title or a term rather than someone's words: "the so-called "big bang"", the "Plan for
    /// Growth", "San Miguel", "the Special One". Short (at most <see cref="MaxTermWords"/> words), without sentence
    /// punctuation, and either capitalised word by word or introduced by a word that names rather than reports
    /// ("so-called", "dubbed", "known as", "titled").
    /// </summary>
    private static bool IsNameOrTerm(string text, int start, int end, int openMark)
    {
        // American style puts the sentence's own full stop or comma inside the marks: "Mahler and Macaroni."
        while (end > start && text[end - 1] is '.' or ',' or ';' or ':')
        {
            end--;
        }

        var words = 0;
        var allCapitalised = true;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c is '.' or '!' or '?' or ',' or ';' or ':')
            {
                return false;
            }

            if (char.IsLetterOrDigit(c) && (i == start || !char.IsLetterOrDigit(text[i - 1])) && text[i - 1] is not '\'' and not '\u2019')
            {
                if (++words > MaxTermWords)
                {
                    return false;
                }

                var wordEnd = i;
                while (wordEnd < end && char.IsLetter(text[wordEnd]))
                {
                    wordEnd++;
                }

                var word = text.AsSpan(i, wordEnd - i);
                allCapitalised &= char.IsUpper(c) || char.IsDigit(c) || Stopwords.Contains(word);
            }

            i++;
        }

        if (words == 0)
        {
            return false;
        }

        var before = openMark - 1;
        while (before >= 0 && char.IsWhiteSpace(text[before]))
        {
            before--;
        }

        var wordStart = before;
        while (wordStart >= 0 && (char.IsLetter(text[wordStart]) || text[wordStart] == '-'))
        {
            wordStart--;
        }

        var previous = text.AsSpan(wordStart + 1, before - wordStart);
        if (Words.Is(previous, "the") || Words.Is(previous, "a") || Words.Is(previous, "an"))
        {
            // "was dubbed the "murder capital"": the naming word stands before the article.
            before = wordStart;
            while (before >= 0 && char.IsWhiteSpace(text[before]))
            {
                before--;
            }

            wordStart = before;
            while (wordStart >= 0 && (char.IsLetter(text[wordStart]) || text[wordStart] == '-'))
            {
                wordStart--;
            }

            previous = text.AsSpan(wordStart + 1, before - wordStart);
        }

        var naming = Words.Is(previous, "so-called") || Words.Is(previous, "dubbed") || Words.Is(previous, "nicknamed") || Words.Is(previous, "titled")
            || Words.Is(previous, "entitled") || (Words.Is(previous, "as") && IsNamingAs(text, wordStart)) || Words.Is(previous, "word") || Words.Is(previous, "term")
            || Words.Is(previous, "named") || Words.Is(previous, "branded") || Words.Is(previous, "labelled") || Words.Is(previous, "labeled");
        var capitalisedStart = char.IsUpper(text[start]);
        return naming || (allCapitalised && capitalisedStart);
    }

    /// <summary>"known as", "referred to as": an "as" that names (not "described her as", "such as").</summary>
    private static bool IsNamingAs(string text, int asStart)
    {
        var end = asStart;
        while (end >= 0 && char.IsWhiteSpace(text[end]))
        {
            end--;
        }

        var start = end;
        while (start >= 0 && char.IsLetter(text[start]))
        {
            start--;
        }

        var word = text.AsSpan(start + 1, end - start);
        return Words.Is(word, "known") || Words.Is(word, "to") || Words.Is(word, "referred") || Words.Is(word, "billed")
            || Words.Is(word, "styled") || Words.Is(word, "marketed") || Words.Is(word, "branded");
    }

    /// <summary>Whether a verb of saying follows the closing mark in the same sentence, a few words on
    /// (<c>"Yep," Bruce Purdy answered</c>): then even one capitalised word is someone's words, not a name.</summary>
    private static bool IsFollowedBySpeechVerb(string text, int closeMark)
    {
        if (closeMark < 0)
        {
            return false;
        }

        var i = closeMark + 1;
        for (var words = 0; words < 5 && i < text.Length;)
        {
            var c = text[i];
            if (c is '.' or '!' or '?' or '"' or '\u201C' or '\u201D' or '\n')
            {
                return false;
            }

            if (!char.IsLetter(c))
            {
                i++;
                continue;
            }

            // Hyphenated words are read whole: "the so-called "big bang"" has no verb of saying.
            var w = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (text[i] == '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            if (SpeechVerbs.IsSpeechVerb(text.AsSpan(w, i - w)))
            {
                return true;
            }

            words++;
        }

        return false;
    }

    private static bool HasText(string text, int from, int to)
    {
        if (from < 0)
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithOpeningMark(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c))
            {
                return c is '\u201C' or '"' or '\u201E' or '\u00AB';
            }
        }

        return false;
    }

    private static void AddQuote(string text, List<RawQuote> quotes, int start, int end, int openMark, int closeMark, int paragraph, int passageIndex, bool continues)
    {
        // The comma before a closing mark belongs to the attribution that follows, not to the speaker.
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == ','))
        {
            end--;
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var letters = false;
        for (var i = start; i < end && !letters; i++)
        {
            letters = char.IsLetter(text[i]);
        }

        if (letters && (continues || IsFollowedBySpeechVerb(text, closeMark) || !IsNameOrTerm(text, start, end, openMark)))
        {
            quotes.Add(new RawQuote(start, end, openMark, closeMark, paragraph, passageIndex, continues));
        }
    }
}
