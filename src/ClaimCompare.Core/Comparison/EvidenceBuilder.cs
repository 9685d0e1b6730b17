using System.Globalization;
using System.Text.RegularExpressions;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Comparison;

/// <summary>Builds a finding's evidence from a claim span: the sentence around it and the context a reviewer needs.</summary>
/// <remarks>
/// The sentence is found by binary search over the document's passages (in document order), so building the
/// evidence of every claim of a document costs n log n, not n². A sentence longer than
/// <see cref="MaxSentenceLength"/> characters (text without punctuation or white space, a run-on list) is cut to a
/// window around the claim, at word boundaries where there are any, so that no finding carries a megabyte of text.
/// </remarks>
internal static partial class EvidenceBuilder
{
    /// <summary>The longest evidence sentence, in characters; a longer one is cut to a window around its claim.</summary>
    public const int MaxSentenceLength = 600;

    /// <summary>How far a cut looks for white space to end on a word boundary.</summary>
    private const int BoundarySearch = 40;

    /// <summary>The evidence for a claim at [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="document"/>.</summary>
    public static Evidence Build(ProcessedDocument document, int start, int end, string? value)
    {
        var original = document.OriginalText;
        start = Math.Clamp(start, 0, original.Length);
        end = Math.Clamp(end, start, original.Length);
        var (sentenceStart, sentenceEnd) = Window(original, SentenceAround(document, start, end), start, end);
        var sentence = new SourceSpan(sentenceStart, sentenceEnd, original[sentenceStart..sentenceEnd]);
        var claim = new SourceSpan(start, end, original[start..end]);
        return new Evidence(document.Id, sentence, claim, value) { Context = Context(document, sentence.Text) };
    }

    /// <summary>The union of the passages the span touches, or the span itself when it lies outside every passage.</summary>
    internal static (int Start, int End) SentenceAround(ProcessedDocument document, int start, int end)
    {
        var passages = document.Passages;
        var touchEnd = Math.Max(end, start + 1);

        // The first passage that ends after the span starts (passages are in document order and do not overlap).
        int low = 0, high = passages.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (passages[middle].End <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var from = -1;
        var to = -1;
        for (var i = low; i < passages.Count && passages[i].Start < touchEnd; i++)
        {
            if (from < 0)
            {
                from = passages[i].Start;
            }

            to = passages[i].End;
        }

        return from < 0 ? (start, end) : (Math.Min(from, start), Math.Max(to, end));
    }

    /// <summary>The sentence, or a window of at most <see cref="MaxSentenceLength"/> characters around the claim when it is longer.</summary>
    internal static (int Start, int End) Window(string original, (int Start, int End) sentence, int claimStart, int claimEnd)
    {
        if (sentence.End - sentence.Start <= MaxSentenceLength)
        {
            return sentence;
        }

        if (claimEnd - claimStart >= MaxSentenceLength)
        {
            return (claimStart, claimEnd);
        }

        var reach = (MaxSentenceLength - (claimEnd - claimStart)) / 2;
        var from = Math.Max(sentence.Start, claimStart - reach);
        var to = Math.Min(sentence.End, claimEnd + reach);

        // Give what one side cannot use to the other.
        from = Math.Max(sentence.Start, Math.Min(from, to - MaxSentenceLength));
        to = Math.Min(sentence.End, Math.Max(to, from + MaxSentenceLength));

        // End on word boundaries when white space is near; the claim itself is never cut.
        if (from > sentence.Start)
        {
            for (var i = from; i < Math.Min(claimStart, from + BoundarySearch); i++)
            {
                if (char.IsWhiteSpace(original[i]))
                {
                    from = i + 1;
                    break;
                }
            }
        }

        if (to < sentence.End)
        {
            for (var i = to - 1; i >= Math.Max(claimEnd, to - BoundarySearch); i--)
            {
                if (char.IsWhiteSpace(original[i]))
                {
                    to = i;
                    break;
                }
            }
        }

        // Never start inside a surrogate pair.
        if (from > 0 && from < claimStart && char.IsLowSurrogate(original[from]))
        {
            from++;
        }

        if (to < original.Length && to > claimEnd && char.IsLowSurrogate(original[to]))
        {
            to--;
        }

        return (from, to);
    }

    /// <summary>When and where the source places its claim: the document date, weekdays and places named in the sentence.</summary>
    private static string? Context(ProcessedDocument document, string sentence)
    {
        var parts = new List<string>(4);
        if (document.Date is { } date)
        {
            parts.Add(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        foreach (Match match in Weekday().Matches(sentence))
        {
            if (!parts.Contains(match.Value))
            {
                parts.Add(match.Value);
            }
        }

        foreach (Match match in Place().Matches(sentence))
        {
            var place = match.Value.Trim();
            if (!parts.Contains(place))
            {
                parts.Add(place);
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    [GeneratedRegex(@"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|last (?:week|month|year))\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    // "in southern Russia", "close to Ukraine", "near the border", "along Ukraine's eastern border", "in Geneva".
    [GeneratedRegex(@"\b(?:in|near|along|close to|outside|inside|across|at|from) (?:the |its )?(?:(?:north|south|east|west)(?:ern|-eastern|-western)? )?(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}(?:['’]s (?:[a-z]+ )?border)?|borders?)\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Place();
}
