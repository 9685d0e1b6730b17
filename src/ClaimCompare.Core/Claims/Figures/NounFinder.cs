namespace ClaimCompare.Core.Claims.Figures;

/// <summary>The counted noun after a figure: the head of the noun phrase ("combat-ready Russian troops" → "troops").</summary>
internal static class NounFinder
{
    /// <summary>The head noun of the noun phrase starting at token <paramref name="j"/>, as printed, or null.</summary>
    /// <param name="scan">The passage.</param>
    /// <param name="j">The first token after the figure.</param>
    /// <param name="skipOf">Skip a leading "of (the)" ("dozens of people", "45% of the vote").</param>
    /// <remarks>Walks at most four content words (hyphenated compounds count as one), stops at function words and
    /// punctuation, and ends early on a plural-looking word ("troops have amassed"): the head is the last word taken.</remarks>
    public static string? Find(FigureScan scan, int j, bool skipOf)
    {
        if (skipOf && scan.Is(j, "of"))
        {
            j++;
            if (scan.Is(j, "the") || scan.Is(j, "its") || scan.Is(j, "their") || scan.Is(j, "all"))
            {
                j++;
            }
        }

        string? head = null;
        var taken = 0;
        while (j < scan.Count && taken < 4)
        {
            if (!scan.IsWord(j))
            {
                break;
            }

            var w = scan.Span(j);
            if (Stopwords.Contains(w) || FigureLexicon.Month(w) > 0)
            {
                break;
            }

            // "combat-ready": a compound is one word; its last part decides.
            var last = j;
            while (scan.HyphenJoined(last, TokenKind.Word))
            {
                last += 2;
            }

            var lastWord = scan.Span(last);
            head = last == j ? w.ToString() : scan.Text[scan.Tokens[j].Start..scan.Tokens[last].End];
            taken++;
            j = last + 1;

            // A plural ends the phrase ("troops have amassed"), unless it is a capitalised modifier followed by more of
            // the phrase ("Windows devices").
            if (FigureLexicon.LooksPlural(Words.StripPossessive(lastWord))
                && !(Words.IsCapitalized(lastWord) && scan.IsWord(j) && !Words.IsCapitalized(scan.Span(j)) && !Stopwords.Contains(scan.Span(j))
                    && !SpeechVerbs.IsSpeechVerb(scan.Span(j))))
            {
                break;
            }
        }

        return head;
    }
}
