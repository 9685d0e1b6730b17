namespace ClaimCompare.Core.Claims.Figures;

/// <summary>Reads whether a quantity is a level or the size of a change, and which way: "shares climbed 4.2% to 310p"
/// (4.2% up, 310p a level), "the index dropped 85 points" (down), "down 12 cents at $41.10" (12 cents down, $41.10 a level).</summary>
/// <remarks>
/// In order: a printed sign on a percentage or points ("DAX -0.8%"); a change noun or comparative right after the figure
/// ("a 40% drop", "a 2% price drop", "24% higher", "30% less"); then the words before it, past the hedge and fillers
/// ("just", "a further"): "to", "at", "from" make a level; "up"/"down" and movement verbs a change ("rose 5%"), unless
/// a transitive verb takes a counted object ("cut 13,000 jobs" is a count of jobs); "by" and "of" look a few words back
/// for the verb or noun ("boost its profits by 40%", "an increase in throughput of 36%"); "and" or "or" continue the
/// previous figure ("fell by 1.6% and 0.5%").
/// </remarks>
internal static class DirectionReader
{
    private const int ByReach = 7;
    private const int OfReach = 6;
    private const int CoordinationReach = 15;

    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "just", "only", "a", "an", "further", "another", "sharply", "slightly", "extra", "marginally", "nearly", "almost",
        "some", "about", "around", "roughly", "fully", "barely", "still",
    };

    /// <summary>The direction of candidate <paramref name="c"/>, whose wording (hedge included) starts at <paramref name="first"/>.</summary>
    /// <param name="scan">The passage.</param>
    /// <param name="c">The candidate.</param>
    /// <param name="first">First token of the figure's wording, hedge included.</param>
    /// <param name="end">Token after the figure's wording.</param>
    /// <param name="hedge">The hedge phrase, or null.</param>
    /// <param name="previous">Direction of the previous quantity in the passage.</param>
    /// <param name="previousEnd">Token after the previous quantity, for coordination ("1.6% and 0.5%").</param>
    public static FigureDirection Read(FigureScan scan, in Candidate c, int first, int end, string? hedge, FigureDirection previous, int previousEnd)
    {
        // "a five-foot putt", "the four-hour meeting": an adjective, never the size of a change.
        if (c.Adjectival)
        {
            return FigureDirection.None;
        }

        // "dipped below 20%", "rose above $50": the figure is the level crossed.
        if (hedge is "below" or "above" or "under" or "over")
        {
            return FigureDirection.None;
        }

        var percentLike = c.Unit is "%" or "pp" or "bp" or "pt";
        if (c.Sign != 0)
        {
            // "DAX -0.8%", "+2.3%": a signed percentage is a change; "-3 yards", "minus 40 degrees" are signed levels.
            return percentLike ? (c.Sign > 0 ? FigureDirection.Up : FigureDirection.Down) : FigureDirection.None;
        }

        var amount = percentLike || c.Kind == FigureKind.Money;
        if (amount && After(scan, end) is var after && after != FigureDirection.None)
        {
            return after;
        }

        var j = first - 1;
        for (var skipped = 0; skipped < 3 && j >= 0 && scan.IsWord(j) && Fillers.Contains(scan.Tokens[j].Text(scan.Text)); skipped++)
        {
            j--;
        }

        if (j < 0 || !scan.IsWord(j))
        {
            return Coordinated(scan, j, previous, previousEnd);
        }

        var word = scan.Span(j);
        if (Words.Is(word, "to") || Words.Is(word, "at") || Words.Is(word, "from") || Words.Is(word, "with"))
        {
            return FigureDirection.None;
        }

        if (Words.Is(word, "and") || Words.Is(word, "or"))
        {
            return Coordinated(scan, j, previous, previousEnd);
        }

        var adverb = DirectionLexicon.Adverb(word);
        if (adverb != FigureDirection.None)
        {
            // "a firmed-up $17 billion sale", "a scaled-down plan": a particle hyphened to its verb makes an adjective of
            // the thing, not the size of a change.
            if (j >= 2 && scan.IsHyphen(j - 1) && scan.Tokens[j - 1].End == scan.Tokens[j].Start
                && scan.Tokens[j - 2].End == scan.Tokens[j - 1].Start && scan.IsWord(j - 2))
            {
                return FigureDirection.None;
            }

            return adverb;
        }

        if (Words.Is(word, "by"))
        {
            var verb = Back(scan, j - 1, ByReach, nouns: false);
            return verb != FigureDirection.None ? verb : Coordinated(scan, j, previous, previousEnd);
        }

        if (Words.Is(word, "of"))
        {
            return Back(scan, j - 1, OfReach, nouns: true);
        }

        if (percentLike && (Words.Is(word, "was") || Words.Is(word, "is") || Words.Is(word, "be") || Words.Is(word, "been") || Words.Is(word, "were")))
        {
            // "growth for the whole of 2004 was 1.6%": the subject names the change.
            return Back(scan, j - 1, OfReach + 2, nouns: true);
        }

        // "cut GM's stake in half".
        if (Words.Is(word, "in") && c.Unit == "%" && scan.Is(c.NumberFirst, "half"))
        {
            return Back(scan, j - 1, 4, nouns: false);
        }

        var (direction, transitive) = DirectionLexicon.Verb(word);
        if (direction != FigureDirection.None)
        {
            // "cut 13,000 jobs", "lost 464,000 subscribers", "cut £35bn tax": the verb's object is counted, a level.
            if (transitive && !percentLike && NounFinder.Find(scan, c.NounStart, skipOf: false) is not null)
            {
                return FigureDirection.None;
            }

            return direction;
        }

        // "raise prices 20%": a transitive verb, its object, then the amount.
        if (amount && j > 0 && !Stopwords.Contains(word) && !Words.IsCapitalized(word) && scan.IsWord(j - 1)
            && DirectionLexicon.Verb(scan.Span(j - 1)) is { Direction: not FigureDirection.None, Transitive: true } hop)
        {
            return hop.Direction;
        }

        return FigureDirection.None;
    }

    // "a 40% drop", "a 2% price drop", "24% higher", "30% less power", "£60bn more".
    private static FigureDirection After(FigureScan scan, int end)
    {
        if (!scan.IsWord(end))
        {
            return FigureDirection.None;
        }

        var word = scan.Span(end);
        var comparative = DirectionLexicon.Comparative(word);
        if (comparative != FigureDirection.None)
        {
            return comparative;
        }

        var noun = DirectionLexicon.Noun(word);
        if (noun != FigureDirection.None)
        {
            return noun;
        }

        if (scan.IsWord(end + 1) && !Stopwords.Contains(word) && !Words.IsCapitalized(word))
        {
            return DirectionLexicon.Noun(scan.Span(end + 1));
        }

        return FigureDirection.None;
    }

    // A movement verb (or, after "of", a change noun) within reach before token j, not across a sentence or clause mark.
    private static FigureDirection Back(FigureScan scan, int j, int reach, bool nouns)
    {
        for (var k = j; k >= 0 && k > j - reach; k--)
        {
            if (scan.IsPunct(k))
            {
                var c = scan.Text[scan.Tokens[k].Start];
                if (c is '.' or ';' or ':' or '!' or '?' or ',' or '(' or ')' or '"' or '\u201C' or '\u201D')
                {
                    break;
                }

                continue;
            }

            // "growth for the whole of 2004 was 1.6%": a year names when, not another amount.
            if (scan.IsNumber(k) && IsYear(scan.Span(k)))
            {
                continue;
            }

            if (!scan.IsWord(k))
            {
                break;
            }

            var word = scan.Span(k);
            if (nouns && DirectionLexicon.Noun(word) is var noun && noun != FigureDirection.None)
            {
                return noun;
            }

            var (verb, _) = DirectionLexicon.Verb(word);
            if (verb != FigureDirection.None)
            {
                return verb;
            }

            // "prices were up by 23%".
            if (!nouns && DirectionLexicon.Adverb(word) is var adverb && adverb != FigureDirection.None)
            {
                return adverb;
            }
        }

        return FigureDirection.None;
    }

    private static bool IsYear(ReadOnlySpan<char> digits) =>
        digits.Length == 4 && digits[0] is '1' or '2' && char.IsAsciiDigit(digits[1]) && char.IsAsciiDigit(digits[2]) && char.IsAsciiDigit(digits[3])
        && (digits[0] == '1' ? digits[1] >= '7' : digits[1] == '0');

    private static FigureDirection Coordinated(FigureScan scan, int j, FigureDirection previous, int previousEnd) =>
        previous != FigureDirection.None && previousEnd >= 0 && j - previousEnd <= CoordinationReach && j >= previousEnd - 1
            ? previous
            : FigureDirection.None;
}
