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

        var context = new AttributionContext(text, document.Passages, people);
        var quotes = new List<Quote>(raw.Count);
        string? previousSpeaker = null;
        var previousParagraph = -1;
        var previousContinues = false;
        foreach (var q in raw)
        {
            var (found, speaker) = context.Attribute(q);
            if (!found && (q.Paragraph == previousParagraph || previousContinues))
            {
                speaker = previousSpeaker;
            }

            quotes.Add(new Quote
            {
                Start = q.Start,
                End = q.End,
                Text = text[q.Start..q.End],
                Speaker = speaker,
                PassageIndex = q.PassageIndex,
            });
            previousSpeaker = speaker;
            previousParagraph = q.Paragraph;
            previousContinues = q.ContinuesNextParagraph;
        }

        return quotes;
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
                    case '\u201C' or '\u201E' or '\u00AB':
                        open = i + 1;
                        openPassage = passage.Index;
                        single = -1;
                        break;
                    case '\u201D' or '\u00BB':
                        if (open >= 0)
                        {
                            AddQuote(text, quotes, open, i, open - 1, i, paragraph, openPassage, continues: false);
                            open = -1;
                        }

                        break;
                    case '"':
                        if (open >= 0)
                        {
                            AddQuote(text, quotes, open, i, open - 1, i, paragraph, openPassage, continues: false);
                            open = -1;
                        }
                        else
                        {
                            open = i + 1;
                            openPassage = passage.Index;
                            single = -1;
                        }

                        break;
                    case '\u2018' when open < 0:
                        if ((i == 0 || !char.IsLetterOrDigit(text[i - 1])) && i + 1 < end && char.IsLetter(text[i + 1]))
                        {
                            single = i + 1;
                            singlePassage = passage.Index;
                        }

                        break;
                    case '\u2019' when open < 0 && single >= 0:
                        if (i + 1 >= text.Length || !char.IsLetter(text[i + 1]))
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

        return quotes;
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

        if (letters)
        {
            quotes.Add(new RawQuote(start, end, openMark, closeMark, paragraph, passageIndex, continues));
        }
    }
}
